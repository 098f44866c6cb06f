import type { ReactNode } from "react";
import type { Entry } from "@/lib/content";
import type { CollectionName } from "@/lib/content/schema";
import { MdxBody } from "@/components/mdx/mdx-body";
import { KeyFigures } from "@/components/content/key-figures";
import { RelatedLinks } from "@/components/content/related-links";
import { SourceList } from "@/components/content/source-list";
import { PageDates } from "@/components/content/page-dates";

type ContentArticleProps = {
  entry: Entry<CollectionName>;
  /** A line above the title, such as "Blog" or "Audit summary". */
  eyebrow?: string;
  /** Rendered after the body and before the sources: the pledge form's place, for example. */
  children?: ReactNode;
};

export function ContentArticle({ entry, eyebrow, children }: ContentArticleProps) {
  const { title, description, sources, figures, related } = entry.frontmatter;
  return (
    <article className="article">
      <header className="article__header">
        {eyebrow && <p className="article__eyebrow">{eyebrow}</p>}
        <h1>{title}</h1>
        <p className="article__lede">{description}</p>
        <PageDates {...(entry.frontmatter as { published?: string; updated?: string; reviewed?: string; author?: string })} />
      </header>
      <KeyFigures figures={figures} sources={sources} />
      <MdxBody body={entry.body} file={entry.file} sources={sources} />
      {children}
      <SourceList sources={sources} />
      <RelatedLinks related={related} />
    </article>
  );
}
