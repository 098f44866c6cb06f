// Content pages served without Next.js's client runtime (issue #11). Every App Router page ships about
// 141 KB of React and router code, and its HTML carries the page a second time as inline flight data, for
// pages that need neither: the blog, the audits and the campaign pages work fully without JavaScript (the
// e2e suite's no-JavaScript sweep). Next.js 16 has no switch to leave the runtime out, so the production
// server (serve.mjs) removes its scripts from those pages' HTML on the way out. A link then loads the next
// page in full, as without JavaScript; the copy-link button comes from public/copy-link.js instead.
//
// A page belongs on the list only if it has no form and no client component: those need React.

/** Exact paths, and sections whose every page (one level down) is a content page. */
const SCRIPT_FREE_PATHS = new Set([
  "/",
  "/about",
  "/accessibility",
  "/audits",
  "/blog",
  "/briefing",
  "/faq",
  "/get-involved",
  "/partners",
  "/privacy",
  // Not its volunteer form (/scotland/volunteer…), which keeps React.
  "/scotland",
  "/support",
]);
const SCRIPT_FREE_SECTIONS = /^\/(?:audits|blog)\/[^/]+$/;

/**
 * Whether the page at this address is served without Next.js's scripts (the query string does not count).
 * @param {string | undefined} url
 */
export function isScriptFreePage(url) {
  const pathname = String(url ?? "").split(/[?#]/, 1)[0] ?? "";
  return SCRIPT_FREE_PATHS.has(pathname) || SCRIPT_FREE_SECTIONS.test(pathname);
}

// Script content ends at the first `</script`, as the HTML parser reads it (Next.js escapes `<` in its data).
const SCRIPT_ELEMENT = /<script\b([^>]*)>[\s\S]*?<\/script\s*>/gi;
const LINK_ELEMENT = /<link\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** @param {string} source the attributes of one tag @returns {Map<string, string>} lower-cased names */
function attributesOf(source) {
  const attributes = new Map();
  for (const [, name, double, single, bare] of source.matchAll(ATTRIBUTE))
    if (name) attributes.set(name.toLowerCase(), double ?? single ?? bare ?? "");
  return attributes;
}

/**
 * The page without Next.js's runtime: every `<script>` element goes, except structured data
 * (`type="application/ld+json"`) and our own scripts marked `data-keep` (public/copy-link.js), and so do
 * the `<link>`s that preload scripts. Nothing else changes, so the same page in gives the same page out.
 * @param {string} html
 */
export function stripNextRuntime(html) {
  return html
    .replace(SCRIPT_ELEMENT, (element, source) => {
      const attributes = attributesOf(source);
      const kept =
        attributes.has("data-keep") ||
        (attributes.get("type") ?? "").trim().toLowerCase() === "application/ld+json";
      return kept ? element : "";
    })
    .replace(LINK_ELEMENT, (element, source) => {
      const attributes = attributesOf(source);
      const rel = (attributes.get("rel") ?? "").toLowerCase().split(/\s+/);
      const as = (attributes.get("as") ?? "").trim().toLowerCase();
      return rel.includes("modulepreload") || (rel.includes("preload") && as === "script") ? "" : element;
    });
}
