// Puts the right Content-Security-Policy (content-security-policy.mjs) on each response as it leaves the
// production server, where the response's own headers say what it is, and adds HSTS on https.
//
// proxy.ts has already given every page a nonce policy, which is right for a page rendered for one
// request. Here:
//   - a response that is not HTML gets the load-nothing policy;
//   - an HTML response a shared cache may store (Cache-Control `s-maxage`/`public`: home, pledge and the
//     static pages), or one Next.js served from its own cache (`x-nextjs-cache`: the prerendered 404 page
//     is sent `private`, but was rendered at build time, without this request's nonce), gets the hashes of
//     its inline scripts instead, because the one copy serves everyone.
//     They are worked out once per copy: the first response of a copy (a new ETag) is held until its body
//     is complete, then hashed; every later response of that copy costs one Map lookup, so a refresh
//     storm pays nothing for it. Cache-Control is never touched: a cacheable page stays cacheable.
import { createHash } from "node:crypto";
import {
  allowFraming,
  cachedPagePolicy,
  formAnswerPolicy,
  inlineScriptHashes,
  isFrameable,
  isSharedCacheable,
  nonHtmlPolicy,
  pageWithoutNoncePolicy,
  servedOverHttps,
  STRICT_TRANSPORT_SECURITY,
} from "./content-security-policy.mjs";
import { isHtml, readBody } from "../platform/content-coding.mjs";
import { holdResponse } from "../platform/hold-response.mjs";

const CSP = "content-security-policy";
// Home and pledge make a new copy at most every second, the static pages one each per build.
const REMEMBERED_COPIES = 256;

/** @param {string} text */
const sha256Base64 = (text) => createHash("sha256").update(text, "utf8").digest("base64");

/**
 * @param {{ siteUrl: string | undefined; trustedProxyHops: number }} settings
 * @returns {(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => void}
 *   call on each request before Next.js sees it
 */
export function contentSecurityPolicyForResponses({ siteUrl, trustedProxyHops }) {
  /** @type {Map<string, string>} ETag → the policy of that copy of a cached page */
  const remembered = new Map();
  const remember = (/** @type {string} */ etag, /** @type {string} */ policy) => {
    if (remembered.size >= REMEMBERED_COPIES) remembered.delete(remembered.keys().next().value ?? "");
    remembered.set(etag, policy);
  };

  return function secure(req, res) {
    const https = servedOverHttps({
      siteUrl,
      forwardedProto: [req.headers["x-forwarded-proto"]].flat()[0],
      trustedProxyHops,
    });
    const nextWriteHead = res.writeHead;
    // The embeddable counter alone may be framed: its policy, whichever it is, has frame-ancestors opened.
    const writeHead = isFrameable(req.url)
      ? /** @type {typeof res.writeHead} */ (
          function (/** @type {any[]} */ ...args) {
            const policy = res.getHeader(CSP);
            if (policy) res.setHeader(CSP, allowFraming(String(policy)));
            return nextWriteHead.apply(res, /** @type {any} */ (args));
          }
        )
      : nextWriteHead;
    holdResponse(res, {
      writeHead,
      // Headers are final here: Next.js (and its compression) set them all before the first byte.
      onHeaders(statusCode) {
        if (https) res.setHeader("strict-transport-security", STRICT_TRANSPORT_SECURITY);
        const etag = String(res.getHeader("etag") ?? "");
        if (statusCode === 304) {
          // The visitor keeps the copy it has, whose policy came with it: only the same policy may replace it.
          const known = remembered.get(etag);
          if (known) res.setHeader(CSP, known);
          else res.removeHeader(CSP);
        } else if (!isHtml(res)) res.setHeader(CSP, nonHtmlPolicy());
        // A form post is answered with its page rendered for that one request, carrying this request's nonce
        // (even when Next.js labels it `x-nextjs-cache`).
        else if (req.method === "POST")
          res.setHeader(
            CSP,
            res.hasHeader(CSP) ? formAnswerPolicy(String(res.getHeader(CSP))) : pageWithoutNoncePolicy(),
          );
        else if (
          !isSharedCacheable(String(res.getHeader("cache-control") ?? "")) &&
          !res.hasHeader("x-nextjs-cache")
        ) {
          if (!res.hasHeader(CSP)) res.setHeader(CSP, pageWithoutNoncePolicy());
        } else if (remembered.has(etag)) res.setHeader(CSP, /** @type {string} */ (remembered.get(etag)));
        else if (req.method === "HEAD")
          res.removeHeader(CSP); // no body to hash; a cache keeps what it has
        else return true; // the first response of this copy: hashed once its body is complete
        return false;
      },
      onBody(body, statusCode) {
        let policy;
        try {
          const html = readBody(res, body);
          policy = cachedPagePolicy(inlineScriptHashes(html, sha256Base64));
          const etag = String(res.getHeader("etag") ?? "");
          if (etag && statusCode === 200) remember(etag, policy);
        } catch {
          policy = cachedPagePolicy([]); // a body we cannot read runs no inline script
        }
        res.setHeader(CSP, policy);
        return body;
      },
    });
  };
}
