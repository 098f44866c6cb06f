// A one-second cache of whole responses in front of Next.js, in the production server (serve.mjs).
//
// Why: on a viral day people refresh the home and pledge pages by the thousand. Next.js already serves
// them from its own cache (revalidate), but still runs its router, re-reads the cached page and gzips it
// again on every request, so a page costs in proportion to its size (issue #8: /pledge at 0.77 of /blog).
// Holding the finished bytes for one second makes every shareable page cost the same few microseconds,
// whatever its size, and Next.js sees each page about once a second however hard it is refreshed.
//
// What may be held is decided the way a CDN would (RFC 9111): only a 200 to a GET that Next.js marked
// shareable (`s-maxage`, not private, no-store or no-cache) and that sets no cookie, and only for requests
// that carry none of the headers the response varies by (Next.js's own router headers) or that ask
// something of this one response (a range, a conditional). The gzip and plain copies are held apart.
// Staleness stays within the site's promise that a count is at most 5 s old: only fresh copies are held
// (Next.js's HIT, MISS or REVALIDATED, never STALE: its fresh copies are under `revalidate` = 3 s old, holding a count under 1 s old),
// for at most one second and never longer than their own s-maxage, and a hit says its Age so a cache in
// front counts that second too.
import { isSharedCacheable } from "../security/content-security-policy.mjs";
import { chunkBytes } from "./chunk-bytes.mjs";

/** Request headers that make a response differ from the plain document, or ask for a partial one. */
const PASS_THROUGH_REQUEST_HEADERS = [
  "rsc",
  "next-router-state-tree",
  "next-router-prefetch",
  "next-router-segment-prefetch",
  "next-action",
  "next-url",
  "authorization",
  "range",
  "if-none-match",
  "if-modified-since",
];

/**
 * Set per request, never replayed: the request id (request-ids.mjs), HSTS (added per request when served
 * over https), the connection's own headers, and Date.
 */
const PER_REQUEST_RESPONSE_HEADERS = new Set([
  "x-request-id",
  "strict-transport-security",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "date",
  "age",
  // Next.js's word on its own cache at the time; a replay says where it came from instead (x-cache).
  "x-nextjs-cache",
]);

const FRESH_FROM_NEXT = new Set(["HIT", "MISS", "REVALIDATED"]);

/** Seconds of `s-maxage`, or 0 when absent. @param {string} cacheControl */
function sharedMaxAge(cacheControl) {
  const match = /(?:^|,)\s*s-maxage\s*=\s*"?(\d+)/i.exec(cacheControl);
  return match ? Number(match[1]) : 0;
}

/**
 * @typedef {{ statusCode: number; headers: [string, string | number | string[]][]; body: Buffer; storedAt: number; expiresAt: number }} Entry
 * @typedef {import("node:http").IncomingMessage} Req
 * @typedef {import("node:http").ServerResponse} Res
 */

/**
 * @param {{ ttlMs?: number; maxBytes?: number; maxEntryBytes?: number; now?: () => number }} [options]
 * @returns {{ serveOrCapture: (req: Req, res: Res) => boolean; size: () => number }}
 *   `serveOrCapture` answers from the cache and returns true, or arranges for this response to be held
 *   (when it turns out shareable) and returns false: then pass the request on to Next.js.
 */
export function createPageCache({
  ttlMs = 1_000,
  maxBytes = 32 * 1024 * 1024,
  maxEntryBytes = 1024 * 1024,
  now = Date.now,
} = {}) {
  /** @type {Map<string, Entry>} oldest first */
  const entries = new Map();
  let bytes = 0;

  const drop = (/** @type {string} */ key) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.length;
    entries.delete(key);
  };

  /** @param {Req} req */
  function keyFor(req) {
    if (req.method !== "GET" && req.method !== "HEAD") return undefined;
    for (const name of PASS_THROUGH_REQUEST_HEADERS) if (req.headers[name] !== undefined) return undefined;
    // Next.js gzips for clients that accept it and sends plain bytes to the rest: one copy of each.
    const gzip = /\bgzip\b/i.test(String(req.headers["accept-encoding"] ?? ""));
    return `${gzip ? "gzip" : "identity"} ${req.url}`;
  }

  /** @param {Res} res @param {Entry} entry @param {boolean} head */
  function serve(res, entry, head) {
    for (const [name, value] of entry.headers) res.setHeader(name, value);
    res.setHeader("age", String(Math.floor((now() - entry.storedAt) / 1000)));
    res.setHeader("x-cache", "HIT");
    res.writeHead(entry.statusCode);
    res.end(head ? undefined : entry.body);
  }

  /** @param {Res} res @param {string} key */
  function capture(res, key) {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let tooBig = false;
    const write = res.write;
    const end = res.end;
    const keep = (/** @type {unknown} */ chunk, /** @type {unknown} */ encoding) => {
      if (tooBig) return;
      const buffer = chunkBytes(chunk, encoding);
      size += buffer.length;
      if (size > maxEntryBytes) {
        tooBig = true;
        chunks.length = 0;
      } else if (buffer.length) chunks.push(buffer);
    };
    res.write = /** @type {typeof res.write} */ (
      function (/** @type {any} */ chunk, /** @type {any} */ encoding, /** @type {any} */ callback) {
        keep(chunk, encoding);
        return write.call(res, chunk, encoding, callback);
      }
    );
    res.end = /** @type {typeof res.end} */ (
      function (/** @type {any} */ chunk, /** @type {any} */ encoding, /** @type {any} */ callback) {
        keep(chunk, encoding);
        return end.call(res, chunk, encoding, callback);
      }
    );
    res.once("finish", () => {
      if (tooBig || res.statusCode !== 200 || res.hasHeader("set-cookie")) return;
      const cacheControl = String(res.getHeader("cache-control") ?? "");
      if (!isSharedCacheable(cacheControl)) return;
      const fromNext = res.getHeader("x-nextjs-cache");
      if (fromNext !== undefined && !FRESH_FROM_NEXT.has(String(fromNext).toUpperCase())) return;
      const lifetime = Math.min(ttlMs, sharedMaxAge(cacheControl) * 1000);
      if (lifetime <= 0) return;
      const headers = Object.entries(res.getHeaders())
        .filter(([name, value]) => value !== undefined && !PER_REQUEST_RESPONSE_HEADERS.has(name))
        .map(([name, value]) => /** @type {[string, string | number | string[]]} */ ([name, value]));
      const body = Buffer.concat(chunks, size);
      const storedAt = now();
      drop(key);
      entries.set(key, { statusCode: 200, headers, body, storedAt, expiresAt: storedAt + lifetime });
      bytes += body.length;
      while (bytes > maxBytes && entries.size) drop(/** @type {string} */ (entries.keys().next().value));
    });
  }

  return {
    serveOrCapture(req, res) {
      const key = keyFor(req);
      if (key === undefined) return false;
      const entry = entries.get(key);
      if (entry && entry.expiresAt > now()) {
        serve(res, entry, req.method === "HEAD");
        return true;
      }
      if (entry) drop(key);
      if (req.method === "GET") capture(res, key);
      return false;
    },
    size: () => entries.size,
  };
}
