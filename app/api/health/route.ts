// GET /api/health – liveness for load balancers: answers without touching the database or mail
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
