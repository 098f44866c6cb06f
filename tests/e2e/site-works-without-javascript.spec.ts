import { expect, test } from "@playwright/test";
import { everyPage, sitemapPaths } from "@/tests/e2e/support/site";

// Scripts fail to load on slow or filtered connections, and some people turn them off. Every page is
// static HTML, so everything a reader needs must work without them.
test.use({ javaScriptEnabled: false });

test.describe("A supporter whose browser runs no JavaScript", () => {
  test("can read every page", async ({ page }) => {
    for (const path of await everyPage(page.request)) {
      await test.step(path, async () => {
        await page.goto(path);
        await expect.soft(page.getByRole("heading", { level: 1 }), `${path} shows its heading`).toBeVisible();
        const mainText = (await page.getByRole("main").innerText()).trim();
        expect.soft(mainText.length, `${path} shows its main content`).toBeGreaterThan(100);
        await expect
          .soft(page.getByRole("navigation", { name: "Main" }).getByRole("link"))
          .not.toHaveCount(0);
      });
    }
  });

  test("can find their way from the home page to a blog post and to the pledge", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Blog" }).click();
    await expect(page).toHaveURL("/blog");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    const firstPost = page.getByRole("main").locator('a[href^="/blog/"]:not([href$=".xml"])').first();
    const postPath = await firstPost.getAttribute("href");
    await firstPost.click();
    await expect(page).toHaveURL(postPath ?? "");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Sign the pledge" })
      .click();
    await expect(page).toHaveURL("/pledge");
    await expect(page.locator("#sign")).toBeVisible();
  });

  test("can open a chart's numbers as a table", async ({ page }) => {
    let chartPage: string | undefined;
    for (const path of await sitemapPaths(page.request)) {
      await page.goto(path);
      if ((await page.locator("details", { hasText: "Show the numbers as a table" }).count()) > 0) {
        chartPage = path;
        break;
      }
    }
    expect(chartPage, "some page in the sitemap has a chart").toBeDefined();

    const details = page.locator("details", { hasText: "Show the numbers as a table" }).first();
    const table = details.getByRole("table");
    await expect(table).toBeHidden();
    await details.getByText("Show the numbers as a table").click();
    await expect(table).toBeVisible();
    await expect(table.getByRole("row")).not.toHaveCount(0);
  });

  test("can skip to the main content and jump to a source", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/#main$/);
    await expect(page.locator("main#main")).toBeFocused();

    const citation = page.locator('main a[href^="#source-"]').first();
    const target = (await citation.getAttribute("href")) ?? "";
    await citation.click();
    await expect(page).toHaveURL(new RegExp(`${target}$`));
    await expect(page.locator(target)).toBeInViewport();
  });
});
