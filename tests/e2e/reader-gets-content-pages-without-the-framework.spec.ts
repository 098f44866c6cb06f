import { expect, test, type Page } from "@playwright/test";
import { firstUnder, sitemapPaths } from "@/tests/e2e/support/site";

// Content pages are sent without Next.js's runtime (lib/platform/script-free-pages.mjs): for the reader
// they must work as before, with JavaScript on, and the copy-link button must still copy.

const site = "http://localhost:3100";

function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`${page.url()}: script error: ${error.message}`));
  page.on("console", (message) => {
    // The browser's own favicon request comes and goes with its cache: sharing-and-feeds checks the icon.
    if (message.type() === "error" && !message.location().url.endsWith("/favicon.ico"))
      errors.push(`${page.url()}: console error: ${message.text()} (${message.location().url})`);
  });
  return errors;
}

test.describe("A reader with JavaScript on a content page", () => {
  test("copies a blog post's link with the button", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const errors = watchForErrors(page);
    const post = firstUnder(await sitemapPaths(page.request), "/blog/");
    await page.goto(post);
    expect(await page.evaluate(() => "next" in window || "__next_f" in window), "no Next.js runtime").toBe(
      false,
    );
    const share = page.getByTestId("share-links");
    await share.getByRole("button", { name: "Copy link" }).click();
    await expect(share.getByRole("status")).toHaveText("Link copied.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${site}${post}`);
    expect(errors).toEqual([]);
  });

  test("sees no error on any content page, and follows links as whole pages", async ({ page }) => {
    const errors = watchForErrors(page);
    const paths = await sitemapPaths(page.request);
    for (const path of [
      "/",
      "/blog",
      firstUnder(paths, "/blog/"),
      "/audits",
      firstUnder(paths, "/audits/"),
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    }
    // Without the router a link loads the next page in full: the pledge form, with its own small script.
    const loaded: string[] = [];
    page.on("load", () => loaded.push(new URL(page.url()).pathname));
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Sign the pledge" })
      .click();
    await expect(page).toHaveURL("/pledge");
    await expect.poll(() => loaded).toEqual(["/pledge"]);
    await expect(page.locator('script[src^="/_next/"]')).toHaveCount(0);
    await expect(page.locator('script[src="/form-enhancements.js"]')).toHaveCount(1);
    expect(errors).toEqual([]);
  });
});
