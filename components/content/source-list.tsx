import type { Source } from "@/lib/content/schema";
import { formatDate } from "@/lib/format/date";

/** The numbered list that every <Cite> and chart points to. */
export function SourceList({ sources }: { sources: Source[] }) {
  if (sources.length === 0) return null;
  return (
    <section className="sources" aria-labelledby="sources-heading">
      <h2 id="sources-heading">Sources</h2>
      <ol>
        {sources.map((source) => (
          <li key={source.id} id={`source-${source.id}`}>
            {source.url ? (
              <a href={source.url} rel="noopener">
                {source.title}
              </a>
            ) : (
              <cite>{source.title}</cite>
            )}
            , {source.publisher}, {formatDate(source.date)}.
          </li>
        ))}
      </ol>
    </section>
  );
}
