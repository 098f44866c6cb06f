// Request ids: serve.mjs gives one to every request and runs Next.js's handler inside an
// AsyncLocalStorage holding it; lib/platform/request-context.ts reads it back. serve.mjs and the bundled
// app are separate module graphs, so the storage is shared through a globalThis symbol, not an import.
import { AsyncLocalStorage } from "node:async_hooks";
import crypto from "node:crypto";

export const REQUEST_ID_HEADER = "x-request-id";
const STORAGE_KEY = Symbol.for("count-us-in.request-context");

/**
 * The one storage, made by whichever side asks first.
 * @returns {AsyncLocalStorage<{ requestId: string }>}
 */
export function requestContextStorage() {
  return (globalThis[STORAGE_KEY] ??= new AsyncLocalStorage());
}

// A proxy's id is kept so one request can be followed through the load balancer's log and ours (nginx's
// $request_id is 32 hex digits, a UUID 36 characters). Anything longer or with other characters is a
// visitor's invention that could forge or flood log lines: it is replaced.
const ACCEPTABLE = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * @param {string | string[] | undefined} incoming the X-Request-Id header as Node.js parsed it
 * @returns {string}
 */
export function requestIdFor(incoming) {
  return typeof incoming === "string" && ACCEPTABLE.test(incoming) ? incoming : crypto.randomUUID();
}

/** @param {string | null | undefined} value */
export function isAcceptableRequestId(value) {
  return typeof value === "string" && ACCEPTABLE.test(value);
}

/**
 * Gives the request its id before Next.js sees it: on the request header (replacing one that does not
 * look like an id) and on the response, so a visitor reporting a problem can quote it.
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @returns {string}
 */
export function stampRequestId(req, res) {
  const requestId = requestIdFor(req.headers[REQUEST_ID_HEADER]);
  req.headers[REQUEST_ID_HEADER] = requestId;
  res.setHeader("X-Request-Id", requestId);
  return requestId;
}
