// GET /api/health – liveness for load balancers: answers without touching the database or mail
import { publicRoute } from "@/lib/entry/route";

export const dynamic = "force-dynamic";

export const GET = publicRoute(() =>
  Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } }),
);
