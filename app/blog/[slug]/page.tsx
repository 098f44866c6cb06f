import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ContentArticle } from "@/components/content/content-article";
import { findEntry, listBlogPosts } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";
import { ShareLinks } from "@/components/share/share-links";
import { entryHref } from "@/lib/content";
import { siteUrl } from "@/lib/pledge/share-url";

type Props = { params: Promise<{ slug: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return listBlogPosts().map((post) => ({ slug: post.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const post = findEntry("blog", (await params).slug);
  return post ? entryMetadata(post) : {};
}

export default async function BlogPostPage({ params }: Props) {
  const post = findEntry("blog", (await params).slug);
  if (!post) notFound();
  return (
    <ContentArticle entry={post} eyebrow="Blog">
      <ShareLinks url={siteUrl(entryHref(post))} text={post.frontmatter.title} />
    </ContentArticle>
  );
}
