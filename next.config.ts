import type { NextConfig } from "next";

import { fixedSecurityHeaders } from "./lib/security/fixed-headers.mjs";
import { partnerRewrites } from "./lib/content/partner-rewrites.mjs";

// The Content-Security-Policy and HSTS depend on the request and the response, so they are set by
// proxy.ts and lib/platform/serve.mjs (lib/security/content-security-policy.mjs); these never vary.
const securityHeaders = fixedSecurityHeaders;

// A link's secret travels in these addresses (the emailed token pages, the staff sign-in link), and the
// admin area's addresses name records: no Referer leaves the site from them. Not `no-referrer`: that makes
// a browser send `Origin: null` with a plain form post, which Next.js refuses as a cross-site Server Action,
// so the buttons on these pages would fail without JavaScript.
const sameOriginReferrerPaths = [
  "/pledge/confirm/:token",
  "/pledge/manage/:token",
  "/scotland/volunteer/confirm/:token",
  "/scotland/volunteer/manage/:token",
  "/admin/:path*",
];

const nextConfig: NextConfig = {
  // The pledge and volunteer forms are small; refuse anything bigger before it reaches our code.
  experimental: { serverActions: { bodySizeLimit: "16kb" }, authInterrupts: true },
  // Native and wasm database drivers must stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // Pages regenerated in the background (home, pledge: `revalidate = 1`) may be served stale for 2 s more
  // while the next copy is made; past that, Next.js renders before it answers. Two seconds, because on a
  // viral day a render competes with a thousand sign-ups a second and can take that long. A fresh copy
  // (under 1 s old) may then sit in the production server's page cache (lib/platform/page-cache.mjs),
  // which never holds a stale one, and never past the moment its count is 5 s old (live-figures.mjs).
  // Longer would spare an idle server a blocking render, but browsers honour stale-while-revalidate too,
  // and would show a visitor their own stale copy of the count for that long.
  expireTime: 3,
  // Resolve <title> and meta tags before the page is sent, for every visitor (Next.js otherwise streams
  // them for dynamic pages): a screen reader must never land on a page without its title, even briefly.
  htmlLimitedBots: /.*/,
  // The build checks the app's own code; tests are type-checked by `npm run typecheck` (whole project).
  typescript: { tsconfigPath: "tsconfig.build.json" },
  // `?ref=<partner code>` on the pledge page and the counter: a cached copy per known partner.
  async rewrites() {
    return { beforeFiles: partnerRewrites(), afterFiles: [], fallback: [] };
  },
  async headers() {
    return [
      // X-Frame-Options: DENY everywhere but the embeddable counter (lib/security/content-security-policy.mjs
      // FRAMEABLE_PATH), which partners' sites put in an iframe; its CSP frame-ancestors says who may.
      { source: "/:path*", headers: securityHeaders.filter((header) => header.key !== "X-Frame-Options") },
      {
        source: "/:path((?!embed/counter(?:/from/[^/]+)?/?$).*)",
        headers: securityHeaders.filter((header) => header.key === "X-Frame-Options"),
      },
      // Later entries override earlier ones for the same header.
      ...sameOriginReferrerPaths.map((source) => ({
        source,
        headers: [{ key: "Referrer-Policy", value: "same-origin" }],
      })),
    ];
  },
};

export default nextConfig;
