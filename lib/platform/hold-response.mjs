// Holds a response from the moment its headers are final until its last byte, so something can be worked
// out from the whole body before anything is sent: the hashes of a cached page's inline scripts
// (lib/security/content-security-policy-response.mjs), or the page without Next.js's scripts
// (script-free-response.mjs). Next.js, and its compression, write a page in pieces after writeHead.
import { chunkBytes } from "./chunk-bytes.mjs";

/**
 * @typedef {import("node:http").ServerResponse} Res
 * @param {Res} res
 * @param {{
 *   onHeaders: (statusCode: number) => boolean;
 *   onBody: (body: Buffer, statusCode: number) => Buffer;
 *   writeHead?: Res["writeHead"];
 * }} steps
 *   onHeaders: called once, with every header set on `res`; may change them, and returns true to hold the
 *   body. onBody: the whole body of a held response; may set headers, and returns the body to send.
 *   writeHead: what sends the headers in the end (res.writeHead as it was, unless given).
 */
export function holdResponse(res, { onHeaders, onBody, writeHead = res.writeHead }) {
  const write = res.write;
  const end = res.end;
  const flushHeaders = res.flushHeaders;
  let decided = false;
  /** @type {{ statusCode: number; statusMessage: string | undefined; chunks: Buffer[] } | undefined} */
  let held;

  /** @type {Res["writeHead"]} */
  const decide = function (statusCode, ...rest) {
    if (decided) return held ? res : writeHead.call(res, statusCode, ...rest);
    decided = true;
    const statusMessage = typeof rest[0] === "string" ? rest[0] : undefined;
    const given = typeof rest[0] === "string" ? rest[1] : rest[0];
    if (Array.isArray(given))
      for (let i = 0; i + 1 < given.length; i += 2) res.setHeader(given[i], given[i + 1]);
    else if (given)
      for (const [name, value] of Object.entries(given)) if (value !== undefined) res.setHeader(name, value);
    if (onHeaders(statusCode)) {
      held = { statusCode, statusMessage, chunks: [] };
      return res;
    }
    return writeHead.call(res, statusCode, statusMessage);
  };
  res.writeHead = decide;

  /** @type {any} */ (res).write = function (/** @type {any[]} */ ...args) {
    if (!decided) res.writeHead(res.statusCode);
    if (!held) return write.apply(res, /** @type {any} */ (args));
    held.chunks.push(chunkBytes(args[0], args[1]));
    const callback = args.find((arg) => typeof arg === "function");
    if (callback) process.nextTick(callback);
    return true;
  };
  res.flushHeaders = function () {
    if (!decided) res.writeHead(res.statusCode);
    if (!held) flushHeaders.call(res);
  };
  /** @type {any} */ (res).end = function (/** @type {any[]} */ ...args) {
    if (!decided) res.writeHead(res.statusCode);
    if (!held) return end.apply(res, /** @type {any} */ (args));
    const copy = held;
    held = undefined;
    copy.chunks.push(chunkBytes(args[0], args[1]));
    const body = onBody(Buffer.concat(copy.chunks), copy.statusCode);
    writeHead.call(res, copy.statusCode, copy.statusMessage);
    const callback = args.find((arg) => typeof arg === "function");
    return end.call(res, body, callback);
  };
}
