import type { ReactNode } from "react";
import type { Entry } from "@/lib/content";
import type { CollectionName } from "@/lib/content/schema";
import { formatDate } from "@/lib/format/date";
import { MdxBody } from "@/components/mdx/mdx-body";
import { KeyFigures } from "@/components/content/key-figures";
import { RelatedLinks } from "@/components/content/related-links";
import { SourceList } from "@/components/content/source-list";

type ContentArticleProps = {
  entry: Entry<CollectionName>;
  /** A line above the title, such as "Blog" or "Audit summary". */
  eyebrow?: string;
  /** Rendered after the body and before the sources: the pledge form's place, for example. */
  children?: ReactNode;
};

function Dates({ entry }: { entry: Entry<CollectionName> }) {
  const fm = entry.frontmatter as { published?: string; updated?: string; author?: string };
  if (!fm.published && !fm.updated) return null;
  return (
    <p className="article__meta">
      {fm.published && (
        <>
          {entry.collection === "audits" ? "Report published " : "Published "}
          <time dateTime={fm.published}>{formatDate(fm.published)}</time>
        </>
      )}
      {fm.published && fm.updated && " · "}
      {fm.updated && (
        <>
          {fm.published ? "updated " : "Last updated "}
          <time dateTime={fm.updated}>{formatDate(fm.updated)}</time>
        </>
      )}
      {fm.author && <> · {fm.author}</>}
    </p>
  );
}

export function ContentArticle({ entry, eyebrow, children }: ContentArticleProps) {
  const { title, description, sources, figures, related } = entry.frontmatter;
  return (
    <article className="article">
      <header className="article__header">
        {eyebrow && <p className="article__eyebrow">{eyebrow}</p>}
        <h1>{title}</h1>
        <p className="article__lede">{description}</p>
        <Dates entry={entry} />
      </header>
      <KeyFigures figures={figures} sources={sources} />
      <MdxBody body={entry.body} file={entry.file} sources={sources} />
      {children}
      <SourceList sources={sources} />
      <RelatedLinks related={related} />
    </article>
  );
}
