import { expect, type APIRequestContext, type Page } from "@playwright/test";

// The pages under test come from the sitemap, not a list kept here, so a new post or page is covered the
// moment it is published.

/** A path no page will ever have: the custom 404 is tested through it. */
export const missingPath = "/this-page-does-not-exist-e2e";

/** Paths (pathname only) of every page the sitemap lists, in sitemap order. */
export async function sitemapPaths(request: APIRequestContext): Promise<string[]> {
  const response = await request.get("/sitemap.xml");
  expect(response.status(), "/sitemap.xml should answer 200").toBe(200);
  const xml = await response.text();
  const locs = [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((match) => decodeXml(match[1] ?? ""));
  expect(locs.length, "/sitemap.xml should list pages").toBeGreaterThan(0);
  const paths = [...new Set(locs.map((loc) => new URL(loc).pathname))];
  expect(paths, "/sitemap.xml should list the home page").toContain("/");
  return paths;
}

/** Every page a visitor can land on: the sitemap's pages plus the 404. */
export async function everyPage(request: APIRequestContext): Promise<string[]> {
  return [...(await sitemapPaths(request)), missingPath];
}

/**
 * A sweep over every page runs as this many tests, each taking every fourth page. A sweep in one test held
 * the whole site's time: axe on every page took two minutes on a busy two-core machine and ran past the
 * suite's bound. In parts, no test holds more than a quarter of it, and both workers share the sweep. Each
 * part still reads the sitemap, so a new page is covered the moment it is published.
 */
export const sweepParts = [1, 2, 3, 4].map((number, index, all) => ({
  name: `part ${number} of ${all.length}`,
  pick: <T>(items: T[]): T[] => items.filter((_, position) => position % all.length === index),
}));

/** Pick the first sitemap path under a section, e.g. `/blog/` gives a blog post. */
export function firstUnder(paths: string[], prefix: string): string {
  const found = paths.find((path) => path.startsWith(prefix) && path.length > prefix.length);
  if (!found) throw new Error(`The sitemap lists no page under ${prefix}: ${paths.join(", ")}`);
  return found;
}

export function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Open every <details> (the charts' "Show the numbers as a table"), so checks see what a reader can see. */
export async function openAllDetails(page: Page): Promise<number> {
  return page.locator("details").evaluateAll((elements) => {
    for (const element of elements) (element as HTMLDetailsElement).open = true;
    return elements.length;
  });
}

/** The elements sticking out past the right edge of the viewport, widest first, for a readable failure. */
export async function elementsWiderThanViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const describe = (element: Element): string => {
      const id = element.id ? `#${element.id}` : "";
      const classes = [...element.classList].map((name) => `.${name}`).join("");
      const text = (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `${element.tagName.toLowerCase()}${id}${classes} "${text}"`;
    };
    const offenders: { element: Element; right: number }[] = [];
    for (const element of document.body.querySelectorAll("*")) {
      const { right, width } = element.getBoundingClientRect();
      if (width > 0 && right > limit + 0.5) offenders.push({ element, right });
    }
    // Report the outermost offenders only: a wide table's cells are not separate problems.
    const outermost = offenders.filter(
      ({ element }) =>
        !offenders.some((other) => other.element !== element && other.element.contains(element)),
    );
    return outermost
      .sort((a, b) => b.right - a.right)
      .slice(0, 5)
      .map(({ element, right }) => `${describe(element)} reaches ${Math.round(right)}px`);
  });
}
