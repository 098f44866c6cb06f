// A request path whose percent-encoding cannot be decoded ("/pledge/manage/%E0%A4%A", a link cut off in
// the middle of a character) makes Next.js's router fail before any page or proxy runs: it tries its
// Pages Router error page, which an App Router build does not have, and answers a bare 500. The server
// (serve.mjs) therefore hands Next.js a well-formed path instead, the visitor's address bar unchanged:
// for an email link, the same kind of link with a token that is plainly not one of ours, whose page
// answers "we cannot use this link" with 404 (lib/entry/token-param.ts); for anything else, a path no
// route serves, so the site's own 404 page.

const LINK_PAGES = [
  "/pledge/confirm/",
  "/pledge/manage/",
  "/scotland/volunteer/confirm/",
  "/scotland/volunteer/manage/",
];

/** `url` unchanged if its path decodes; otherwise a well-formed path that answers 404. */
export function repairMalformedPath(url) {
  const path = url.split("?", 1)[0] ?? "";
  try {
    decodeURIComponent(path);
    return url;
  } catch {
    const linkPage = LINK_PAGES.find((prefix) => path.startsWith(prefix));
    return linkPage ? `${linkPage}unusable` : "/malformed-address";
  }
}
