import type { Source } from "@/lib/content/schema";

/** An inline, numbered pointer to the page's list of sources. */
export function Cite({ source, sources }: { source: string; sources: Source[] }) {
  const index = sources.findIndex((s) => s.id === source);
  const cited = sources[index];
  if (!cited) throw new Error(`<Cite source="${source}"> names a source that is not in the frontmatter`);
  return (
    <sup className="cite">
      <a href={`#source-${cited.id}`} aria-label={`Source ${index + 1}: ${cited.title}`}>
        [{index + 1}]
      </a>
    </sup>
  );
}
