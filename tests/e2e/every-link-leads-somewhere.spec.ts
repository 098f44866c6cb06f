import { expect, test } from "@playwright/test";
import { everyPage } from "@/tests/e2e/support/site";

type Link = { from: string; href: string; text: string };

test("every link on every page leads somewhere", async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? "").origin;
  const pages = await everyPage(page.request);
  const targets = new Map<string, Link[]>(); // target URL without fragment -> links to it
  const fragmentsElsewhere: (Link & { target: string; id: string })[] = [];
  const brokenFragments: string[] = [];

  for (const path of pages) {
    await page.goto(path);
    const here = new URL(page.url());
    here.hash = "";
    const found = await page.locator("a[href]").evaluateAll((anchors) =>
      anchors.map((a) => ({
        raw: a.getAttribute("href") ?? "",
        absolute: (a as HTMLAnchorElement).href,
        text: (a.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 50),
      })),
    );
    const ids = new Set(await page.locator("[id]").evaluateAll((els) => els.map((el) => el.id)));

    for (const { raw, absolute, text } of found) {
      const url = new URL(absolute);
      if (url.origin !== origin) continue;
      const id = decodeURIComponent(url.hash.slice(1));
      url.hash = "";
      const link = { from: path, href: raw, text };
      if (url.href === here.href) {
        if (id && !ids.has(id))
          brokenFragments.push(`${path}: "${text}" (${raw}) points at #${id}, which is not on the page`);
        if (id) continue;
      }
      targets.set(url.href, [...(targets.get(url.href) ?? []), link]);
      if (id) fragmentsElsewhere.push({ ...link, target: url.href, id });
    }
  }

  const broken: string[] = [];
  const bodies = new Map<string, string>();
  for (const [target, links] of targets) {
    const response = await page.request.get(target);
    if (response.status() >= 400) {
      const sources = links.map((link) => `${link.from} ("${link.text}")`);
      broken.push(
        `${new URL(target).pathname} answers ${response.status()}; linked from ${[...new Set(sources)].join(", ")}`,
      );
    } else if ((response.headers()["content-type"] ?? "").includes("text/html")) {
      bodies.set(target, await response.text());
    }
  }
  for (const link of fragmentsElsewhere) {
    const body = bodies.get(link.target);
    const escaped = link.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (body !== undefined && !new RegExp(`\\sid="${escaped}"`).test(body)) {
      brokenFragments.push(
        `${link.from}: "${link.text}" (${link.href}) points at an id that page does not have`,
      );
    }
  }

  // A page people can reach by a link but search engines are not told about, unless it asks not to be indexed.
  const notInSitemap = [...bodies]
    .filter(([, body]) => !/<meta[^>]+name="robots"[^>]+content="[^"]*noindex/.test(body))
    .map(([target]) => new URL(target).pathname)
    .filter((path) => !pages.includes(path));

  test.info().annotations.push({
    type: "crawl",
    description: `${pages.length} pages, ${targets.size} distinct internal addresses`,
  });
  expect.soft(targets.size, "the crawl found internal links").toBeGreaterThan(0);
  expect.soft(broken, "internal links that fail").toEqual([]);
  expect.soft(brokenFragments, "fragment links with no matching id").toEqual([]);
  expect.soft(notInSitemap, "linked pages missing from /sitemap.xml").toEqual([]);
});
