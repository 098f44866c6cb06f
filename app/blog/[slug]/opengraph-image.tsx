import { renderShareCard, shareCardSize } from "@/components/og/share-card";
import { findEntry, listBlogPosts } from "@/lib/content";

export const size = shareCardSize;
export const contentType = "image/png";
export const alt = "Blog post from Count Us In";

export function generateStaticParams() {
  return listBlogPosts().map((entry) => ({ slug: entry.slug }));
}

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const entry = findEntry("blog", (await params).slug);
  return renderShareCard({ title: entry?.frontmatter.title ?? "Count Us In", kicker: "From the blog" });
}
