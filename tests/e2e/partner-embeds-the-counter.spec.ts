import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";

// A partner puts the counter on its own site in an iframe. Here "its own site" is a tiny web server on
// another port (another origin), serving a page that frames the counter, and pages that try to frame
// the rest of the site, which browsers must refuse.

const site = "http://localhost:3100";
let partnerSite: http.Server;
let partnerOrigin: string;

/** The partner's page: one iframe of `src`. */
const framingPage = (src: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A partner's page</title></head>` +
  `<body><main><h1>Our news</h1><iframe name="framed" src="${src}" title="Count Us In pledge: signature counter" width="320" height="230"></iframe></main></body></html>`;

test.beforeAll(async () => {
  partnerSite = http.createServer((req, res) => {
    const src = new URL(req.url ?? "/", "http://partner.test").searchParams.get("frame") ?? "/embed/counter";
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(framingPage(`${site}${src}`));
  });
  await new Promise<void>((resolve) => partnerSite.listen(0, "127.0.0.1", resolve));
  partnerOrigin = `http://127.0.0.1:${(partnerSite.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => partnerSite.close(() => resolve())));

const framed = (page: Page) => page.frame({ name: "framed" })!;
const openPartnerPage = (page: Page, frame: string) =>
  page.goto(`${partnerOrigin}/?frame=${encodeURIComponent(frame)}`);

test.describe("A partner embeds the pledge counter", () => {
  test("the counter shows inside the partner's page, accessible, and its link credits the partner", async ({
    page,
  }) => {
    await openPartnerPage(page, "/embed/counter?ref=bcna");
    const counter = page.frameLocator('iframe[name="framed"]');
    await expect(counter.getByRole("heading", { level: 1, name: /Count Us In/ })).toBeVisible();
    await expect(counter.getByTestId("counter-total")).toBeVisible();
    const sign = counter.getByRole("link", { name: /Sign the pledge/ });
    await expect(sign).toHaveAttribute("href", `${site}/pledge?ref=bcna`);
    await expect(sign).toHaveAttribute("target", "_blank");
    expect(await framed(page).locator("script").count(), "no script in the counter").toBe(0);
    expect(await accessibilityProblems(page), "axe: the partner's page with the counter in it").toEqual([]);
  });

  test("the counter on its own passes axe, and allows framing while nothing else does", async ({
    page,
    request,
  }) => {
    await page.goto("/embed/counter");
    expect(await accessibilityProblems(page), "axe: /embed/counter").toEqual([]);

    for (const path of ["/embed/counter", "/embed/counter?ref=rethink"]) {
      const headers = (await request.get(path)).headers();
      expect(headers["x-frame-options"], `${path}: no X-Frame-Options`).toBeUndefined();
      expect(headers["content-security-policy"], `${path}: any site may frame it`).toContain(
        "frame-ancestors *",
      );
      expect(headers["cache-control"], `${path}: from the shared cache`).toContain("s-maxage=1");
    }
    for (const path of [
      "/",
      "/pledge",
      "/pledge?ref=bcna",
      "/embed",
      "/api/embed/counter",
      "/embed/counter/x/y",
    ]) {
      const headers = (await request.get(path)).headers();
      expect(headers["x-frame-options"], `${path}: X-Frame-Options`).toBe("DENY");
      expect(headers["content-security-policy"], `${path}: frame-ancestors`).toContain(
        "frame-ancestors 'none'",
      );
    }
  });

  for (const path of ["/pledge", "/embed", "/"]) {
    test(`a page that frames ${path} gets nothing: the browser refuses`, async ({ page }) => {
      const refusals: string[] = [];
      page.on("console", (message) => {
        if (/frame-ancestors|Refused to (display|frame)/i.test(message.text())) refusals.push(message.text());
      });
      await openPartnerPage(page, path);
      await expect
        .poll(() => refusals.length, { message: "the browser reports the refusal" })
        .toBeGreaterThan(0);
      await expect(
        page.frameLocator('iframe[name="framed"]').locator("#main"),
        "none of the site's page inside",
      ).toHaveCount(0);
    });
  }

  test("the counter agrees with the JSON API, which any site can read without credentials", async ({
    page,
    request,
  }) => {
    await expect(async () => {
      const api = await (await request.get("/api/embed/counter?ref=bcna")).json();
      await page.goto("/embed/counter?ref=bcna");
      const shown = Number((await page.getByTestId("counter-total").innerText()).replace(/\D/g, ""));
      expect(shown).toBe(api.total);
      await expect(
        page.getByText(`${api.percentOfGoal}% of our goal of ${api.goal.toLocaleString("en-GB")}`),
      ).toBeVisible();
      expect(api.signUrl).toBe(`${site}/pledge?ref=bcna`);
      expect(api.partner).toEqual({ code: "bcna", name: "Breast Cancer Network Australia" });
    }).toPass({ timeout: 20_000 });

    const response = await request.get("/api/embed/counter");
    expect(response.headers()["access-control-allow-origin"]).toBe("*");
    expect(response.headers()["access-control-allow-credentials"]).toBeUndefined();
    expect((await request.post("/api/embed/counter", { data: {} })).status(), "GET only").toBe(405);

    await openPartnerPage(page, "/embed/counter");
    const read = await page.evaluate(async (url) => {
      const plain = await fetch(url).then(
        (r) => r.json(),
        (e) => String(e),
      );
      const withCredentials = await fetch(url, { credentials: "include" }).then(
        () => "read",
        () => "refused",
      );
      return { plain, withCredentials };
    }, `${site}/api/embed/counter`);
    expect(
      typeof read.plain === "object" && read.plain !== null && "total" in read.plain,
      "read cross-origin",
    ).toBe(true);
    expect(read.withCredentials, "no credentials allowed").toBe("refused");
  });

  test("/embed gives partners the snippet", async ({ page }) => {
    await page.goto("/embed");
    const snippet = await page.getByLabel("Embed code").inputValue();
    expect(snippet).toContain(`<iframe src="${site}/embed/counter?ref=`);
    expect(snippet).toContain('title="Count Us In pledge: signature counter"');
    expect(await accessibilityProblems(page), "axe: /embed").toEqual([]);
  });
});
