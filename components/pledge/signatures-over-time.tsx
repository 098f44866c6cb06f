import { useId } from "react";

const width = 640;
const height = 200;
const padding = { top: 12, right: 12, bottom: 28, left: 12 };

function runningTotals(byDay: { day: string; count: number }[]) {
  const points: { day: string; total: number }[] = [];
  for (const { day, count } of byDay) points.push({ day, total: (points.at(-1)?.total ?? 0) + count });
  return points;
}

/** Running total by day, as a server-drawn SVG line with the numbers in a table beside it. */
export function SignaturesOverTime({
  byDay,
  headingLevel,
}: {
  byDay: { day: string; count: number }[];
  headingLevel: 3 | 4;
}) {
  const id = useId();
  const Heading = `h${headingLevel}` as const;
  if (byDay.length === 0) return null;

  const points = runningTotals(byDay);
  const top = Math.max(1, points.at(-1)!.total);
  const x = (i: number) =>
    padding.left +
    (points.length === 1
      ? (width - padding.left - padding.right) / 2
      : (i * (width - padding.left - padding.right)) / (points.length - 1));
  const y = (total: number) => padding.top + (1 - total / top) * (height - padding.top - padding.bottom);
  const path = points
    .map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p.total).toFixed(1)}`)
    .join(" ");
  const first = points[0]!;
  const last = points.at(-1)!;

  return (
    <figure className="chart">
      <figcaption className="chart__caption">
        <Heading className="chart__title" id={`${id}-title`}>
          Signatures over time
        </Heading>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className="chart__svg"
      >
        <desc id={`${id}-desc`}>
          Running total of confirmed signatures, from {first.total.toLocaleString("en-GB")} on {first.day} to{" "}
          {last.total.toLocaleString("en-GB")} on {last.day}.
        </desc>
        <g aria-hidden="true">
          <line
            x1={padding.left}
            x2={width - padding.right}
            y1={height - padding.bottom}
            y2={height - padding.bottom}
            className="chart__axis"
          />
          <path d={path} className="chart__line" />
          {points.length === 1 && <circle cx={x(0)} cy={y(first.total)} r={5} className="chart__point" />}
          <text x={padding.left} y={height - 6} className="chart__label">
            {first.day}
          </text>
          <text x={width - padding.right} y={height - 6} textAnchor="end" className="chart__label">
            {last.day}
          </text>
        </g>
      </svg>
      <details className="chart__data">
        <summary>Show the numbers as a table</summary>
        <table>
          <caption className="visually-hidden">Confirmed signatures by day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Confirmed that day</th>
              <th scope="col">Running total</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p, i) => (
              <tr key={p.day}>
                <th scope="row">{p.day}</th>
                <td>{byDay[i]!.count.toLocaleString("en-GB")}</td>
                <td>{p.total.toLocaleString("en-GB")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
