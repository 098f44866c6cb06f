import type { Entry } from "@/lib/content/load";

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c]!);

type Feed = { title: string; description: string; siteUrl: string; posts: Entry<"blog">[] };

/** RSS 2.0 for the blog: titles, summaries and links (the full text stays on the site, with its sources). */
export function renderRss({ title, description, siteUrl, posts }: Feed): string {
  const items = posts.map((post) => {
    const url = new URL(`/blog/${post.slug}`, siteUrl).toString();
    return [
      "    <item>",
      `      <title>${escapeXml(post.frontmatter.title)}</title>`,
      `      <link>${escapeXml(url)}</link>`,
      `      <guid isPermaLink="true">${escapeXml(url)}</guid>`,
      `      <description>${escapeXml(post.frontmatter.description)}</description>`,
      `      <pubDate>${new Date(`${post.frontmatter.published}T09:00:00Z`).toUTCString()}</pubDate>`,
      "    </item>",
    ].join("\n");
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    "  <channel>",
    `    <title>${escapeXml(title)}</title>`,
    `    <link>${escapeXml(new URL("/blog", siteUrl).toString())}</link>`,
    `    <atom:link href="${escapeXml(new URL("/blog/feed.xml", siteUrl).toString())}" rel="self" type="application/rss+xml"/>`,
    `    <description>${escapeXml(description)}</description>`,
    "    <language>en-gb</language>",
    ...items,
    "  </channel>",
    "</rss>",
    "",
  ].join("\n");
}
