import { describe, expect, it } from "vitest";
import type { ContentLibrary } from "@/lib/content/load";
import { monthsBefore, staleReviews } from "@/lib/content/review-age";

const entry = (file: string, reviewed?: string) =>
  ({ file, frontmatter: reviewed ? { reviewed } : {} }) as unknown as ContentLibrary["blog"][number];

describe("how old a page's review may be before content:check warns", () => {
  it("counts six calendar months back, even from the end of a long month", () => {
    expect(monthsBefore(new Date("2026-12-01T00:00:00Z"), 6)).toBe("2026-06-01");
    expect(monthsBefore(new Date("2026-08-31T00:00:00Z"), 6)).toBe("2026-02-28");
  });

  it("lists pages reviewed before the cut-off, oldest first, and ignores pages with no review date", () => {
    const library = {
      blog: [entry("blog/fresh.mdx", "2026-06-01"), entry("blog/stale.mdx", "2026-05-31")],
      audits: [entry("audits/very-stale.mdx", "2025-01-01")],
      pages: [entry("pages/home.mdx")],
    } as unknown as ContentLibrary;
    expect(staleReviews(library, new Date("2026-12-01T00:00:00Z"))).toEqual([
      { file: "audits/very-stale.mdx", reviewed: "2025-01-01" },
      { file: "blog/stale.mdx", reviewed: "2026-05-31" },
    ]);
  });
});
