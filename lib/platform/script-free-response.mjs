// Sends the pages on script-free-pages.mjs's list without Next.js's scripts: installed by serve.mjs on
// each request, just before Next.js answers it, so the page cache and the Content-Security-Policy (which
// hashes the inline scripts left) both see the page as the visitor gets it.
//
// Only a 200 HTML answer to a GET for a listed page is changed, and the prerendered "not found" page.
// Next.js writes it in pieces, often gzipped by its own compression, so the body is held until its end,
// decoded, stripped and encoded again the same way (content-coding.mjs), with a Content-Length to match.
// Everything else passes through untouched: HEAD (but for its Content-Length, which would name the whole
// copy), 304s, redirects, errors, non-HTML answers, and the router's own requests (`rsc`).
// The ETag stays: the stripped copy is a fixed function of Next.js's copy, so the tag still names it.
import { isHtml, isReadableCoding, readBody, writeBody } from "./content-coding.mjs";
import { holdResponse } from "./hold-response.mjs";
import { isScriptFreePage, stripNextRuntime } from "./script-free-pages.mjs";

// Framework files and API answers are never pages: not even held to look at.
const NOT_PAGES = /^\/(?:_next|api)\//;

/**
 * A HEAD for a script-free page is answered by Next.js with the length of its whole copy, which a GET never
 * sends: leave the length out rather than state a wrong one.
 * @param {import("node:http").ServerResponse} res
 */
function withoutLength(res) {
  const writeHead = res.writeHead;
  res.writeHead = /** @type {typeof res.writeHead} */ (
    function (/** @type {any[]} */ ...args) {
      const given = args.find((arg) => arg && typeof arg === "object");
      if (given && !Array.isArray(given))
        for (const name of Object.keys(given))
          if (name.toLowerCase() === "content-length") delete given[name];
      res.removeHeader("content-length");
      return writeHead.apply(res, /** @type {any} */ (args));
    }
  );
}

/**
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
export function serveWithoutNextRuntime(req, res) {
  if (req.method === "HEAD" && isScriptFreePage(req.url)) return withoutLength(res);
  if (req.method !== "GET" || req.headers.rsc !== undefined || NOT_PAGES.test(req.url ?? "")) return;
  const listed = isScriptFreePage(req.url);

  holdResponse(res, {
    // Called by Next.js (or its compression) once every header is set, before the first byte.
    onHeaders(statusCode) {
      // The "not found" page (app/not-found.tsx) is a content page too, when it is the copy prerendered at
      // build time (Next.js serves it from its cache). A page's own 404, rendered for this request (a broken
      // emailed link), may stream part of itself through scripts, so it keeps them.
      const prerenderedNotFound = statusCode === 404 && res.hasHeader("x-nextjs-cache");
      const scriptFree = (statusCode === 200 && listed) || prerenderedNotFound;
      return scriptFree && isHtml(res) && isReadableCoding(res);
    },
    onBody(body) {
      let sent = body;
      try {
        sent = writeBody(res, stripNextRuntime(readBody(res, body)));
      } catch {
        // A body we cannot read goes out as Next.js wrote it: the page still works, with its scripts.
      }
      res.removeHeader("content-length");
      res.setHeader("content-length", sent.length);
      return sent;
    },
  });
}
