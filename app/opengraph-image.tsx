import { renderShareCard, shareCardSize } from "@/components/og/share-card";
import { requirePage } from "@/lib/content";

export const size = shareCardSize;
export const contentType = "image/png";
export const alt = "Count Us In: count everyone living with secondary breast cancer";

export default function Image() {
  return renderShareCard({ title: requirePage("home").frontmatter.title });
}
