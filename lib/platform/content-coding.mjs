// Reading and rewriting an HTML response's body as Next.js wrote it, compressed or not: shared by the
// Content-Security-Policy (which hashes the inline scripts of a cached page) and the script-free pages
// (which take the scripts out), so both undo Next.js's compression the same way.
import zlib from "node:zlib";

/** @typedef {(body: Buffer) => Buffer} Transform */

/** An uncompressed body, read and written as it is. */
const UNCHANGED = {
  decode: (/** @type {Buffer} */ body) => body,
  encode: (/** @type {Buffer} */ body) => body,
};

/** How to undo and redo each Content-Encoding Next.js may apply; others are not read. */
const CODINGS = /** @type {Record<string, { decode: Transform; encode: Transform }>} */ ({
  "": UNCHANGED,
  identity: UNCHANGED,
  gzip: { decode: zlib.gunzipSync, encode: zlib.gzipSync },
  deflate: { decode: zlib.inflateSync, encode: zlib.deflateSync },
  br: {
    decode: zlib.brotliDecompressSync,
    // Quality 5: most of the saving for a fraction of the time of the default 11, on every cache miss.
    encode: (body) => zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }),
  },
});

/** @param {import("node:http").ServerResponse} res */
const codingOf = (res) =>
  String(res.getHeader("content-encoding") ?? "")
    .trim()
    .toLowerCase();

/** @param {import("node:http").ServerResponse} res whether its Content-Type says HTML */
export const isHtml = (res) => /^\s*text\/html\b/i.test(String(res.getHeader("content-type") ?? ""));

/** @param {import("node:http").ServerResponse} res whether its body can be read (and written back) here */
export const isReadableCoding = (res) => Object.hasOwn(CODINGS, codingOf(res));

/**
 * The body as text, undoing the response's Content-Encoding. Throws on a coding it cannot read, or a
 * corrupt body.
 * @param {import("node:http").ServerResponse} res @param {Buffer} body
 */
export function readBody(res, body) {
  const coding = CODINGS[codingOf(res)];
  if (!coding) throw new Error(`unreadable content-encoding: ${codingOf(res)}`);
  return coding.decode(body).toString("utf8");
}

/**
 * Text encoded as the response's Content-Encoding says, ready to send in place of its body.
 * @param {import("node:http").ServerResponse} res @param {string} text
 */
export function writeBody(res, text) {
  const coding = CODINGS[codingOf(res)];
  if (!coding) throw new Error(`unwritable content-encoding: ${codingOf(res)}`);
  return coding.encode(Buffer.from(text, "utf8"));
}
