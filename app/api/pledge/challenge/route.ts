// GET /api/pledge/challenge – a fresh proof-of-work challenge for the pledge form or an app
import { newPledgeChallenge } from "@/lib/pledge";

export async function GET() {
  return Response.json(await newPledgeChallenge(), { headers: { "Cache-Control": "no-store" } });
}
