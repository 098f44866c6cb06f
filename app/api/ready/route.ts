// GET /api/ready – readiness for load balancers: 200 once the database answers with every migration applied, else 503
import { publicRoute } from "@/lib/entry/route";
import { appReadiness, readinessResponse } from "@/lib/platform/readiness";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () => readinessResponse(await appReadiness()));
