import type { Metadata } from "next";
import { ContentArticle } from "@/components/content/content-article";
import { requirePage } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";

export function generateMetadata(): Metadata {
  return entryMetadata(requirePage("pledge"));
}

export default function PledgePage() {
  return (
    <ContentArticle entry={requirePage("pledge")} eyebrow="The global pledge">
      <section id="sign" className="pledge-sign" aria-labelledby="sign-heading">
        <h2 id="sign-heading">Add your name</h2>
        <p>
          Online signing opens soon. When it does, you will be able to add your name here and confirm it by email. We
          will never show who has signed.
        </p>
      </section>
    </ContentArticle>
  );
}
