import type { NextConfig } from "next";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
];

const nextConfig: NextConfig = {
  // The pledge and volunteer forms are small; refuse anything bigger before it reaches our code.
  experimental: { serverActions: { bodySizeLimit: "16kb" }, authInterrupts: true },
  // Native and wasm database drivers must stay outside the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // Pages regenerated in the background (home, pledge: `revalidate = 4`) may be served stale for 1 s more
  // while the next copy is made, so the count a visitor sees is at most 5 s old. Longer would spare an
  // idle server a blocking render, but browsers honour stale-while-revalidate too, and would show a
  // visitor their own stale copy of the count for that long.
  expireTime: 5,
  // Resolve <title> and meta tags before the page is sent, for every visitor (Next.js otherwise streams
  // them for dynamic pages): a screen reader must never land on a page without its title, even briefly.
  htmlLimitedBots: /.*/,
  // The build checks the app's own code; tests are type-checked by `npm run typecheck` (whole project).
  typescript: { tsconfigPath: "tsconfig.build.json" },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
