import type { CounterSummary } from "@/lib/pledge/counter-summary";

// The embeddable counter is a whole HTML document of its own (not a page in the site's layout): it sits
// in an iframe on partners' sites, so it carries no header, no footer and no script. Written as a string
// because a route handler serves it; every value put into it is escaped.

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
const number = (n: number) => n.toLocaleString("en-GB");

/** The counter's HTML; `summary` undefined while the count cannot be read (during the build). */
export function counterDocument(summary: CounterSummary | undefined, signUrl: string): string {
  const body = summary
    ? `<p class="counter__total"><strong data-testid="counter-total" data-counted-at="${escapeHtml(summary.countedAt)}">${number(summary.total)}</strong> ${
        summary.total === 1 ? "person has" : "people have"
      } signed</p>
      <svg class="counter__bar" viewBox="0 0 100 6" preserveAspectRatio="none" width="100%" height="20" aria-hidden="true">
        <rect x="0" y="0" width="100" height="6" rx="1" fill="#f7eef4" stroke="#5b1a4a" stroke-width="0.3"/>
        <rect x="0" y="0" width="${Math.max(summary.percentOfGoal, 0.5)}" height="6" rx="1" fill="#5b1a4a"/>
      </svg>
      <p class="counter__goal">${summary.percentOfGoal}% of our goal of ${number(summary.goal)} signatures</p>`
    : `<p class="counter__total">Add your name to the global pledge.</p>`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Count Us In pledge: signature counter</title>
<link rel="stylesheet" href="/embed-counter.css">
</head>
<body>
<main class="counter">
  <h1 class="counter__title">Count Us In: the global pledge</h1>
  ${body}
  <p class="counter__sign"><a href="${escapeHtml(signUrl)}" target="_blank" rel="noopener">Sign the pledge<span class="visually-hidden"> (opens in a new tab)</span></a></p>
  <p class="counter__note">Confirmed signatures, updated every few seconds.</p>
</main>
</body>
</html>
`;
}
