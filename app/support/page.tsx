import type { Metadata } from "next";
import { ContentArticle } from "@/components/content/content-article";
import { requirePage } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";

export function generateMetadata(): Metadata {
  return entryMetadata(requirePage("support"));
}

export default function SupportPage() {
  return <ContentArticle entry={requirePage("support")} />;
}
