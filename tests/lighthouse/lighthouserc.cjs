// Lighthouse CI settings shared by the e2e check (tests/e2e/lighthouse-scores.spec.ts) and the benchmark
// (tests/bench/lighthouse.ts). The addresses are not listed here: callers pass them with --url, taken from
// the sitemap (tests/lighthouse/page-types.ts), so the blog post and audit checked are ones that exist.
//
// Lighthouse runs as a phone on a slow network (its default mobile profile, simulated throttling), in
// Debian's Chromium: the browser the e2e suite already uses (no download on these machines).

/** The page a visitor sees for an address that does not exist, checked through this path. */
const missingPath = "/this-page-does-not-exist-e2e";

// A 404 answers 404 and asks not to be indexed, on purpose: SEO's "successful status" and "page is
// crawlable" audits can never pass there. Every other SEO audit must (Lighthouse 12's SEO category).
const seoAuditsThatA404CanPass = [
  "document-title",
  "meta-description",
  "link-text",
  "crawlable-anchors",
  "robots-txt",
  "image-alt",
  "hreflang",
  "canonical",
];

// The same for best practices: the browser logs a page's own 404 as an error in the console, so there
// "no errors in the console" allows that one entry and no other; every other audit must pass.
const bestPracticesAuditsThatA404CanPass = [
  "is-on-https",
  "redirects-http",
  "geolocation-on-start",
  "notification-on-start",
  "paste-preventing-inputs",
  "image-aspect-ratio",
  "image-size-responsive",
  "viewport",
  "font-size",
  "doctype",
  "charset",
  "deprecations",
  "third-party-cookies",
  "inspector-issues",
];

const perfect = ["error", { minScore: 1 }];

module.exports = {
  missingPath,
  ci: {
    collect: {
      numberOfRuns: 1,
      chromePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      settings: {
        // Without the networking flags Chromium keeps calling Google's services, which the closed network
        // refuses (the list is shared with tests/e2e/playwright.config.ts). LHCI adds --headless=new itself.
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- lhci loads this file as CommonJS
        chromeFlags: require("../support/chromium-flags.json").join(" "),
        // Lets Lighthouse audit the 404 page instead of refusing it as a failed load.
        ignoreStatusCode: true,
      },
    },
    assert: {
      // Performance is recorded in BENCHMARKS.md, not asserted: on two shared cores it moves with the load.
      assertMatrix: [
        {
          matchingUrlPattern: `^(?!.*${missingPath}).*$`,
          assertions: {
            "categories:accessibility": perfect,
            "categories:best-practices": perfect,
            "categories:seo": perfect,
          },
        },
        {
          matchingUrlPattern: `.*${missingPath}$`,
          assertions: {
            "categories:accessibility": perfect,
            ...Object.fromEntries(bestPracticesAuditsThatA404CanPass.map((audit) => [audit, perfect])),
            "errors-in-console": ["error", { maxLength: 1 }],
            ...Object.fromEntries(seoAuditsThatA404CanPass.map((audit) => [audit, perfect])),
          },
        },
      ],
    },
  },
};
