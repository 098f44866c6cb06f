import type { Metadata } from "next";
import { ContentArticle } from "@/components/content/content-article";
import { requirePage } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";

export function generateMetadata(): Metadata {
  return entryMetadata(requirePage("faq"));
}

export default function FaqPage() {
  return <ContentArticle entry={requirePage("faq")} />;
}
