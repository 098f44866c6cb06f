import crypto from "node:crypto";
import { expect, test, type APIResponse, type Page, type Response } from "@playwright/test";
import { linkIn, waitForEmail } from "@/tests/e2e/support/mail";
import {
  fillPledgeForm,
  newSupporter,
  openPledgeForm,
  submitPledgeForm,
} from "@/tests/e2e/support/mail-round-trip";
import { firstUnder, missingPath, sitemapPaths } from "@/tests/e2e/support/site";
import { signedInStaff } from "@/tests/e2e/support/staff";

// The headers as the browser gets them, on each kind of response (lib/security/content-security-policy.mjs),
// and the proof that the policy costs nothing: the browser reports no violation while pages hydrate, the
// pledge form's proof-of-work solves and the form sends, and staff sign in.

type Headers = Record<string, string>;

/** A policy as a browser reads it: directive → sources. */
function directives(policy: string | undefined): Map<string, string[]> {
  expect(policy, "a Content-Security-Policy header").toBeTruthy();
  return new Map(
    policy!.split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

/** What every response's policy holds, whatever it is. */
function expectTheBaseline(headers: Headers) {
  const policy = directives(headers["content-security-policy"]);
  expect(policy.get("frame-ancestors"), "nobody may frame it").toEqual(["'none'"]);
  expect(policy.get("base-uri"), "no <base> may redirect its links").toEqual(["'none'"]);
  expect(policy.get("form-action"), "forms post only to us").toEqual(["'self'"]);
  // object-src is 'none' outright on pages; on other responses default-src 'none' covers it.
  expect(policy.get("object-src") ?? policy.get("default-src")).toEqual(["'none'"]);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["strict-transport-security"], "no HSTS over plain http").toBeUndefined();
  return policy;
}

/** The inline scripts and nonces of a page's HTML, as sent. */
function scriptsIn(html: string) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map(
    ([, attributes = "", code = ""]) => ({
      inline: !/\bsrc=/.test(attributes),
      nonce: /\bnonce="([^"]*)"/.exec(attributes)?.[1],
      hash: `'sha256-${crypto.createHash("sha256").update(code, "utf8").digest("base64")}'`,
    }),
  );
  expect(scripts.length, "the page has scripts to check").toBeGreaterThan(0);
  return scripts;
}

/** A page rendered for this request: scripts by this response's nonce only, and every script carries it. */
async function expectANoncePolicy(response: Response | APIResponse): Promise<string> {
  const headers = response.headers();
  const scriptSrc = expectTheBaseline(headers).get("script-src") ?? [];
  expect(headers["cache-control"], "a per-request page is never stored by a shared cache").toContain(
    "no-store",
  );
  expect(scriptSrc.join(" ")).not.toContain("unsafe-inline");
  expect(scriptSrc).toHaveLength(2);
  expect(scriptSrc[1]).toBe("'strict-dynamic'");
  const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(scriptSrc[0] ?? "")?.[1];
  expect(nonce, `script-src is a nonce and 'strict-dynamic': ${scriptSrc.join(" ")}`).toBeTruthy();
  for (const script of scriptsIn(await response.text()))
    expect(script.nonce, "every script carries the nonce in the header").toBe(nonce);
  return nonce!;
}

/** Collects what the browser says about refused content on `page`, from now on. */
async function violationsOn(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/content[- ]security[- ]policy|permissions[- ]policy|refused to/i.test(message.text()))
      violations.push(`${page.url()}: ${message.text()}`);
  });
  // Playwright's own scripts are exempt from the page's policy; this one reports what the page refused.
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} blocked ${event.blockedURI}`,
      ),
    ),
  );
  return violations;
}

/** React has hydrated the page: its data (inline scripts) and code (files) were all allowed to run. */
async function expectHydrated(page: Page) {
  await expect
    .poll(() => page.evaluate(() => Object.keys(document.body).some((key) => key.startsWith("__react"))), {
      message: "React hydrated the page",
    })
    .toBe(true);
}

test.describe("Every response carries security headers", () => {
  // The pledge form as first sent has no React (lib/platform/script-free-pages.mjs): one copy for everyone,
  // from the shared cache, running our own file alone. The page a form post is answered with (its errors
  // in place) is rendered for that request, so React runs there by that response's nonce.
  test("/pledge runs only our own file and stays cacheable; the page sent back with its errors runs React by nonce", async ({
    page,
  }) => {
    const violations = await violationsOn(page);
    const response = await page.goto("/pledge");
    const headers = response!.headers();
    expect(headers["cache-control"], "the policy never makes a cacheable page uncacheable").toBe(
      "s-maxage=1, stale-while-revalidate=2",
    );
    expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(expectTheBaseline(headers).get("script-src")).toEqual(["'self'"]);
    expect(await response!.text(), "no inline script").not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    const answer = page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/pledge",
    );
    await submitPledgeForm(page);
    const answered = await answer;
    const answerScripts = expectTheBaseline(answered.headers()).get("script-src") ?? [];
    const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(answerScripts[0] ?? "")?.[1];
    expect(answerScripts, "inline scripts by this response's nonce; files from our own origin").toEqual([
      `'nonce-${nonce}'`,
      "'self'",
    ]);
    for (const script of scriptsIn(await answered.text()).filter((script) => script.inline))
      expect(script.nonce, "every inline script carries the nonce in the header").toBe(nonce);
    await expectHydrated(page);
    await expect(
      page.getByRole("alert").filter({ hasText: "There is a problem" }),
      "React moved focus to the errors",
    ).toBeFocused();
    expect(violations).toEqual([]);
  });

  // Content pages leave without Next.js's scripts (lib/platform/script-free-pages.mjs): nothing inline is
  // left to allow, so their policy allows our own files alone (the copy-link script on a post), and so do
  // the journeys' "what happens next" pages.
  test("content pages run no inline script and allow only our own files", async ({ page }) => {
    const violations = await violationsOn(page);
    const post = firstUnder(await sitemapPaths(page.request), "/blog/");
    for (const [path, cacheControl] of [
      ["/", "s-maxage=1, stale-while-revalidate=2"],
      [post, "s-maxage=31536000"],
      ["/pledge/check-email", "s-maxage=31536000"],
    ] as const) {
      const response = await page.goto(path);
      const headers = response!.headers();
      expect(headers["cache-control"], "the policy never makes a cacheable page uncacheable").toBe(
        cacheControl,
      );
      expect(expectTheBaseline(headers).get("script-src"), path).toEqual(["'self'"]);
      expect(await response!.text(), `${path} has no inline script`).not.toMatch(
        /<script(?![^>]*\bsrc=)[^>]*>/,
      );
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
    }
    expect(violations).toEqual([]);
  });

  // The "not found" page is a content page too (lib/platform/script-free-response.mjs), wherever it is shown.
  test("the page for a missing address runs no script and allows only our own files", async ({ page }) => {
    const violations = await violationsOn(page);
    const response = await page.goto(missingPath);
    expect(response!.status()).toBe(404);
    expect(response!.headers()["cache-control"]).toBe(
      "private, no-cache, no-store, max-age=0, must-revalidate",
    );
    expect(expectTheBaseline(response!.headers()).get("script-src")).toEqual(["'self'"]);
    expect(await response!.text(), "no script of any kind").not.toMatch(/<script\b/);
    await expect(
      page.getByRole("heading", { level: 1, name: "Sorry, we cannot find that page" }),
    ).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("the pledge form solves its challenge and signs; the emailed link's page runs by nonce and sends no Referer elsewhere", async ({
    page,
  }) => {
    const violations = await violationsOn(page);
    const supporter = newSupporter("csp", { name: "Nonce Example" });
    await openPledgeForm(page);
    await fillPledgeForm(page, supporter);
    await expect(
      page.locator('input[name="altcha"]'),
      "the proof-of-work was solved in the page",
    ).not.toHaveValue("", { timeout: 30_000 });
    await submitPledgeForm(page);
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();

    // Opening the link counts nobody (only its button does), so this journey leaves the count alone.
    const link = linkIn(await waitForEmail(supporter.email), "/pledge/confirm/");
    expect(link, "a confirmation link").toBeDefined();
    const response = await page.goto(link!);
    await expectANoncePolicy(response!);
    expect(response!.headers()["referrer-policy"], "the token in the address never leaves the site").toBe(
      "same-origin",
    );
    await expect(page.getByRole("button", { name: "Confirm my signature" })).toBeVisible();
    await expectHydrated(page);
    expect(violations).toEqual([]);
  });

  test("the admin area runs scripts by a fresh nonce per response, before and after signing in", async ({
    page,
  }) => {
    const violations = await violationsOn(page);
    const signInPage = await page.goto("/admin/sign-in");
    const first = await expectANoncePolicy(signInPage!);
    expect(signInPage!.headers()["referrer-policy"]).toBe("same-origin");
    await expectHydrated(page);

    await signedInStaff(page, "viewer", "csp");
    const dashboard = await page.goto("/admin");
    const second = await expectANoncePolicy(dashboard!);
    expect(second, "a new nonce for each response").not.toBe(first);
    expect(dashboard!.headers()["referrer-policy"]).toBe("same-origin");
    await expectHydrated(page);
    expect(violations).toEqual([]);
  });

  test("what is not a page loads nothing and cannot be framed", async ({ request }) => {
    for (const path of [
      "/api/pledge/count",
      "/api/health",
      "/blog/feed.xml",
      "/sitemap.xml",
      "/favicon.ico",
      "/.well-known/security.txt",
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const policy = expectTheBaseline(response.headers());
      expect(policy.get("default-src"), `${path} loads nothing`).toEqual(["'none'"]);
    }
  });

  test("HSTS is sent once the proxy in front says the visitor came over https", async ({ request }) => {
    // The suite runs the app behind one trusted proxy (TRUSTED_PROXY_HOPS=1), played by the test runner.
    for (const path of ["/", "/admin/sign-in", "/api/health"]) {
      const response = await request.get(path, { headers: { "X-Forwarded-Proto": "https" } });
      expect(response.headers()["strict-transport-security"], path).toBe(
        "max-age=63072000; includeSubDomains",
      );
    }
  });

  test("the favicon, the home-screen icon and security.txt are there, and pages link the icons", async ({
    page,
    request,
  }) => {
    const favicon = await request.get("/favicon.ico");
    expect(favicon.headers()["content-type"]).toBe("image/x-icon");
    const touchIcon = await request.get("/apple-touch-icon.png");
    expect(touchIcon.headers()["content-type"]).toBe("image/png");
    const png = await touchIcon.body();
    expect([png.readUInt32BE(16), png.readUInt32BE(20)], "180 by 180").toEqual([180, 180]);
    const securityTxt = await request.get("/.well-known/security.txt");
    expect(securityTxt.headers()["content-type"]).toMatch(/^text\/plain/);
    expect(await securityTxt.text()).toMatch(/^Contact: (mailto|https):/m);

    await page.goto("/");
    await expect(page.locator('head link[rel="icon"][href="/favicon.ico"]')).toHaveCount(1);
    await expect(page.locator('head link[rel="icon"][type="image/svg+xml"]')).toHaveCount(1);
    await expect(page.locator('head link[rel="apple-touch-icon"][href="/apple-touch-icon.png"]')).toHaveCount(
      1,
    );
  });
});
