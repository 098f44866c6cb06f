// The Content-Security-Policy each kind of response carries, and the other security headers that depend on
// the request. Plain JavaScript (types in the .d.mts beside it) because the production server
// (lib/platform/serve.mjs) runs without a TypeScript step; proxy.ts and next.config.ts import it too.
//
// Three kinds of response, three policies:
//   - a page rendered for one request (the admin area, the token pages, the forms): scripts by a fresh
//     nonce only, which proxy.ts makes and Next.js stamps on its own scripts;
//   - a page a shared cache may store (home and pledge, regenerated every few seconds, and every static
//     page): one copy serves everyone, so no nonce can be in it. Scripts from our own origin, plus the
//     hashes of the inline scripts Next.js wrote into that copy (content-security-policy-response.mjs);
//   - anything that is not HTML (JSON, CSV, the feed, images, scripts): nothing may load at all.

/**
 * Who may frame our pages: nobody. This is the one place to make an exception, should an embeddable
 * counter ever exist: give its route a policy of its own here with `frame-ancestors https://partner…`
 * (and leave every other page at 'none').
 */
export const FRAME_ANCESTORS = "'none'";

/**
 * The one exception: the embeddable counter (app/embed/counter), a page with no script and no form, made
 * to sit in an iframe on partners' sites, whose addresses we cannot list in advance. Its per-partner
 * copies (`/embed/counter/from/<code>`) too. Every other address keeps 'none'.
 */
export const FRAMEABLE_PATH = /^\/embed\/counter(?:\/from\/[a-z0-9-]+)?\/?$/;
export const FRAMEABLE_ANCESTORS = "*";

/**
 * Whether the page at this address (path, with or without a query) may be framed by any site.
 * @param {string | undefined} url
 */
export function isFrameable(url) {
  return FRAMEABLE_PATH.test(String(url ?? "").split("?")[0] ?? "");
}

/**
 * The same policy with `frame-ancestors` opened for a frameable page.
 * @param {string} policy
 */
export function allowFraming(policy) {
  return policy.replace(/frame-ancestors [^;]*/, `frame-ancestors ${FRAMEABLE_ANCESTORS}`);
}

/** Sent on every response when the site is on https: two years, subdomains too (the HSTS preload minimum). */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

// What every page policy shares. Styles come from our own stylesheet only: the site writes no inline
// styles, and Next.js links its CSS as files (checked in the e2e tests, which fail on any violation).
const pageBase = {
  "default-src": ["'self'"],
  "base-uri": ["'none'"],
  "object-src": ["'none'"],
  "form-action": ["'self'"],
  "frame-ancestors": [FRAME_ANCESTORS],
  "img-src": ["'self'"],
  "font-src": ["'self'"],
  "connect-src": ["'self'"],
  "manifest-src": ["'self'"],
  "style-src": ["'self'"],
};

/** @param {Record<string, string[]>} directives */
function serialise(directives) {
  return Object.entries(directives)
    .map(([name, sources]) => (sources.length ? `${name} ${sources.join(" ")}` : name))
    .join("; ");
}

/**
 * `next dev` evaluates code with eval (React's debugging stacks) and injects styles inline for hot
 * reload; the production build needs neither.
 * @param {{ development?: boolean }} options
 */
function developmentAllowances({ development = false }) {
  return development
    ? { scripts: ["'unsafe-eval'"], styles: ["'unsafe-inline'"] }
    : { scripts: [], styles: [] };
}

/**
 * The policy of a page rendered for one request: scripts only with this response's nonce, and what those
 * load ('strict-dynamic'). No 'unsafe-inline', no host list: a browser too old for nonces runs no script,
 * and every form works without JavaScript.
 * @param {string} nonce base64, from newNonce()
 * @param {{ development?: boolean }} [options]
 */
export function perRequestPagePolicy(nonce, options = {}) {
  if (!/^[A-Za-z0-9+/]{16,}={0,2}$/.test(nonce)) throw new TypeError("not a base64 nonce");
  const extra = developmentAllowances(options);
  return serialise({
    ...pageBase,
    "script-src": [`'nonce-${nonce}'`, "'strict-dynamic'", ...extra.scripts],
    "style-src": ["'self'", ...extra.styles],
  });
}

/**
 * The policy of the page a form post is answered with (its errors in place): rendered for that request, so
 * Next.js's inline scripts carry this request's nonce, but made of a page one copy of which serves everyone,
 * whose script files of our own (the copy-link button's) carry none. So: inline scripts by the nonce alone,
 * files from our own origin ('self' in place of 'strict-dynamic', which would ignore it).
 * @param {string} policy proxy.ts's perRequestPagePolicy for this request
 */
export function formAnswerPolicy(policy) {
  return policy.replace(/(script-src [^;]*)'strict-dynamic'/, "$1'self'");
}

/**
 * The policy of a page one copy of which serves everyone: scripts from our own origin, and inline only
 * those whose hashes are listed (scriptHashes of that copy).
 * @param {readonly string[]} scriptHashes sources such as 'sha256-…'
 * @param {{ development?: boolean }} [options]
 */
export function cachedPagePolicy(scriptHashes, options = {}) {
  const extra = developmentAllowances(options);
  return serialise({
    ...pageBase,
    "script-src": ["'self'", ...scriptHashes, ...extra.scripts],
    "style-src": ["'self'", ...extra.styles],
  });
}

/**
 * For a page whose nonce went missing (it never passed through proxy.ts): no script at all. Failing
 * closed costs the page its JavaScript, never its safety; it still works as plain HTML.
 */
export function pageWithoutNoncePolicy() {
  return serialise({ ...pageBase, "script-src": ["'none'"] });
}

/** JSON, CSV, XML, images, scripts and redirects: if a browser ever shows one as a document, it loads nothing. */
export function nonHtmlPolicy() {
  return serialise({
    "default-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": [FRAME_ANCESTORS],
  });
}

/** A fresh nonce: 128 random bits, base64 (Web Crypto, so it runs in proxy.ts and in Node alike). */
export function newNonce() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * Whether a shared cache (Next.js's own, a CDN) may store the response, going by its Cache-Control: then
 * one copy serves many visitors, so it must not carry a nonce.
 * @param {string | undefined} cacheControl
 */
export function isSharedCacheable(cacheControl) {
  if (!cacheControl) return false;
  const directives = cacheControl
    .toLowerCase()
    .split(",")
    .map((part) => part.trim().split("=")[0]);
  if (directives.some((name) => name === "private" || name === "no-store" || name === "no-cache"))
    return false;
  return directives.some((name) => name === "s-maxage" || name === "public");
}

// The inline scripts Next.js writes into a prerendered page, and nothing else: a script of any other shape
// in a cached page was not written by Next.js, so it is not hashed, and the browser refuses it.
//   (self.__next_f=self.__next_f||[]).push([0])         the start of the page's data
//   self.__next_f.push([1,"…"])                         the data itself: one JSON string, nothing to run
//   (globalThis["TURBOPACK"] || …).push({…});           the bundler's list of chunks: one JSON object
const FLIGHT_START = "(self.__next_f=self.__next_f||[]).push([0])";
const FLIGHT_CHUNK = /^self\.__next_f\.push\(\[\d,"(?:[^"\\\n]|\\.)*"\]\)$/s;
const TURBOPACK_PREFIX = '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(';

/** @param {string} code */
function isNextInlineScript(code) {
  if (code === FLIGHT_START || FLIGHT_CHUNK.test(code)) return true;
  if (!code.startsWith(TURBOPACK_PREFIX) || !code.endsWith(");")) return false;
  try {
    const list = JSON.parse(code.slice(TURBOPACK_PREFIX.length, -2));
    return typeof list === "object" && list !== null && !Array.isArray(list);
  } catch {
    return false;
  }
}

const INLINE_SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;

/**
 * The 'sha256-…' sources for the inline scripts Next.js wrote into `html` (a script with `src` needs none:
 * 'self' covers it), in order of appearance, without repeats.
 * @param {string} html
 * @param {(text: string) => string} sha256Base64 the digest (node:crypto in the server, a stub in tests)
 * @returns {string[]}
 */
export function inlineScriptHashes(html, sha256Base64) {
  const hashes = new Set();
  for (const [, attributes, code] of html.matchAll(INLINE_SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes ?? "") || !isNextInlineScript(code ?? "")) continue;
    hashes.add(`'sha256-${sha256Base64(code ?? "")}'`);
  }
  return [...hashes];
}

/**
 * Whether the visitor reached us over https: the site's own address says so, or (behind trusted proxies
 * only, TRUSTED_PROXY_HOPS > 0) the proxy says the visitor's connection was https. A visitor can write
 * X-Forwarded-Proto too, which is why it counts only behind a proxy that sets it.
 * @param {{ siteUrl: string | undefined; forwardedProto: string | undefined; trustedProxyHops: number }} request
 */
export function servedOverHttps({ siteUrl, forwardedProto, trustedProxyHops }) {
  if (siteUrl?.toLowerCase().startsWith("https:")) return true;
  if (trustedProxyHops < 1 || !forwardedProto) return false;
  // Counted as X-Forwarded-For is (client-address.ts): the entry that many places from the right was
  // written by our outermost proxy, the one the visitor's connection reached.
  const entries = forwardedProto.split(",").map((entry) => entry.trim().toLowerCase());
  return entries[Math.max(0, entries.length - trustedProxyHops)] === "https";
}
