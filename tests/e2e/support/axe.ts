import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

// WCAG 2.2 AA, as promised in the accessibility statement; axe tags each rule with the versions it covers.
export const wcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Run axe and return one readable line per failing element, so a failure says what to fix and where. */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  return results.violations.flatMap((violation) =>
    violation.nodes.map((node) => {
      const why = (node.failureSummary ?? "").replace(/\s+/g, " ").trim();
      return `[${violation.impact ?? "unknown"}] ${violation.id}: ${violation.help} | ${node.target.join(" ")} | ${node.html.slice(0, 160)} | ${why} | ${violation.helpUrl}`;
    }),
  );
}
