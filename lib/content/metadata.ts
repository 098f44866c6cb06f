import type { Metadata } from "next";
import type { Entry } from "./load";
import type { CollectionName } from "./schema";
import { entryHref } from "./index";

/** Title, description and sharing cards come straight from a content file's frontmatter. */
export function entryMetadata(entry: Entry<CollectionName>): Metadata {
  const { title, description } = entry.frontmatter;
  const href = entryHref(entry);
  const published = (entry.frontmatter as { published?: string }).published;
  return {
    title,
    description,
    alternates: { canonical: href },
    openGraph: {
      title,
      description,
      url: href,
      type: entry.collection === "pages" ? "website" : "article",
      ...(published ? { publishedTime: published } : {}),
    },
    twitter: { card: "summary_large_image", title, description },
  };
}
