import { expect, test, type Page } from "@playwright/test";
import { everyPage, missingPath } from "@/tests/e2e/support/site";

/** Errors the visitor never sees but which mean something is broken: script errors, failed loads. */
function watchForErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`${page.url()}: script error: ${error.message}`));
  page.on("console", (message) => {
    const source = message.location().url;
    // Chromium logs the 404 page's own status as an error; that 404 is the point of the page. The
    // browser's own favicon request comes and goes with its cache: sharing-and-feeds checks the icon.
    const expected = source.includes(missingPath) || source.endsWith("/favicon.ico");
    if (message.type() === "error" && !expected) {
      errors.push(`${page.url()}: console error: ${message.text()}${source ? ` (${source})` : ""}`);
    }
  });
  page.on("requestfailed", (request) => {
    // Next.js cancels prefetches when the visitor moves on; that is not a failure.
    if (request.failure()?.errorText !== "net::ERR_ABORTED") {
      errors.push(`${page.url()}: ${request.url()} failed: ${request.failure()?.errorText}`);
    }
  });
  page.on("response", (response) => {
    const isMissingPage = new URL(response.url()).pathname === missingPath;
    if (response.status() >= 400 && !isMissingPage)
      errors.push(`${page.url()}: ${response.url()} answered ${response.status()}`);
  });
  return errors;
}

test.describe("A supporter reads about the campaign", () => {
  test("from the home page to the pledge, a blog post, an audit and the small print", async ({ page }) => {
    const errors = watchForErrors(page);
    const main = page.getByRole("main");
    const mainNav = page.getByRole("navigation", { name: "Main" });
    const footerNav = page.getByRole("navigation", { name: "Footer" });
    const heading = page.getByRole("heading", { level: 1 });

    await test.step("lands on the home page and sees what the campaign asks for", async () => {
      await page.goto("/");
      await expect(heading).toBeVisible();
      await expect(page).toHaveTitle(/Count Us In/);
    });

    await test.step("goes to the pledge from the call to action", async () => {
      await main.getByRole("link", { name: "Sign the Count Us In pledge" }).first().click();
      await expect(page).toHaveURL("/pledge");
      await expect(page.locator("#sign")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Add your name" })).toBeVisible();
    });

    await test.step("reads a blog post and checks where a figure comes from", async () => {
      await mainNav.getByRole("link", { name: "Blog" }).click();
      await expect(page).toHaveURL("/blog");
      await expect(heading).toBeVisible();
      const post = main.locator('a[href^="/blog/"]:not([href$=".xml"])').first();
      const postPath = (await post.getAttribute("href")) ?? "";
      await post.click();
      await expect(page).toHaveURL(postPath);
      await expect(heading).toBeVisible();
      // Our own page's dates, so a reader knows how fresh its figures are.
      await expect(main.getByText(/First published .+ · .*Last reviewed \d{1,2} \w+ \d{4}/)).toBeVisible();

      await expect(page.getByRole("heading", { name: "Sources", level: 2 })).toBeAttached();
      const citation = main.locator('a[href^="#source-"]').first();
      if ((await citation.count()) > 0) {
        const target = (await citation.getAttribute("href")) ?? "";
        await citation.click();
        await expect(page.locator(target)).toBeInViewport();
      }
    });

    await test.step("reads an audit summary and opens a chart's numbers", async () => {
      await mainNav.getByRole("link", { name: "Audit summaries" }).click();
      await expect(page).toHaveURL("/audits");
      await expect(heading).toBeVisible();
      await main.getByRole("link", { name: "National audit 2025: State of the Nation report" }).click();
      await expect(page).toHaveURL("/audits/naome-state-of-the-nation-2025");
      await expect(heading).toBeVisible();
      // The summary's own dates; the report's date belongs to the report, in the sources.
      await expect(main.getByText(/First published .+ · .*Last reviewed/)).toBeVisible();
      await expect(main.getByText("Report published")).toHaveCount(0);
      await expect(main.getByRole("heading", { name: /five recommendations/ })).toBeVisible();

      const chart = main.getByRole("img").and(page.locator("svg")).first();
      await expect(chart).toHaveAccessibleName(/\S/);
      const details = main.locator("details", { hasText: "Show the numbers as a table" }).first();
      await details.getByText("Show the numbers as a table").click();
      await expect(details.getByRole("table")).toBeVisible();
    });

    await test.step("reads the privacy notice and the accessibility statement", async () => {
      await footerNav.getByRole("link", { name: "Privacy notice" }).click();
      await expect(page).toHaveURL("/privacy");
      await expect(heading).toBeVisible();
      await footerNav.getByRole("link", { name: "Accessibility statement" }).click();
      await expect(page).toHaveURL("/accessibility");
      await expect(heading).toBeVisible();
    });

    await test.step("comes back home from the site name", async () => {
      await page
        .getByRole("banner")
        .getByRole("link", { name: /Count Us In/ })
        .click();
      await expect(page).toHaveURL("/");
    });

    expect(errors, "errors in the browser along the way").toEqual([]);
  });

  test("no page shows a script error or fails to load something", async ({ page }) => {
    const errors = watchForErrors(page);
    for (const path of await everyPage(page.request)) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
    }
    expect(errors).toEqual([]);
  });
});
