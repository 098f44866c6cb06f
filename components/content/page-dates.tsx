import { Fragment } from "react";
import { formatDate } from "@/lib/format/date";

type PageDatesProps = { published?: string; updated?: string; reviewed?: string; author?: string };

/**
 * Our own page's dates, with labels that cannot be mistaken for a report's publication date (a report's
 * date stands beside it in the sources). "Last reviewed" tells a reader how fresh the figures are.
 */
export function PageDates({ published, updated, reviewed, author }: PageDatesProps) {
  const parts = [
    published && { label: "First published", date: published },
    updated && { label: "Last updated", date: updated },
    reviewed && { label: "Last reviewed", date: reviewed },
  ].filter((part) => !!part);
  if (parts.length === 0) return null;
  return (
    <p className="article__meta">
      {parts.map((part, index) => (
        <Fragment key={part.label}>
          {index > 0 && " · "}
          {part.label} <time dateTime={part.date}>{formatDate(part.date)}</time>
        </Fragment>
      ))}
      {author && <> · {author}</>}
    </p>
  );
}
