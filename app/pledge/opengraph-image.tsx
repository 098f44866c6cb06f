import { renderShareCard, shareCardSize } from "@/components/og/share-card";
import { readCountsForCachedPage } from "@/lib/pledge";

// The pledge's sharing card shows the live count. It is cached as the page is, but drawn less often (a PNG
// costs more than a page): at most once every 2 seconds per server in the background
// (stale-while-revalidate), never per request, so a post that goes viral costs one render every few seconds
// however many people view the card.
export const revalidate = 2;
export const size = shareCardSize;
export const contentType = "image/png";
export const alt = "Count Us In: the global pledge, with how many people have signed";

export default async function Image() {
  const counts = await readCountsForCachedPage();
  const total = counts?.total;
  const card = renderShareCard({
    kicker: "The global Count Us In pledge",
    title:
      total === undefined
        ? "Everyone living with secondary breast cancer should be counted. Add your name."
        : `${total.toLocaleString("en-GB")} ${total === 1 ? "person has" : "people have"} signed. Add your name.`,
  });
  // ImageResponse says "max-age=0, must-revalidate"; say what its own revalidate allows instead, so a CDN
  // in front may hold the card for a few seconds.
  card.headers.set("Cache-Control", "s-maxage=2, stale-while-revalidate=1");
  return card;
}
