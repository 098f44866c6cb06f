// GET /blog/feed.xml – the blog as an RSS feed, built once at deploy time
import { listBlogPosts } from "@/lib/content";
import { renderRss } from "@/lib/content/rss";
import { publicRoute } from "@/lib/entry/route";
import { env } from "@/lib/platform/env";
import { site } from "@/lib/site";

export const dynamic = "force-static";

export const GET = publicRoute(() => {
  const xml = renderRss({
    title: `${site.name} blog`,
    description: site.description,
    siteUrl: env.SITE_URL,
    posts: listBlogPosts(),
  });
  return new Response(xml, { headers: { "Content-Type": "application/rss+xml; charset=utf-8" } });
});
