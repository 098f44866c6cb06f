import type { Metadata } from "next";
import { ContentArticle } from "@/components/content/content-article";
import { PartnerList } from "@/components/partners/partner-list";
import { requirePage } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";

export function generateMetadata(): Metadata {
  return entryMetadata(requirePage("partners"));
}

export default function PartnersPage() {
  return (
    <ContentArticle entry={requirePage("partners")}>
      <PartnerList />
    </ContentArticle>
  );
}
