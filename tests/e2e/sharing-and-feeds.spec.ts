import { expect, test, type Page } from "@playwright/test";
import { decodeXml, missingPath, sitemapPaths } from "@/tests/e2e/support/site";

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

async function parsesAsXml(page: Page, xml: string): Promise<string | null> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "application/xml");
    return doc.querySelector("parsererror")?.textContent ?? null;
  }, xml);
}

test.describe("A supporter shares the campaign", () => {
  test("every page answers, with one main heading, a title, a description and a sharing card", async ({
    page,
    baseURL,
  }) => {
    const paths = await sitemapPaths(page.request);
    for (const path of paths) {
      await test.step(path, async () => {
        const response = await page.goto(path);
        expect.soft(response?.status(), `${path} status`).toBe(200);
        await expect.soft(page.locator("h1"), `${path} has exactly one h1`).toHaveCount(1);
        expect.soft((await page.title()).trim(), `${path} <title>`).not.toBe("");

        // Read what is there now: the head is complete once the page has loaded, so nothing to wait for.
        const meta = (selector: string) =>
          page
            .locator(selector)
            .evaluateAll((elements) => elements[0]?.getAttribute("content")?.trim() ?? "");
        const description = await meta('meta[name="description"]');
        const ogTitle = await meta('meta[property="og:title"]');
        const ogImage = await meta('meta[property="og:image"]');
        expect.soft(description, `${path} meta description`).not.toBe("");
        expect.soft(ogTitle, `${path} og:title`).not.toBe("");
        expect.soft(ogImage, `${path} og:image`).not.toBe("");
        // The layout points feed readers at the blog's feed from every page.
        const feeds = await page
          .locator('head link[rel="alternate"][type="application/rss+xml"]')
          .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
        expect.soft(feeds, `${path} advertises the RSS feed in <head>`).toEqual([`${baseURL}/blog/feed.xml`]);
        if (!ogImage) return;

        // Sharing sites fetch the card from elsewhere, so its address must be absolute and on our own site.
        expect
          .soft(ogImage, `${path} og:image is an absolute URL on SITE_URL`)
          .toMatch(new RegExp(`^${baseURL}/`));
        const image = await page.request.get(ogImage);
        expect.soft(image.status(), `${path} og:image ${ogImage} status`).toBe(200);
        expect.soft(image.headers()["content-type"], `${path} og:image content type`).toContain("image/png");
        const bytes = [...(await image.body()).subarray(0, 8)];
        expect.soft(bytes, `${path} og:image is a PNG`).toEqual(pngSignature);
      });
    }
  });

  test("search engines find the sitemap from robots.txt, and every sitemap address is absolute", async ({
    page,
    baseURL,
  }) => {
    const robots = await page.request.get("/robots.txt");
    expect(robots.status()).toBe(200);
    expect(await robots.text()).toMatch(new RegExp(`^Sitemap: ${baseURL}/sitemap\\.xml$`, "m"));

    const sitemap = await page.request.get("/sitemap.xml");
    expect(sitemap.headers()["content-type"]).toContain("xml");
    const xml = await sitemap.text();
    expect(await parsesAsXml(page, xml), "sitemap.xml is well-formed XML").toBeNull();
    const locs = [...xml.matchAll(/<loc>\s*([^<\s]+)\s*<\/loc>/g)].map((match) => decodeXml(match[1] ?? ""));
    for (const loc of locs)
      expect.soft(loc, "sitemap URLs are built from SITE_URL").toMatch(new RegExp(`^${baseURL}/`));
    expect(new Set(locs).size, "sitemap lists each page once").toBe(locs.length);
  });

  test("a feed reader gets RSS whose items lead to real posts", async ({ page, baseURL }) => {
    const response = await page.request.get("/blog/feed.xml");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/application\/(rss\+)?xml/);
    const xml = await response.text();
    expect(await parsesAsXml(page, xml), "feed.xml is well-formed XML").toBeNull();

    const feed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      const child = (parent: Element | null, name: string) =>
        parent
          ? ([...parent.children].find((element) => element.tagName === name)?.textContent?.trim() ?? "")
          : "";
      const channel = doc.querySelector("rss > channel");
      return {
        rssVersion:
          doc.documentElement.tagName === "rss" ? doc.documentElement.getAttribute("version") : null,
        title: child(channel, "title"),
        link: child(channel, "link"),
        description: child(channel, "description"),
        items: [...doc.querySelectorAll("rss > channel > item")].map((item) => ({
          title: child(item, "title"),
          link: child(item, "link"),
          guid: child(item, "guid"),
          pubDate: child(item, "pubDate"),
          description: child(item, "description"),
        })),
      };
    }, xml);

    expect(feed.rssVersion).toBe("2.0");
    expect(feed.title).not.toBe("");
    expect(feed.description).not.toBe("");
    expect(feed.link).toMatch(new RegExp(`^${baseURL}`));
    expect(feed.items.length, "the feed has posts").toBeGreaterThan(0);

    const sitemap = await sitemapPaths(page.request);
    for (const item of feed.items) {
      await test.step(item.title || item.link, async () => {
        expect.soft(item.title, "item title").not.toBe("");
        expect.soft(item.description, `${item.link} description`).not.toBe("");
        expect.soft(item.guid, `${item.link} guid`).not.toBe("");
        expect
          .soft(Number.isNaN(Date.parse(item.pubDate)), `${item.link} pubDate "${item.pubDate}"`)
          .toBe(false);
        expect
          .soft(item.link, "item links are absolute on SITE_URL")
          .toMatch(new RegExp(`^${baseURL}/blog/`));
        const post = await page.request.get(item.link);
        expect.soft(post.status(), `${item.link} status`).toBe(200);
        expect.soft(sitemap, `${item.link} is in the sitemap`).toContain(new URL(item.link).pathname);
      });
    }
  });

  test("a bookmark or browser tab shows the campaign's icon", async ({ page }) => {
    await page.goto("/");
    // Browsers ask for /favicon.ico unless the page names another icon.
    const named = await page
      .locator('head link[rel~="icon"]')
      .evaluateAll((links) => links.map((link) => (link as HTMLLinkElement).href));
    for (const href of named.length > 0 ? named : ["/favicon.ico"]) {
      const icon = await page.request.get(href);
      expect.soft(icon.status(), `icon ${href}`).toBe(200);
      expect.soft(icon.headers()["content-type"], `icon ${href} content type`).toMatch(/^image\//);
    }
  });

  test("someone following a broken link gets a helpful page that leads home", async ({ page }) => {
    const response = await page.goto(missingPath);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sorry, we cannot find that page");
    await expect(page).toHaveTitle(/not found/i);
    // Search engines must not index the error page under the broken address.
    await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    await page.getByRole("main").getByRole("link", { name: "the home page" }).click();
    await expect(page).toHaveURL("/");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });
});
