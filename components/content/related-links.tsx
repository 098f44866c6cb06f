import Link from "next/link";
import { entryHref, findBySlugPath } from "@/lib/content";

export function RelatedLinks({ related }: { related: string[] }) {
  const entries = related.map((slug) => findBySlugPath(slug)).filter((entry) => entry !== undefined);
  if (entries.length === 0) return null;
  return (
    <nav className="related" aria-labelledby="related-heading">
      <h2 id="related-heading">Read next</h2>
      <ul>
        {entries.map((entry) => (
          <li key={entryHref(entry)}>
            <Link href={entryHref(entry)}>{entry.frontmatter.title}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
