// GET /api/embed/counter – the pledge count, goal and sign link as JSON, for partners' own counters (CORS)
import { publicRoute } from "@/lib/entry/route";
import { readPledgeCounts } from "@/lib/pledge";
import { counterSummary } from "@/lib/pledge/counter-summary";

export const dynamic = "force-dynamic";

// Any site may read it from a browser: public numbers, no cookie read or set, so no credentials allowed.
const cors = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET",
  "Access-Control-Max-Age": "86400",
};

export const GET = publicRoute(async (request) => {
  const ref = new URL(request.url).searchParams.get("ref");
  return Response.json(counterSummary(await readPledgeCounts(), ref), {
    headers: {
      ...cors,
      // As GET /api/pledge/count: at most 1 s in a browser or CDN, then 2 s stale while refreshing.
      "Cache-Control": "public, max-age=1, s-maxage=1, stale-while-revalidate=2",
    },
  });
});

/** A preflight (a partner's script sending a custom header): GET only, no credentials. */
export const OPTIONS = () => new Response(null, { status: 204, headers: cors });
