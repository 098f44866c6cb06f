import type { Metadata } from "next";
import { ContentArticle } from "@/components/content/content-article";
import { LettersToRepresentatives } from "@/components/letters/letters-to-representatives";
import { ShareLinks } from "@/components/share/share-links";
import { requirePage } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";
import { pledgeShareText, siteUrl } from "@/lib/pledge/share-url";

export function generateMetadata(): Metadata {
  return entryMetadata(requirePage("get-involved"));
}

export default function GetInvolvedPage() {
  return (
    <ContentArticle entry={requirePage("get-involved")}>
      <ShareLinks url={siteUrl("/pledge")} text={pledgeShareText} heading="Share the pledge" />
      <LettersToRepresentatives />
    </ContentArticle>
  );
}
