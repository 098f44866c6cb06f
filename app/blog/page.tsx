import type { Metadata } from "next";
import { pageAlternates } from "@/lib/content/metadata";
import { EntryCard } from "@/components/cards/entry-card";
import { listBlogPosts } from "@/lib/content";

export const metadata: Metadata = {
  title: "Blog",
  description:
    "News and explainers from the Count Us In campaign to count everyone living with secondary breast cancer.",
  alternates: pageAlternates("/blog"),
};

export default function BlogIndexPage() {
  return (
    <div className="article">
      <header className="article__header">
        <h1>Blog</h1>
        <p className="article__lede">News and explainers from the campaign.</p>
      </header>
      <div className="card-list">
        {listBlogPosts().map((post) => (
          <EntryCard key={post.slug} entry={post} />
        ))}
      </div>
    </div>
  );
}
