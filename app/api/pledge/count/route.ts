// GET /api/pledge/count – confirmed signatures: total, per UK nation, per country, per partner, per day
import { publicRoute } from "@/lib/entry/route";
import { readPledgeCounts } from "@/lib/pledge";

export const dynamic = "force-dynamic";

export const GET = publicRoute(async () =>
  Response.json(await readPledgeCounts(), {
    headers: {
      // Browsers and CDNs may reuse an answer for 1 s and serve it stale for 2 s more while refreshing:
      // a refresh storm reaches us about once a second per edge; with our 1 s count cache, never over 5 s old.
      "Cache-Control": "public, max-age=1, s-maxage=1, stale-while-revalidate=2",
    },
  }),
);
