// The bars of a horizontal bar chart as one SVG image: a label, a bar and its value per row. Drawn on the
// server, no JavaScript. The SVG is a single image whose text alternative (<desc>, plus the title the
// caller's caption gives it) says every value, so the rows themselves are hidden from screen readers.
// Used by the audit summaries' <BarChart> and the pledge page's countries; each caller adds its own caption
// and table of the same numbers.

export type Bar = { key: string; label: string; value: number; valueText: string };

/** Row and column sizes, in SVG units; the image scales to its column. */
export type BarLayout = {
  barHeight: number;
  gap: number;
  labelWidth: number;
  chartWidth: number;
  valueRoom: number;
};

export function HorizontalBars({
  bars,
  layout,
  titleId,
  descId,
  description,
  max,
}: {
  bars: readonly Bar[];
  layout: BarLayout;
  /** The id of the caption's title, read out with the description. */
  titleId: string;
  descId: string;
  /** A sentence before the values in the text alternative; omitted, the values alone. */
  description?: string;
  /** The value of a full-width bar; defaults to the largest value. */
  max?: number;
}) {
  const { barHeight, gap, labelWidth, chartWidth, valueRoom } = layout;
  const top = max ?? Math.max(1, ...bars.map((bar) => bar.value));
  const scale = (chartWidth - labelWidth - valueRoom) / top;
  const height = Math.max(1, bars.length * (barHeight + gap) - gap);
  const values = bars.map((bar) => `${bar.label}: ${bar.valueText}.`).join(" ");
  return (
    <svg
      viewBox={`0 0 ${chartWidth} ${height}`}
      role="img"
      aria-labelledby={`${titleId} ${descId}`}
      className="chart__svg"
      preserveAspectRatio="xMinYMin meet"
    >
      <desc id={descId}>{description ? `${description} ${values}` : values}</desc>
      {bars.map((bar, index) => {
        const y = index * (barHeight + gap);
        const width = Math.max(2, bar.value * scale);
        return (
          <g key={bar.key} aria-hidden="true">
            <text
              x={labelWidth - 12}
              y={y + barHeight / 2}
              dominantBaseline="middle"
              textAnchor="end"
              className="chart__label"
            >
              {bar.label}
            </text>
            <rect x={labelWidth} y={y} width={width} height={barHeight} rx={4} className="chart__bar" />
            <text
              x={labelWidth + width + 8}
              y={y + barHeight / 2}
              dominantBaseline="middle"
              className="chart__value"
            >
              {bar.valueText}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
