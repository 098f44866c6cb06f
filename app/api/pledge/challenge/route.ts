// GET /api/pledge/challenge – a fresh proof-of-work challenge for the pledge form or an app
import { publicRoute } from "@/lib/entry/route";
import { newPledgeChallenge } from "@/lib/pledge";

export const GET = publicRoute(async () =>
  Response.json(await newPledgeChallenge(), { headers: { "Cache-Control": "no-store" } }),
);
