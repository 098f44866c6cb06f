// Partner links (`/pledge?ref=bcna`, `/embed/counter?ref=bcna`) are served from a prerendered copy per known
// partner (`/pledge/from/bcna`), so the pages stay in the shared cache: a `ref` read from the query string
// would make every request render afresh. Only the codes content/partners.yaml lists are rewritten; any
// other `ref` gets the ordinary page, so nobody can fill the cache with made-up codes.
// Plain JavaScript because next.config.ts reads it before the app's `@/` paths exist.
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";

/** The `ref` codes content/partners.yaml lists (validated in full by lib/content/partners.ts). */
export function partnerCodes(root = path.join(process.cwd(), "content")) {
  const file = parse(fs.readFileSync(path.join(root, "partners.yaml"), "utf8"));
  return (file?.partners ?? [])
    .map((/** @type {{ code?: unknown }} */ partner) => partner.code)
    .filter((/** @type {unknown} */ code) => typeof code === "string" && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(code));
}

/** The pages a partner's link may point at, and where each one's per-partner copy lives. */
const partnerPages = [
  { source: "/pledge", destination: "/pledge/from/:ref" },
  { source: "/embed/counter", destination: "/embed/counter/from/:ref" },
];

/** Rewrites for next.config.ts: `?ref=<known code>` to the page's copy for that partner. */
export function partnerRewrites(codes = partnerCodes()) {
  if (codes.length === 0) return [];
  const known = `(?<ref>${codes.join("|")})`;
  return partnerPages.map(({ source, destination }) => ({
    source,
    has: [{ type: "query", key: "ref", value: known }],
    destination,
  }));
}
