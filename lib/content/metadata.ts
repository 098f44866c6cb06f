import type { Metadata } from "next";
import type { Entry } from "@/lib/content/load";
import type { CollectionName } from "@/lib/content/schema";
import { site } from "@/lib/site";
import { entryHref } from "@/lib/content/index";

/**
 * Next.js replaces (does not merge) a parent's `alternates`, so every page that sets its canonical URL
 * must restate the feed link too: this is the one place that does both.
 */
export function pageAlternates(canonical?: string): Metadata["alternates"] {
  const types = { "application/rss+xml": [{ url: "/blog/feed.xml", title: `${site.name} blog` }] };
  return canonical ? { canonical, types } : { types };
}

/** The campaign's own sharing card (app/opengraph-image.tsx), for pages without one of their own. */
const defaultShareImage = { url: "/opengraph-image", width: 1200, height: 630, alt: `${site.name}: ${site.tagline}` };

/** Title, description and sharing cards come straight from a content file's frontmatter. */
export function entryMetadata(entry: Entry<CollectionName>): Metadata {
  const { title, description } = entry.frontmatter;
  const href = entryHref(entry);
  const published = (entry.frontmatter as { published?: string }).published;
  return {
    title,
    description,
    alternates: pageAlternates(href),
    openGraph: {
      title,
      description,
      url: href,
      type: entry.collection === "pages" ? "website" : "article",
      ...(published ? { publishedTime: published } : {}),
      // Blog posts and audits have their own card (opengraph-image.tsx beside their page), which wins.
      ...(entry.collection === "pages" ? { images: [defaultShareImage] } : {}),
    },
    twitter: { card: "summary_large_image", title, description },
  };
}
