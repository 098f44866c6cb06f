import type { Metadata } from "next";
import { pageAlternates } from "@/lib/content/metadata";
import { EntryCard } from "@/components/cards/entry-card";
import { listAudits } from "@/lib/content";

export const metadata: Metadata = {
  title: "Audit summaries",
  description:
    "Plain-language summaries of the reports that show how well secondary breast cancer is counted across the UK.",
  alternates: pageAlternates("/audits"),
};

export default function AuditsIndexPage() {
  return (
    <div className="article">
      <header className="article__header">
        <h1>Audit summaries</h1>
        <p className="article__lede">
          What the national audits and registries say about secondary breast cancer, in plain language. Every
          figure names its source and date.
        </p>
      </header>
      <div className="card-list">
        {listAudits().map((audit) => (
          <EntryCard key={audit.slug} entry={audit} />
        ))}
      </div>
    </div>
  );
}
