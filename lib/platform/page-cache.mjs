// A short cache of whole responses in front of Next.js, in the production server (serve.mjs), that sends
// Next.js one request per page at a time however hard the page is refreshed.
//
// Why: on a viral day people refresh the home and pledge pages by the thousand. Next.js already serves
// them from its own cache (revalidate), but still runs its router, re-reads the cached page and gzips it
// again on every request, so a page costs in proportion to its size (issue #8: /pledge at 0.77 of /blog).
// Holding the finished bytes makes every shareable page cost the same few microseconds, whatever its size.
//
// It behaves as a CDN does with request collapsing and stale-while-revalidate (nginx: proxy_cache_lock,
// proxy_cache_use_stale updating):
//   - a fresh copy (held under 1 s) answers everyone;
//   - then, for up to 2 s more and only as far as the page's own `stale-while-revalidate` allows, one
//     request goes through to Next.js for a new copy while everyone else is answered from the old one, so
//     nobody waits for a render that competes with a thousand sign-ups a second (when Next.js answers
//     that it is still making it, the old copy answers alone for a moment before asking again);
//   - with no copy at all, one request goes through and the rest wait for its answer, which they share
//     even when Next.js marked it STALE: at that moment Next.js would have sent each of them the same bytes;
//   - an address whose answer could not be shared (a staff page, the health check, an error) is passed
//     straight to Next.js for a few seconds ("hit-for-pass", as Varnish calls it), so requests that can
//     never share an answer are not made to queue behind each other.
//
// What may be held is decided the way a CDN would (RFC 9111): only a 200 to a GET that Next.js marked
// shareable (`s-maxage` above 0, not private, no-store or no-cache) and that sets no cookie, and only for
// requests that carry none of the headers the response varies by (Next.js's own router headers) or that
// ask something of this one response (a range, a conditional). The gzip and plain copies are held apart.
//
// Staleness stays within the site's promise that a count is at most 5 s old (live-figures.mjs). Only
// copies fresh from Next.js are held (HIT, MISS or REVALIDATED, never STALE), for at most 3 s (1 s fresh,
// 2 s stale while one request fetches the next), never past their own s-maxage + stale-while-revalidate,
// and never past the moment the oldest figure they show (`data-counted-at`) is 5 s old: a render that
// took seconds under load shortens the hold rather than adding to the count's age. Every replay says its
// Age, counted from when its figures were read when it shows any, so a cache in front stays within the
// promise too.
import { isSharedCacheable } from "../security/content-security-policy.mjs";
import { chunkBytes } from "./chunk-bytes.mjs";
import { isHtml, isReadableCoding, readBody } from "./content-coding.mjs";
import { figuresReadAt, LIVE_FIGURES_MAX_AGE_MS } from "./live-figures.mjs";

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

/** Seconds of a Cache-Control directive, or 0 when absent. @param {string} cacheControl @param {string} name */
function seconds(cacheControl, name) {
  const match = new RegExp(`(?:^|,)\\s*${name}\\s*=\\s*"?(\\d+)`, "i").exec(cacheControl);
  return match ? Number(match[1]) : 0;
}

/**
 * @typedef {{ statusCode: number; headers: [string, string | number | string[]][]; body: Buffer; storedAt: number; figuresReadAt?: number }} Copy
 *   figuresReadAt: when the oldest live figure the page shows was read (live-figures.mjs), if it shows any
 * @typedef {Copy & { freshUntil: number; staleUntil: number; nextTryAt?: number }} Entry
 * @typedef {import("node:http").IncomingMessage} Req
 * @typedef {import("node:http").ServerResponse} Res
 */

/**
 * When the oldest live figure on this page was read (live-figures.mjs), or undefined for a response that
 * is not HTML, shows no figure, or cannot be read. Read once per copy held, not per answer.
 * @param {Res} res @param {Buffer} body
 */
function figuresReadAtIn(res, body) {
  if (!isHtml(res) || !isReadableCoding(res)) return undefined;
  try {
    return figuresReadAt(readBody(res, body));
  } catch {
    return undefined; // a corrupt body: held by its own headers' rules alone
  }
}

/** How many addresses are remembered as not shareable: any URL can be asked for, so the list is bounded. */
const MAX_PASS_KEYS = 10_000;

/**
 * How long the old copy answers alone after Next.js said it is still making the next one (STALE) or could
 * not: asking again at once would send it a stream of requests, one after another, for as long as a render
 * takes under load.
 */
const RETRY_MS = 200;

/**
 * @param {{ ttlMs?: number; staleMs?: number; passMs?: number; maxBytes?: number; maxEntryBytes?: number; now?: () => number }} [options]
 *   ttlMs: how long a copy answers everyone; staleMs: how much longer it answers while one request
 *   fetches the next copy; passMs: how long an address whose answer could not be shared goes straight
 *   to Next.js.
 * @returns {{ handle: (req: Req, res: Res, passOn: () => Promise<void>) => Promise<void>; size: () => number }}
 *   `handle` answers from the cache, or calls `passOn` to let Next.js answer (and holds what it says when
 *   that is shareable).
 */
export function createPageCache({
  ttlMs = 1_000,
  staleMs = 2_000,
  passMs = 5_000,
  maxBytes = 32 * 1024 * 1024,
  maxEntryBytes = 1024 * 1024,
  now = Date.now,
} = {}) {
  /** @type {Map<string, Entry>} oldest first */
  const entries = new Map();
  /** @type {Map<string, Promise<Copy | undefined>>} the one request to Next.js in flight for a key */
  const fetching = new Map();
  /** @type {Map<string, number>} keys whose last answer could not be shared → until when they pass, oldest first */
  const passing = new Map();
  let bytes = 0;

  const drop = (/** @type {string} */ key) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.body.length;
    entries.delete(key);
  };

  /** @param {string} key @param {Entry} entry */
  function store(key, entry) {
    drop(key);
    entries.set(key, entry);
    bytes += entry.body.length;
    while (bytes > maxBytes && entries.size) drop(/** @type {string} */ (entries.keys().next().value));
  }

  /** @param {Req} req */
  function keyFor(req) {
    if (req.method !== "GET" && req.method !== "HEAD") return undefined;
    for (const name of PASS_THROUGH_REQUEST_HEADERS) if (req.headers[name] !== undefined) return undefined;
    // Next.js gzips for clients that accept it and sends plain bytes to the rest: one copy of each.
    const gzip = /\bgzip\b/i.test(String(req.headers["accept-encoding"] ?? ""));
    return `${gzip ? "gzip" : "identity"} ${req.url}`;
  }

  /** @param {Res} res @param {Copy} copy @param {boolean} head @param {"HIT" | "STALE"} state */
  function serve(res, copy, head, state) {
    for (const [name, value] of copy.headers) res.setHeader(name, value);
    const since = copy.figuresReadAt ?? copy.storedAt;
    res.setHeader("age", String(Math.max(0, Math.floor((now() - since) / 1000))));
    res.setHeader("x-cache", state);
    res.writeHead(copy.statusCode);
    res.end(head ? undefined : copy.body);
  }

  /**
   * How long a copy fresh from Next.js may be held, or undefined when its figures are already too old to
   * hold at all (it still answers the requests that waited for it: Next.js would have sent them the same).
   * @param {Copy} copy @param {Res} res @returns {Entry | undefined}
   */
  function entryFor(copy, res) {
    const cacheControl = String(res.getHeader("cache-control") ?? "");
    const maxAge = seconds(cacheControl, "s-maxage") * 1000;
    const staleFor = seconds(cacheControl, "stale-while-revalidate") * 1000;
    const figuresExpire =
      copy.figuresReadAt === undefined ? Infinity : copy.figuresReadAt + LIVE_FIGURES_MAX_AGE_MS;
    const staleUntil = Math.min(copy.storedAt + Math.min(ttlMs + staleMs, maxAge + staleFor), figuresExpire);
    if (staleUntil <= now()) return undefined;
    return { ...copy, freshUntil: Math.min(copy.storedAt + Math.min(ttlMs, maxAge), staleUntil), staleUntil };
  }

  /**
   * Lets this request through to Next.js, and everyone else with the same key wait for what it says.
   * @param {string} key @param {Res} res @param {() => Promise<void>} passOn
   */
  function fetchThrough(key, res, passOn) {
    /** @type {(copy: Copy | undefined) => void} */
    let settle = () => {};
    /** @type {Promise<Copy | undefined>} */
    const answer = new Promise((resolve) => (settle = resolve));
    fetching.set(key, answer);
    capture(res, (copy, fromNext, cutOff) => {
      const old = entries.get(key);
      const entry = copy && FRESH_FROM_NEXT.has(fromNext) ? entryFor(copy, res) : undefined;
      if (entry) {
        store(key, entry);
        passing.delete(key);
      }
      // Next.js is still making the next copy (STALE), or could not: the old one answers a moment longer.
      else if (old) old.nextTryAt = now() + RETRY_MS;
      else if (copy || cutOff) passing.delete(key);
      else {
        passing.delete(key);
        passing.set(key, now() + passMs);
        if (passing.size > MAX_PASS_KEYS) passing.delete(/** @type {string} */ (passing.keys().next().value));
      }
      if (fetching.get(key) === answer) fetching.delete(key);
      settle(copy);
    });
    return passOn();
  }

  /**
   * Keeps the bytes of this response as they go out; `done` gets them when the response is one a shared
   * cache may keep, or undefined (not shareable, too big, or cut off: then `cutOff` is true).
   * @param {Res} res @param {(copy: Copy | undefined, fromNext: string, cutOff: boolean) => void} done
   */
  function capture(res, done) {
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
    let called = false;
    const once = (/** @type {Copy | undefined} */ copy, fromNext = "", cutOff = false) => {
      if (called) return;
      called = true;
      done(copy, fromNext, cutOff);
    };
    res.once("finish", () => {
      const cacheControl = String(res.getHeader("cache-control") ?? "");
      if (
        tooBig ||
        res.statusCode !== 200 ||
        res.hasHeader("set-cookie") ||
        !isSharedCacheable(cacheControl) ||
        seconds(cacheControl, "s-maxage") <= 0
      )
        return once(undefined);
      const headers = Object.entries(res.getHeaders())
        .filter(([name, value]) => value !== undefined && !PER_REQUEST_RESPONSE_HEADERS.has(name))
        .map(([name, value]) => /** @type {[string, string | number | string[]]} */ ([name, value]));
      const fromNext = res.getHeader("x-nextjs-cache");
      const body = Buffer.concat(chunks, size);
      once(
        { statusCode: 200, headers, body, storedAt: now(), figuresReadAt: figuresReadAtIn(res, body) },
        // A response Next.js did not mark (a route handler's own s-maxage) is as fresh as it says.
        fromNext === undefined ? "MISS" : String(fromNext).toUpperCase(),
      );
    });
    // Cut off (the visitor left, or Next.js failed mid-way): the waiting requests ask Next.js themselves.
    res.once("close", () => once(undefined, "", true));
  }

  return {
    async handle(req, res, passOn) {
      const key = keyFor(req);
      if (key === undefined) return passOn();
      const head = req.method === "HEAD";
      const entry = entries.get(key);
      const at = now();
      if (entry && at < entry.freshUntil) return serve(res, entry, head, "HIT");
      const inFlight = fetching.get(key);
      if (entry && at < entry.staleUntil) {
        if (inFlight || head || at < (entry.nextTryAt ?? 0)) return serve(res, entry, head, "STALE");
        return fetchThrough(key, res, passOn);
      }
      if (entry) drop(key);
      const passUntil = passing.get(key);
      if (passUntil !== undefined) {
        if (passUntil > at) return passOn();
        passing.delete(key);
      }
      if (inFlight) {
        const copy = await inFlight;
        return copy ? serve(res, copy, head, "HIT") : passOn();
      }
      return head ? passOn() : fetchThrough(key, res, passOn);
    },
    size: () => entries.size,
  };
}
