// The site promises that a count it shows is at most 5 seconds old (issue #8), however hard a page is
// refreshed and however long its render took. A page that shows a live figure says when it was read, on
// the element that shows it: `data-counted-at="<ISO time>"` (the home page, the pledge page, the
// embeddable counter). The production server's page cache (page-cache.mjs) reads it, and holds a copy
// only until its oldest figure reaches that age: a render that took seconds under load leaves the copy
// less time, instead of adding its own time to the promise.

/** How old a figure on a page may be when someone sees it. */
export const LIVE_FIGURES_MAX_AGE_MS = 5_000;

const COUNTED_AT = /\bdata-counted-at="([^"]*)"/g;

/**
 * When the oldest live figure in this HTML was read (ms since the epoch), or undefined when it shows none.
 * @param {string} html
 * @returns {number | undefined}
 */
export function figuresReadAt(html) {
  let oldest;
  for (const [, value] of html.matchAll(COUNTED_AT)) {
    const at = Date.parse(value);
    if (Number.isFinite(at) && (oldest === undefined || at < oldest)) oldest = at;
  }
  return oldest;
}
