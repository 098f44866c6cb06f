import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ContentArticle } from "@/components/content/content-article";
import { findEntry, listAudits } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";
import { ShareLinks } from "@/components/share/share-links";
import { entryHref } from "@/lib/content";
import { siteUrl } from "@/lib/pledge/share-url";

type Props = { params: Promise<{ slug: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return listAudits().map((audit) => ({ slug: audit.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const audit = findEntry("audits", (await params).slug);
  return audit ? entryMetadata(audit) : {};
}

export default async function AuditPage({ params }: Props) {
  const audit = findEntry("audits", (await params).slug);
  if (!audit) notFound();
  return (
    <ContentArticle entry={audit} eyebrow="Audit summary">
      <ShareLinks url={siteUrl(entryHref(audit))} text={audit.frontmatter.title} />
    </ContentArticle>
  );
}
