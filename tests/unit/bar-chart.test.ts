import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "@/components/charts/bar-chart";

const sources = [
  { id: "naome-2025", title: "State of the Nation report 2025", publisher: "NATCAN", date: "2025-09-11" },
];

function render(props: Partial<Parameters<typeof BarChart>[0]> = {}) {
  return renderToStaticMarkup(
    createElement(BarChart, {
      title: "MDT discussion documented",
      description: "Wales documented more discussions than England.",
      unit: "%",
      source: "naome-2025",
      sources,
      data: [
        { label: "England", value: 59 },
        { label: "Wales", value: 70 },
      ],
      ...props,
    }),
  );
}

describe("bar chart", () => {
  it("gives screen readers the title and every number as the image's text", () => {
    const html = render();
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+-title [^"]+-desc"/);
    expect(html).toContain("England: 59%. Wales: 70%.");
  });

  it("offers the same numbers as a table", () => {
    const html = render();
    expect(html).toContain('<th scope="row">England</th><td>59%</td>');
    expect(html).toContain('<th scope="row">Wales</th><td>70%</td>');
  });

  it("names its source and date beside the chart", () => {
    expect(render()).toContain("Source: NATCAN, State of the Nation report 2025 (11 September 2025)");
  });

  it("draws bars in proportion to their values", () => {
    const widths = [...render().matchAll(/<rect[^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]! / widths[1]!).toBeCloseTo(59 / 70, 5);
  });

  it("refuses to draw a chart whose source is not declared", () => {
    expect(() => render({ source: "somewhere-else" })).toThrow(/names source "somewhere-else"/);
  });
});
