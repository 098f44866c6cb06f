import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PageDates } from "@/components/content/page-dates";

const render = (props: Parameters<typeof PageDates>[0]) =>
  renderToStaticMarkup(createElement(PageDates, props));

describe("the dates under a post's or summary's title", () => {
  it("says when our page first went live and when it was last checked, never 'report published'", () => {
    const html = render({ published: "2026-11-25", reviewed: "2026-12-01" });
    expect(html).toContain('First published <time dateTime="2026-11-25">25 November 2026</time>');
    expect(html).toContain('Last reviewed <time dateTime="2026-12-01">1 December 2026</time>');
    expect(html).not.toMatch(/report/i);
  });

  it("shows a later update and the author between them", () => {
    const html = render({
      published: "2025-07-10",
      updated: "2026-12-01",
      reviewed: "2026-12-01",
      author: "Team",
    });
    expect(html.replace(/<[^>]+>/g, "")).toBe(
      "First published 10 July 2025 · Last updated 1 December 2026 · Last reviewed 1 December 2026 · Team",
    );
  });

  it("shows nothing for a page that carries no dates", () => {
    expect(render({})).toBe("");
  });
});
