import { useId } from "react";
import type { Source } from "@/lib/content/schema";
import { formatDate } from "@/lib/format/date";
import { HorizontalBars, type BarLayout } from "@/components/charts/horizontal-bars";

export type BarDatum = { label: string; value: number };

type BarChartProps = {
  title: string;
  description: string;
  data: BarDatum[];
  unit?: string;
  max?: number;
  source: string;
  sources: Source[];
};

const layout: BarLayout = { barHeight: 36, gap: 16, labelWidth: 190, chartWidth: 640, valueRoom: 90 };

function formatValue(value: number, unit: string): string {
  return `${value.toLocaleString("en-GB")}${unit}`;
}

/**
 * A horizontal bar chart drawn on the server as SVG: no JavaScript, sharp at any zoom. The SVG is one
 * image with a text alternative; the exact numbers are also given as a table for screen readers and
 * for anyone who prefers reading to comparing bar lengths.
 */
export function BarChart({ title, description, data, unit = "", max, source, sources }: BarChartProps) {
  const id = useId();
  const cited = sources.find((s) => s.id === source);
  if (!cited)
    throw new Error(`<BarChart title="${title}"> names source "${source}", which is not in the frontmatter`);
  if (data.length === 0) throw new Error(`<BarChart title="${title}"> has no data`);

  const top = max ?? Math.max(...data.map((d) => d.value));

  return (
    <figure className="chart">
      <figcaption className="chart__caption">
        <span className="chart__title" id={`${id}-title`}>
          {title}
        </span>
        <span className="chart__source">
          Source: {cited.publisher}, {cited.title} ({formatDate(cited.date)})
        </span>
      </figcaption>
      <HorizontalBars
        bars={data.map((d) => ({
          key: d.label,
          label: d.label,
          value: d.value,
          valueText: formatValue(d.value, unit),
        }))}
        layout={layout}
        titleId={`${id}-title`}
        descId={`${id}-desc`}
        description={description}
        max={top}
      />
      <details className="chart__data">
        <summary>Show the numbers as a table</summary>
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">Group</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {data.map((d) => (
              <tr key={d.label}>
                <th scope="row">{d.label}</th>
                <td>{formatValue(d.value, unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
