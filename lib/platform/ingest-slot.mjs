// The production server's fast path for sign-ups. POST /api/pledge is the one request a viral day sends
// by the thousand, and most of its cost under Next.js is the framework's routing and web-stream plumbing,
// not our work (BENCHMARKS.md, issue #8). So the app registers a plain node:http handler for it at
// start-up (instrumentation.ts → lib/entry/pledge-ingest.ts), and serve.mjs calls it before Next.js sees
// the request. It gives the same answer as the route handler (lib/entry/pledge-api.ts), which still
// serves `next dev` and any server started without a registration. serve.mjs and the bundled app are
// separate module graphs, so the slot is shared through a globalThis symbol, as request-ids.mjs does.
const SLOT = Symbol.for("count-us-in.ingest-handlers");

/**
 * @typedef {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => Promise<void>} IngestHandler
 */

/** @returns {Map<string, IngestHandler>} */
function handlers() {
  return (globalThis[SLOT] ??= new Map());
}

/**
 * @param {string} method
 * @param {string} pathname exact path, no query
 * @param {IngestHandler} handler
 */
export function registerIngest(method, pathname, handler) {
  handlers().set(`${method} ${pathname}`, handler);
}

/**
 * The handler for this request, if one is registered for its method and exact path (a query string is
 * allowed; anything else, including a trailing slash, is left to Next.js).
 * @param {string | undefined} method
 * @param {string | undefined} url
 * @returns {IngestHandler | undefined}
 */
export function ingestFor(method, url) {
  const map = globalThis[SLOT];
  if (!map || !method || !url) return undefined;
  const query = url.indexOf("?");
  return map.get(`${method} ${query === -1 ? url : url.slice(0, query)}`);
}
