import { useId } from "react";
import { countryName } from "@/lib/values/countries";
import { ukNations } from "@/lib/values/nations";
import { HorizontalBars, type BarLayout } from "@/components/charts/horizontal-bars";

// Where people have signed, drawn on the server as SVG: a tile map of the UK's four nations (one square
// each, placed roughly where the nation lies; a true outline map needs geometry this site does not ship)
// and bars for countries. No script; the same numbers are in the table below it.

type Counts = { byNation: Record<string, number>; byCountry: Record<string, number> };

const tile = 110;
const gap = 8;
/** Column and row of each nation's tile: Scotland at the top, Northern Ireland and Wales to the west. */
const tilePlaces: Record<string, { col: number; row: number; rows?: number }> = {
  scotland: { col: 1, row: 0 },
  "northern-ireland": { col: 0, row: 1 },
  wales: { col: 0, row: 2 },
  england: { col: 1, row: 1, rows: 2 },
};
/** Light to mid plum: dark text stays above 4.5:1 on every step. */
const shades = ["#f7eef4", "#ecd7e5", "#e0bfd6", "#d4a7c6", "#c98fb7"];
const shadeFor = (count: number, max: number) =>
  shades[count === 0 || max === 0 ? 0 : Math.max(1, Math.ceil((count / max) * (shades.length - 1)))]!;
const number = (n: number) => n.toLocaleString("en-GB");

const barLayout: BarLayout = { barHeight: 28, gap: 10, labelWidth: 200, chartWidth: 640, valueRoom: 90 };
const MAX_BARS = 10;

export function SignaturesMap({ counts }: { counts: Counts }) {
  const id = useId();
  const nations = ukNations.map((nation) => ({ ...nation, count: counts.byNation[nation.value] ?? 0 }));
  const maxNation = Math.max(0, ...nations.map((nation) => nation.count));
  const countries = Object.entries(counts.byCountry)
    .map(([code, count]) => ({ code, name: code === "GB" ? "United Kingdom" : countryName(code), count }))
    .filter((country) => country.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const bars = countries.slice(0, MAX_BARS);

  return (
    <section className="signatures-map" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>Where people have signed</h3>
      <figure className="chart">
        <figcaption className="chart__caption">
          <span className="chart__title" id={`${id}-uk`}>
            Confirmed signatures in the UK, by nation
          </span>
          <span className="chart__source">One square per nation, darker for more signatures.</span>
        </figcaption>
        <svg
          viewBox={`0 0 ${2 * tile + gap} ${3 * tile + 2 * gap}`}
          role="img"
          aria-labelledby={`${id}-uk ${id}-uk-desc`}
          // Drawn at its own size (not stretched to the column like the bar charts): four squares need little room.
          className="signatures-map__tiles"
          width={2 * tile + gap}
          height={3 * tile + 2 * gap}
        >
          <desc id={`${id}-uk-desc`}>
            {nations.map((nation) => `${nation.label}: ${number(nation.count)}.`).join(" ")}
          </desc>
          {nations.map((nation) => {
            const place = tilePlaces[nation.value]!;
            const x = place.col * (tile + gap);
            const y = place.row * (tile + gap);
            const h = (place.rows ?? 1) * tile + ((place.rows ?? 1) - 1) * gap;
            return (
              <g key={nation.value} aria-hidden="true">
                <rect
                  x={x}
                  y={y}
                  width={tile}
                  height={h}
                  rx={6}
                  fill={shadeFor(nation.count, maxNation)}
                  stroke="#5b1a4a"
                />
                <text x={x + tile / 2} y={y + h / 2 - 8} textAnchor="middle" fontSize="13" fill="#1b1b1f">
                  {nation.label}
                </text>
                <text
                  x={x + tile / 2}
                  y={y + h / 2 + 16}
                  textAnchor="middle"
                  fontSize="20"
                  fontWeight="700"
                  fill="#1b1b1f"
                >
                  {number(nation.count)}
                </text>
              </g>
            );
          })}
        </svg>
      </figure>
      {bars.length > 0 && (
        <figure className="chart">
          <figcaption className="chart__caption">
            <span className="chart__title" id={`${id}-world`}>
              Confirmed signatures by country
              {countries.length > MAX_BARS ? `: the ${MAX_BARS} with most` : ""}
            </span>
          </figcaption>
          <HorizontalBars
            bars={bars.map((country) => ({
              key: country.code,
              label: country.name,
              value: country.count,
              valueText: number(country.count),
            }))}
            layout={barLayout}
            titleId={`${id}-world`}
            descId={`${id}-world-desc`}
          />
        </figure>
      )}
      <div className="table-scroll">
        <table data-testid="signatures-by-place">
          <caption>Confirmed signatures by UK nation and by country</caption>
          <thead>
            <tr>
              <th scope="col">Where</th>
              <th scope="col">Signatures</th>
            </tr>
          </thead>
          <tbody>
            {nations.map((nation) => (
              <tr key={nation.value} data-place={nation.value}>
                <th scope="row">{nation.label} (UK)</th>
                <td>{number(nation.count)}</td>
              </tr>
            ))}
            {countries.map((country) => (
              <tr key={country.code} data-place={country.code}>
                <th scope="row">{country.name}</th>
                <td>{number(country.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
