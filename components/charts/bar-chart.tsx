import { useId } from "react";
import type { Source } from "@/lib/content/schema";
import { formatDate } from "@/lib/format/date";

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

const barHeight = 36;
const gap = 16;
const labelWidth = 190;
const chartWidth = 640;
const valueRoom = 90;

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
  const height = data.length * (barHeight + gap) - gap;
  const scale = (chartWidth - labelWidth - valueRoom) / top;

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
      <svg
        viewBox={`0 0 ${chartWidth} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart__svg"
        preserveAspectRatio="xMinYMin meet"
      >
        <desc id={`${id}-desc`}>
          {description} {data.map((d) => `${d.label}: ${formatValue(d.value, unit)}.`).join(" ")}
        </desc>
        {data.map((d, index) => {
          const y = index * (barHeight + gap);
          const width = Math.max(2, d.value * scale);
          return (
            <g key={d.label} aria-hidden="true">
              <text
                x={labelWidth - 12}
                y={y + barHeight / 2}
                dominantBaseline="middle"
                textAnchor="end"
                className="chart__label"
              >
                {d.label}
              </text>
              <rect x={labelWidth} y={y} width={width} height={barHeight} rx={4} className="chart__bar" />
              <text
                x={labelWidth + width + 8}
                y={y + barHeight / 2}
                dominantBaseline="middle"
                className="chart__value"
              >
                {formatValue(d.value, unit)}
              </text>
            </g>
          );
        })}
      </svg>
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
