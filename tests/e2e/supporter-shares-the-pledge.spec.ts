import { expect, test, type Page } from "@playwright/test";
import { firstUnder, sitemapPaths } from "@/tests/e2e/support/site";

// Share links are plain links to each network's own page: no script, tracker or cookie of theirs on ours.

const site = "http://localhost:3100";
const networks = ["Email", "WhatsApp", "Bluesky", "Facebook", "X", "LinkedIn"];

async function expectShareLinks(page: Page, url: string) {
  const share = page.getByTestId("share-links");
  await expect(share).toBeVisible();
  for (const network of networks) {
    const href = await share.getByRole("link", { name: `Share by ${network}` }).getAttribute("href");
    expect(decodeURIComponent(href!), `${network} carries the address`).toContain(url);
  }
  await expect(share.getByLabel("Or copy the link")).toHaveValue(url);
  const foreignScripts = await page
    .locator("script[src]")
    .evaluateAll((scripts) =>
      scripts.map((s) => (s as HTMLScriptElement).src).filter((src) => !src.startsWith(location.origin)),
    );
  expect(foreignScripts, "no third-party script").toEqual([]);
  const context = page.context();
  expect((await context.cookies()).length, "no cookie").toBe(0);
}

test.describe("Sharing", () => {
  test("every blog post and audit page has share links to itself", async ({ page }) => {
    const paths = await sitemapPaths(page.request);
    for (const path of [firstUnder(paths, "/blog/"), firstUnder(paths, "/audits/")]) {
      await page.goto(path);
      await expectShareLinks(page, `${site}${path}`);
    }
  });

  test("the pledge page shares the pledge, and copy works with JavaScript", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/pledge");
    await expectShareLinks(page, `${site}/pledge`);
    const share = page.getByTestId("share-links");
    await share.getByRole("button", { name: "Copy link" }).click();
    await expect(share.getByRole("status")).toHaveText("Link copied.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${site}/pledge`);
  });

  test("copy works on the thank-you page too, which allows scripts by its nonce alone", async ({
    page,
    context,
  }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const refused: string[] = [];
    page.on("console", (message) => {
      if (/content security policy|refused to/i.test(message.text())) refused.push(message.text());
    });
    const response = await page.goto("/pledge/confirmed");
    expect(response!.headers()["content-security-policy"]).toContain("'strict-dynamic'");
    const share = page.getByTestId("share-links");
    await share.getByRole("button", { name: "Copy link" }).click();
    await expect(share.getByRole("status")).toHaveText("Link copied.");
    expect(refused).toEqual([]);
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });
    test("the link is in a field to select and copy; there is no button that would do nothing", async ({
      page,
    }) => {
      const post = firstUnder(await sitemapPaths(page.request), "/blog/");
      // A page that keeps React, and one sent without it (lib/platform/script-free-pages.mjs).
      for (const [path, shared] of [
        ["/pledge/check-email", "/pledge"],
        [post, post],
      ]) {
        await page.goto(path!);
        await expectShareLinks(page, `${site}${shared}`);
        await expect(page.getByTestId("share-links").getByRole("button")).toHaveCount(0);
        await expect(page.getByTestId("share-links").getByText("Copy link")).toBeHidden();
      }
    });
  });

  test("the pledge's sharing card is the live count, served from the cache", async ({ page, request }) => {
    await page.goto("/pledge");
    const image = await page.locator('meta[property="og:image"]').first().getAttribute("content");
    expect(image).toContain("/pledge/opengraph-image");
    const response = await request.get(new URL(image!).pathname + new URL(image!).search);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("image/png");
    expect(response.headers()["cache-control"], "cached, never drawn per request").toContain("s-maxage=2");
    const again = await request.get(new URL(image!).pathname);
    // From the server's page cache (x-cache: HIT, or STALE while it fetches the next copy) or Next's own.
    const cachedBy = again.headers()["x-cache"] ?? again.headers()["x-nextjs-cache"];
    expect(cachedBy, "the second copy comes from the cache").toMatch(/HIT|STALE/);
  });
});
