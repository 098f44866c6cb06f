import { counterDocument } from "@/lib/embed/counter-document";
import { readCountsForCachedPage } from "@/lib/pledge";
import { counterSummary } from "@/lib/pledge/counter-summary";

/** The embeddable counter's HTML response, for everyone or for one partner (its sign link credits them). */
export async function embedCounterResponse(partnerCode?: string): Promise<Response> {
  const counts = await readCountsForCachedPage();
  const summary = counts ? counterSummary(counts, partnerCode) : undefined;
  const signUrl = summary?.signUrl ?? counterSummary({ total: 0, countedAt: "" }, partnerCode).signUrl;
  return new Response(counterDocument(summary, signUrl), {
    headers: { "Content-Type": "text/html; charset=utf-8" },
  });
}
