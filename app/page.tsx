import type { Metadata } from "next";
import Link from "next/link";
import { EntryCard } from "@/components/cards/entry-card";
import { KeyFigures } from "@/components/content/key-figures";
import { SourceList } from "@/components/content/source-list";
import { MdxBody } from "@/components/mdx/mdx-body";
import { PledgeTotal } from "@/components/pledge/pledge-total";
import { listAudits, listBlogPosts, requirePage } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";
import { readCountsForCachedPage } from "@/lib/pledge";

// Served from the shared cache (Next's own, and any CDN in front: see the Cache-Control it sends) and
// regenerated in the background at most every few seconds, so a refresh storm costs one render per
// interval, and the count shown is never more than 5 seconds old. The literal is required by Next.
export const revalidate = 1;

export function generateMetadata(): Metadata {
  const home = requirePage("home");
  return { ...entryMetadata(home), title: { absolute: home.frontmatter.title } };
}

export default async function HomePage() {
  const [home, counts] = [requirePage("home"), await readCountsForCachedPage()];
  const { title, description, figures, sources } = home.frontmatter;
  return (
    <>
      <section className="hero" aria-labelledby="page-title">
        <h1 id="page-title">{title}</h1>
        <p className="hero__lede">{description}</p>
        {counts && (
          <p className="hero__count">
            <PledgeTotal counts={counts} /> {counts.total === 1 ? "person has" : "people have"} signed the
            pledge so far.
          </p>
        )}
        <p>
          <Link href="/pledge" className="button button--primary">
            Sign the Count Us In pledge
          </Link>
        </p>
      </section>
      <div className="article">
        <KeyFigures figures={figures} sources={sources} />
        <MdxBody body={home.body} file={home.file} sources={sources} />
        <section aria-labelledby="audits-heading">
          <h2 id="audits-heading">What the audits tell us</h2>
          <div className="card-grid">
            {listAudits().map((audit) => (
              <EntryCard key={audit.slug} entry={audit} headingLevel={3} />
            ))}
          </div>
        </section>
        <section aria-labelledby="blog-heading">
          <h2 id="blog-heading">From the blog</h2>
          <div className="card-grid">
            {listBlogPosts()
              .slice(0, 3)
              .map((post) => (
                <EntryCard key={post.slug} entry={post} headingLevel={3} />
              ))}
          </div>
        </section>
        <SourceList sources={sources} />
      </div>
    </>
  );
}
