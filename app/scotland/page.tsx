import type { Metadata } from "next";
import Link from "next/link";
import { ContentArticle } from "@/components/content/content-article";
import { requirePage } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";

export function generateMetadata(): Metadata {
  return entryMetadata(requirePage("scotland"));
}

export default function ScotlandPage() {
  return (
    <ContentArticle entry={requirePage("scotland")} eyebrow="Scotland">
      <p>
        <Link href="/scotland/volunteer" className="button button--primary">
          Offer to help
        </Link>
      </p>
    </ContentArticle>
  );
}
