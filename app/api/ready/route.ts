// GET /api/ready – readiness for load balancers: 200 once the database answers with every migration applied, else 503
import { appReadiness, readinessResponse } from "@/lib/platform/readiness";

export const dynamic = "force-dynamic";

export async function GET() {
  return readinessResponse(await appReadiness());
}
