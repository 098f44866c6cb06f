// Content pages served without Next.js's client runtime (issue #11). Every App Router page ships about
// 141 KB of React and router code, and its HTML carries the page a second time as inline flight data, for
// pages that need neither: the blog, the audits and the campaign pages work fully without JavaScript (the
// e2e suite's no-JavaScript sweep). Next.js 16 has no switch to leave the runtime out, so the production
// server (serve.mjs) removes its scripts from those pages' HTML on the way out. A link then loads the next
// page in full, as without JavaScript; the copy-link button comes from public/copy-link.js instead.
//
// The two sign-up forms (the pledge, with its partners' copies, and Scotland's volunteer form) are on the
// list too: they work as plain form posts, and what React added to them (the proof-of-work, holding an early
// submission, the busy button) comes from public/form-enhancements.js, added in place of Next.js's scripts
// to a page that carries a sign-up form's proof-of-work field. Only the GET is stripped: the page
// a form post sends back, with its errors in place, keeps React, which moves focus to the error summary
// and submits the next attempt in place.
//
// So are the pages of both journeys that only say what happens next ("check your email", "thank you").
//
// Any other page belongs on the list only if it has no form and no client component: those need React.

/** Exact paths, and sections whose every page (one level down) is a content page. */
const SCRIPT_FREE_PATHS = new Set([
  "/",
  "/about",
  "/accessibility",
  "/audits",
  "/blog",
  "/briefing",
  "/embed",
  "/faq",
  "/get-involved",
  "/partners",
  "/pledge",
  "/pledge/check-email",
  "/pledge/confirmed",
  "/pledge/received",
  "/pledge/withdrawn",
  "/privacy",
  "/scotland",
  "/scotland/volunteer",
  "/scotland/volunteer/check-email",
  "/scotland/volunteer/thank-you",
  "/scotland/volunteer/withdrawn",
  "/support",
]);
const SCRIPT_FREE_SECTIONS = /^\/(?:audits\/|blog\/|pledge\/from\/)[^/]+$/;

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

// A sign-up form (it carries the hidden proof-of-work field) gets what React did for it from our own file.
const PROOF_OF_WORK_FIELD = /<input\b[^>]*\bname="altcha"[^>]*>/i;
const FORM_ENHANCEMENTS = "/form-enhancements.js";
const NONCE = /^[A-Za-z0-9+/=_-]+$/;

/**
 * The page without Next.js's runtime: every `<script>` element goes, except structured data
 * (`type="application/ld+json"`) and our own scripts marked `data-keep` (public/copy-link.js), and so do
 * the `<link>`s that preload scripts. A page with a sign-up form gains public/form-enhancements.js in their
 * place, carrying the nonce Next.js's scripts carried (a page rendered per request allows scripts by its
 * nonce alone). Nothing else changes, and the page out, stripped again, is the same page.
 * @param {string} html
 */
export function stripNextRuntime(html) {
  let nonce = "";
  const stripped = html
    .replace(SCRIPT_ELEMENT, (element, source) => {
      const attributes = attributesOf(source);
      const kept =
        attributes.has("data-keep") ||
        (attributes.get("type") ?? "").trim().toLowerCase() === "application/ld+json";
      if (!kept && !nonce && NONCE.test(attributes.get("nonce") ?? "")) nonce = attributes.get("nonce");
      return kept ? element : "";
    })
    .replace(LINK_ELEMENT, (element, source) => {
      const attributes = attributesOf(source);
      const rel = (attributes.get("rel") ?? "").toLowerCase().split(/\s+/);
      const as = (attributes.get("as") ?? "").trim().toLowerCase();
      return rel.includes("modulepreload") || (rel.includes("preload") && as === "script") ? "" : element;
    });
  if (!PROOF_OF_WORK_FIELD.test(stripped) || stripped.includes(`src="${FORM_ENHANCEMENTS}"`)) return stripped;
  const script = `<script src="${FORM_ENHANCEMENTS}" defer="" data-keep=""${nonce ? ` nonce="${nonce}"` : ""}></script>`;
  const end = stripped.search(/<\/body\s*>/i);
  return end < 0 ? stripped + script : stripped.slice(0, end) + script + stripped.slice(end);
}
