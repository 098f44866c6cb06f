import { expect, test, type Browser, type Response } from "@playwright/test";
import { firstUnder, sitemapPaths } from "@/tests/e2e/support/site";

// How much JavaScript each kind of page sends, measured on the production build with an empty cache.
// Sizes are printed for the report, not asserted: they move with every framework upgrade. What is asserted
// is the shape. Public pages are sent without Next.js's runtime (lib/platform/script-free-pages.mjs): they
// load no script but our own small files (the copy-link button's, and the sign-up forms' enhancements),
// inline none, and prefetch nothing; those files stay small. The staff sign-in form keeps React.
const ownScriptBudget = 8 * 1024;

type Script = { url: string; transferred: number; encodedBody: number; decoded: number };
type Measurement = {
  label: string;
  path: string;
  scripts: Script[];
  inlineScriptBytes: number;
  htmlTransferred: number;
  laterScripts: Script[];
};

async function describeScript(response: Response): Promise<Script> {
  await response.finished();
  const sizes = await response.request().sizes();
  const decoded = (await response.body()).length;
  return {
    url: new URL(response.url()).pathname,
    transferred: sizes.responseHeadersSize + sizes.responseBodySize,
    encodedBody: sizes.responseBodySize,
    decoded,
  };
}

async function measure(browser: Browser, label: string, path: string, baseURL: string): Promise<Measurement> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const pending: Promise<Script>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") pending.push(describeScript(response));
  });

  const htmlResponse = await page.goto(path, { waitUntil: "load" });
  expect(htmlResponse?.status(), `${path} answers`).toBe(200);
  const atLoad = pending.length;
  // Anything after this is Next.js prefetching the next pages a visitor might open.
  await page.waitForLoadState("networkidle");
  const all = await Promise.all(pending);
  const documentSizes = await htmlResponse!.request().sizes();
  const inlineScriptBytes = await page.evaluate(() =>
    [...document.querySelectorAll('script:not([src]):not([type="application/ld+json"])')].reduce(
      (sum, script) => sum + new TextEncoder().encode(script.textContent ?? "").length,
      0,
    ),
  );
  await context.close();
  return {
    label,
    path,
    scripts: all.slice(0, atLoad),
    laterScripts: all.slice(atLoad),
    inlineScriptBytes,
    htmlTransferred: documentSizes.responseHeadersSize + documentSizes.responseBodySize,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (scripts: Script[], key: keyof Omit<Script, "url">) =>
  scripts.reduce((total, s) => total + s[key], 0);

/** The only scripts a public page loads: the copy-link button's (components/share/share-links.tsx) and
 * the sign-up forms' (components/ui/form-enhancements-script.tsx). */
const ownScripts = ["/copy-link.js", "/form-enhancements.js"];

test("how much JavaScript each kind of page ships", async ({ browser, page, baseURL }) => {
  const paths = await sitemapPaths(page.request);
  const scriptFreePages: [string, string][] = [
    ["Home", "/"],
    ["Blog", "/blog"],
    ["Blog post", firstUnder(paths, "/blog/")],
    ["Audit summary", firstUnder(paths, "/audits/")],
    ["Get involved", "/get-involved"],
    ["Pledge", "/pledge"],
    ["Volunteer form", "/scotland/volunteer"],
    ["Check your email", "/pledge/check-email"],
  ];
  const pagesWithReact: [string, string][] = [["Staff sign-in", "/admin/sign-in"]];

  const measurements: Measurement[] = [];
  for (const [label, path] of [...scriptFreePages, ...pagesWithReact])
    measurements.push(await measure(browser, label, path, baseURL ?? ""));
  const scriptFree = measurements.slice(0, scriptFreePages.length);
  const withReact = measurements.slice(scriptFreePages.length);

  const header = [
    "Page",
    "Path",
    "Scripts",
    "JS transferred",
    "JS uncompressed",
    "Inline scripts (RSC payload)",
    "HTML transferred",
    "Prefetched after load",
  ];
  const rows = measurements.map((m) => [
    m.label,
    m.path,
    String(m.scripts.length),
    kb(sum(m.scripts, "transferred")),
    kb(sum(m.scripts, "decoded")),
    kb(m.inlineScriptBytes),
    kb(m.htmlTransferred),
    `${kb(sum(m.laterScripts, "transferred"))} (${m.laterScripts.length} files)`,
  ]);
  const table = [header, header.map(() => "---"), ...rows]
    .map((cells) => `| ${cells.join(" | ")} |`)
    .join("\n");
  const reactList = withReact[0]!.scripts
    .map((s) => `  ${s.url}  ${kb(s.encodedBody)} compressed, ${kb(s.decoded)} uncompressed`)
    .join("\n");
  const report = `JavaScript per page type (production build, empty cache; "transferred" = compressed body + headers)\n\n${table}\n\nLoaded by a page that keeps React (${withReact[0]!.label}):\n${reactList}\n`;
  console.log(`\n${report}`);
  await test.info().attach("javascript-weight.md", { body: report, contentType: "text/markdown" });

  for (const m of scriptFree) {
    const loaded = [...m.scripts, ...m.laterScripts].map((s) => s.url);
    expect
      .soft(
        loaded.filter((url) => !ownScripts.includes(url)),
        `${m.label} (${m.path}) loads no script but ${ownScripts.join(" and ")}`,
      )
      .toEqual([]);
    expect.soft(m.inlineScriptBytes, `${m.label} (${m.path}) carries no inline script`).toBe(0);
    for (const script of m.scripts)
      expect
        .soft(script.decoded, `${m.label} (${m.path}) loads ${script.url}, ${kb(script.decoded)}`)
        .toBeLessThanOrEqual(ownScriptBudget);
  }
  expect(
    scriptFree.find((m) => m.path === "/pledge")?.scripts.map((s) => s.url),
    "the pledge form loads its enhancements",
  ).toContain("/form-enhancements.js");
  for (const m of withReact) {
    expect
      .soft(
        m.scripts.filter((s) => s.url.startsWith("/_next/static/chunks/")).length,
        `${m.label} (${m.path}) still loads React and its own code`,
      )
      .toBeGreaterThan(0);
    expect
      .soft(m.inlineScriptBytes, `${m.label} (${m.path}) still carries its flight data`)
      .toBeGreaterThan(0);
  }
});
