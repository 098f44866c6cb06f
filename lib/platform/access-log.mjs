// One line per request in serve.mjs's log. The path is all a line says about what was asked for, and some
// paths are keys: an emailed link's token lets whoever holds it confirm, manage or sign in as someone.

const TOKEN_ROUTES = [
  /^(\/pledge\/(?:confirm|manage)\/)[^/]+/,
  /^(\/scotland\/volunteer\/(?:confirm|manage)\/)[^/]+/,
  // The sign-in pages are /admin/sign-in, /check-email and /verify; anything else there is a token.
  /^(\/admin\/sign-in\/)(?!(?:check-email|verify)(?:\/|$))[^/]+/,
];
// A safety net for token routes added later: no page of ours has a segment this long.
const LONG_SEGMENT = /(?<=\/)[A-Za-z0-9_~.%-]{40,}(?=\/|$)/g;
const MAX_PATH = 200;
const PROBES = new Set(["/api/health", "/api/ready"]);

/**
 * The path of a request URL, fit for a log: no query string (a search, a token, an address), tokens
 * replaced by ":token", at most 200 characters.
 * @param {string | undefined} url the request line's target, e.g. req.url
 */
export function loggablePath(url) {
  let path = (url ?? "").split(/[?#]/, 1)[0] ?? "";
  if (!path.startsWith("/")) return "(not a path)";
  for (const route of TOKEN_ROUTES) path = path.replace(route, "$1:token");
  path = path.replace(LONG_SEGMENT, ":token");
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
}

/**
 * Logs one line when the response ends (or the connection drops first).
 * @param {import("pino").Logger} log
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {string} requestId
 */
export function logWhenDone(log, req, res, requestId) {
  const started = process.hrtime.bigint();
  // Load balancers ask these every few seconds on every instance: kept out of the log at "info".
  const level = PROBES.has(loggablePath(req.url)) ? "debug" : "info";
  res.once("close", () => {
    log[level](
      {
        reqId: requestId,
        method: req.method,
        path: loggablePath(req.url),
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        ...(!res.writableFinished && { aborted: true }),
      },
      "request",
    );
  });
}
