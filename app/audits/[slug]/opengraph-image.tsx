import { renderShareCard, shareCardSize } from "@/components/og/share-card";
import { findEntry, listAudits } from "@/lib/content";

export const size = shareCardSize;
export const contentType = "image/png";
export const alt = "Audit summary from Count Us In";

export function generateStaticParams() {
  return listAudits().map((entry) => ({ slug: entry.slug }));
}

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const entry = findEntry("audits", (await params).slug);
  return renderShareCard({ title: entry?.frontmatter.title ?? "Count Us In", kicker: "Audit summary" });
}
