import type { KeyFigure, Source } from "@/lib/content/schema";
import { formatDate } from "@/lib/format/date";

/** Headline numbers, each carrying its source and date right beside it: a figure never travels alone. */
export function KeyFigures({ figures, sources }: { figures: KeyFigure[]; sources: Source[] }) {
  if (figures.length === 0) return null;
  return (
    <section className="key-figures" aria-labelledby="key-figures-heading">
      <h2 id="key-figures-heading">The numbers we have</h2>
      <ul>
        {figures.map((figure) => {
          const source = sources.find((s) => s.id === figure.source)!;
          return (
            <li key={`${figure.value}-${figure.label}`} className="key-figure">
              <span className="key-figure__value">{figure.value}</span>
              <span className="key-figure__label">{figure.label}</span>
              <span className="key-figure__source">
                Source: <a href={`#source-${source.id}`}>{source.publisher}</a>, {formatDate(source.date)}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
