// The production server (`npm start`): Next.js's request handler behind a node:http server of ours, for
// the one thing `next start` cannot do. Before Next.js sees a request, PEER_HEADER is set to the address of
// the TCP connection, replacing anything the client sent, so lib/entry/client-address.ts can count
// X-Forwarded-For only as far as TRUSTED_PROXY_HOPS proxies from an address nobody can forge (Next.js
// itself fills X-Forwarded-For from the socket only when the client sent none).
//
// Otherwise it is `next start`: the same flags, NODE_ENV=production, the same request handlers (static
// files, ISR, instrumentation.ts run at start-up), and a graceful stop on SIGTERM/SIGINT.
//
// It also gives every request an id (request-ids.mjs) and answers it inside an AsyncLocalStorage holding
// that id, so the app's log lines (lib/platform/log.ts) carry it, and writes one access line per request.
//
// Pages Next.js marks shareable are held for a second or two and answered from memory under a refresh storm,
// with one request per page at a time reaching Next.js: page-cache.mjs says what may be held, and why the
// count stays within 5 s.
//
// Sign-ups (POST /api/pledge) are answered by the app's own node:http handler, registered at start-up,
// without Next.js's routing: lib/platform/ingest-slot.mjs says why.
//
// Content pages leave without Next.js's scripts (script-free-pages.mjs says which and why), stripped just
// before Next.js answers, so the page cache and the Content-Security-Policy both see the stripped page.
//
// And it settles each response's Content-Security-Policy, once its headers say what it is (a page from a
// shared cache gets the hashes of its inline scripts instead of proxy.ts's nonce), and adds HSTS on https:
// lib/security/content-security-policy-response.mjs.
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { loggablePath, logWhenDone } from "./access-log.mjs";
import { loggerOptions, logLevelFrom } from "./log-options.mjs";
import { repairMalformedPath } from "./malformed-path.mjs";
import { ingestFor } from "./ingest-slot.mjs";
import { createPageCache } from "./page-cache.mjs";
import { requestContextStorage, stampRequestId } from "./request-ids.mjs";
import { serveWithoutNextRuntime } from "./script-free-response.mjs";
import { contentSecurityPolicyForResponses } from "../security/content-security-policy-response.mjs";
import { internalHostname, parseServeArgs, stampPeer, UsageError, USAGE } from "./serve-helpers.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// Below the 10 s that Docker, Kubernetes and tests/bench/harness.ts give before SIGKILL.
const GRACE_MS = 8_000;

// Mistakes on the command line and --help are for the person typing, so they stay plain text.
let options;
let log;
try {
  options = parseServeArgs(process.argv.slice(2), process.env);
  // Synchronous, as in lib/platform/log.ts: nothing lost on a kill, no lines interleaved with the app's.
  log = pino(loggerOptions(logLevelFrom(process.env.LOG_LEVEL)), pino.destination({ dest: 1, sync: true }));
} catch (error) {
  if (!(error instanceof UsageError || error instanceof RangeError)) throw error; // RangeError: LOG_LEVEL
  console.error(error.message);
  process.exit(2);
}
if (options.help) {
  console.log(USAGE);
  process.exit(0);
}

// As `next start` does, and before Next.js and React are loaded: they pick their builds by it.
process.env.NODE_ENV ||= "production";
const { default: next } = await import("next");

let handle;
let markReady;
const ready = new Promise((resolve) => (markReady = resolve));

const requestContext = requestContextStorage();
// lib/platform/env.ts checks both settings when the app starts; here a bad value only means "not behind a proxy".
const secureResponse = contentSecurityPolicyForResponses({
  siteUrl: process.env.SITE_URL,
  trustedProxyHops: /^[0-5]$/.test(process.env.TRUSTED_PROXY_HOPS ?? "")
    ? Number(process.env.TRUSTED_PROXY_HOPS)
    : 0,
});
// Shareable pages held for a second or two in front of Next.js (page-cache.mjs); PAGE_CACHE=false turns it off.
const pageCache = ["false", "0"].includes(process.env.PAGE_CACHE ?? "") ? undefined : createPageCache();
// Content pages without Next.js's scripts (script-free-pages.mjs); SCRIPT_FREE_PAGES=false sends them whole.
const scriptFreePages = !["false", "0"].includes(process.env.SCRIPT_FREE_PAGES ?? "");
const server = http.createServer((req, res) => {
  req.url = repairMalformedPath(req.url ?? "/");
  stampPeer(req);
  const requestId = stampRequestId(req, res);
  secureResponse(req, res);
  logWhenDone(log, req, res, requestId);
  void requestContext.run({ requestId }, () => respond(req, res, requestId));
});
async function respond(req, res, requestId) {
  try {
    await ready;
    // Sign-ups skip Next.js's routing when the app registered its fast path (lib/platform/ingest-slot.mjs).
    const ingest = ingestFor(req.method, req.url);
    // Installed last, innermost: what the page cache holds and the CSP hashes is the stripped page.
    const nextAnswers = () => {
      if (scriptFreePages) serveWithoutNextRuntime(req, res);
      return handle(req, res);
    };
    if (ingest) await ingest(req, res);
    else if (pageCache) await pageCache.handle(req, res, nextAnswers);
    else await nextAnswers();
  } catch (error) {
    log.error({ reqId: requestId, path: loggablePath(req.url), err: error }, "request failed");
    if (res.headersSent) res.destroy();
    else {
      res.statusCode = 500;
      res.end("Internal Server Error");
    }
  }
}
if (options.keepAliveTimeout) server.keepAliveTimeout = options.keepAliveTimeout;

let app;
let stopping = false;
// Registered before Next.js starts instrumentation.ts: the outbox worker adds its own stop to these
// signals only when a handler is already there (lib/mail/worker-runtime.ts).
function stop(signal) {
  if (stopping) return; // Ctrl-C reaches npm, sh and node alike: one stop is enough
  stopping = true;
  // Taken now (lib/mail/notify.ts keeps it on globalThis): the worker's own listener for this signal
  // unregisters it. Its stop() is safe to call twice.
  const worker = globalThis.countUsInOutboxWorker;
  const code = signal === "SIGINT" ? 130 : 143;
  setTimeout(() => {
    log.error({ signal, graceMs: GRACE_MS }, "server: still busy after the grace period, exiting");
    process.exit(code);
  }, GRACE_MS).unref();
  void (async () => {
    // No new connections; requests in flight finish (they may schedule `after` work that close() awaits),
    // and each keep-alive connection is closed as soon as it falls idle, not after keepAliveTimeout.
    const closing = new Promise((resolve) => server.close(() => resolve()));
    const idle = setInterval(() => server.closeIdleConnections(), 200);
    await closing;
    clearInterval(idle);
    await app?.close().catch((error) => log.error({ err: error }, "server: Next.js did not close cleanly"));
    // The sends in flight finish and unstarted claims go back, so a deploy strands no email.
    await worker
      ?.stop()
      .catch((error) => log.error({ err: error }, "server: outbox worker did not stop cleanly"));
    process.exit(code);
  })();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

server.on("error", (error) => {
  // Start-up errors quote no visitor's data, and the operator needs their message (port in use…).
  log.fatal({ err: error, detail: error.message }, "server: failed to start");
  process.exit(1);
});
// Listening first, as `next start` does: requests that arrive while Next.js prepares wait for it.
await new Promise((resolve) => server.listen(options.port, options.hostname, resolve));
const { port } = server.address();
// Next.js and its render workers read the port from here, as under `next start`.
process.env.PORT = String(port);

app = next({ dev: false, dir: root, hostname: internalHostname(options.hostname), port, httpServer: server });
try {
  await app.prepare();
} catch (error) {
  log.fatal({ err: error, detail: error?.message }, "server: Next.js failed to start");
  process.exit(1);
}
handle = app.getRequestHandler();
markReady();
const shown =
  options.hostname && !["0.0.0.0", "::"].includes(options.hostname) ? options.hostname : "localhost";
const url = `http://${shown.includes(":") ? `[${shown}]` : shown}:${port}`;
log.info({ url }, `server: ready on ${url}`);
