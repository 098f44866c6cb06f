// One page of each kind a visitor can land on (issue #11): the blog post and audit summary are the first the
// sitemap lists, so the check follows the content instead of a list kept here.
import lighthouseConfig from "@/tests/lighthouse/lighthouserc.cjs";

export type PageType = { label: string; path: string };

/** Paths (pathname only) of every page /sitemap.xml lists. */
export async function sitemapPathsAt(baseURL: string): Promise<string[]> {
  const response = await fetch(new URL("/sitemap.xml", baseURL));
  if (!response.ok) throw new Error(`/sitemap.xml answered ${response.status}`);
  const xml = await response.text();
  return [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map(
    (match) => new URL((match[1] ?? "").replace(/&amp;/g, "&")).pathname,
  );
}

function firstUnder(paths: string[], prefix: string): string {
  const found = paths.find((path) => path.startsWith(prefix) && path.length > prefix.length);
  if (!found) throw new Error(`The sitemap lists no page under ${prefix}`);
  return found;
}

export async function publicPageTypes(baseURL: string): Promise<PageType[]> {
  const paths = await sitemapPathsAt(baseURL);
  return [
    { label: "Home", path: "/" },
    { label: "Pledge", path: "/pledge" },
    { label: "Blog", path: "/blog" },
    { label: "Blog post", path: firstUnder(paths, "/blog/") },
    { label: "Audits", path: "/audits" },
    { label: "Audit summary", path: firstUnder(paths, "/audits/") },
    { label: "Scotland", path: "/scotland" },
    { label: "Volunteer form", path: "/scotland/volunteer" },
    { label: "Privacy", path: "/privacy" },
    { label: "Not found (404)", path: lighthouseConfig.missingPath },
  ];
}
