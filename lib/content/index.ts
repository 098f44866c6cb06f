import { loadContentLibrary, type ContentLibrary, type Entry } from "@/lib/content/load";
import type { CollectionName } from "@/lib/content/schema";
import { bindOnce } from "@/lib/platform/bind-once";

export type { Entry } from "@/lib/content/load";
export { ContentError } from "@/lib/content/content-error";

// Content only changes with a deploy, so it is read once per process (in practice: once, at build time).
const library: () => ContentLibrary = bindOnce(loadContentLibrary);

const newestFirst = (a: Entry<"blog">, b: Entry<"blog">) => b.frontmatter.published.localeCompare(a.frontmatter.published);

export function listBlogPosts(): Entry<"blog">[] {
  return [...library().blog].sort(newestFirst);
}

export function listAudits(): Entry<"audits">[] {
  return [...library().audits].sort((a, b) => a.frontmatter.order - b.frontmatter.order);
}

export function findEntry<C extends CollectionName>(collection: C, slug: string): Entry<C> | undefined {
  return (library()[collection] as Entry<C>[]).find((entry) => entry.slug === slug);
}

/** For pages the site cannot exist without (home, pledge, privacy…): a missing file is a build error. */
export function requirePage(slug: string): Entry<"pages"> {
  const entry = findEntry("pages", slug);
  if (!entry) throw new Error(`content/pages/${slug}.mdx is missing: the site needs it`);
  return entry;
}

export function entryHref(entry: { collection: CollectionName; slug: string }): string {
  if (entry.collection === "pages") return entry.slug === "home" ? "/" : `/${entry.slug}`;
  return `/${entry.collection}/${entry.slug}`;
}

export function findBySlugPath(slugPath: string): Entry<CollectionName> | undefined {
  const [collection, slug] = slugPath.split("/") as [CollectionName, string];
  return findEntry(collection, slug);
}
