import Link from "next/link";
import type { Entry } from "@/lib/content";
import { entryHref } from "@/lib/content";
import type { CollectionName } from "@/lib/content/schema";
import { formatDate } from "@/lib/format/date";

/** A teaser for a blog post or audit summary in a list. The whole card is one link, named by its title. */
export function EntryCard({
  entry,
  headingLevel = 2,
}: {
  entry: Entry<CollectionName>;
  headingLevel?: 2 | 3;
}) {
  const Heading = `h${headingLevel}` as const;
  const published = (entry.frontmatter as { published?: string }).published;
  return (
    <article className="card">
      <Heading className="card__title">
        <Link href={entryHref(entry)}>{entry.frontmatter.title}</Link>
      </Heading>
      <p>{entry.frontmatter.description}</p>
      {published && (
        <p className="card__meta">
          <time dateTime={published}>{formatDate(published)}</time>
        </p>
      )}
    </article>
  );
}
