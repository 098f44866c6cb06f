import type { Metadata } from "next";
import { ContentArticle } from "@/components/content/content-article";
import { PledgeForm } from "@/components/pledge/pledge-form";
import { PledgeTotals } from "@/components/pledge/pledge-totals";
import { requirePage } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";
import { otherCountries } from "@/lib/values/countries";
import { readCountsForCachedPage } from "@/lib/pledge";
import { signPledgeAction } from "@/app/pledge/actions";

// The same for every visitor, so served from the shared cache like the home page (see app/page.tsx):
// the form carries no per-visitor token; the browser fetches its challenge separately.
export const revalidate = 4;

export function generateMetadata(): Metadata {
  return entryMetadata(requirePage("pledge"));
}

export default async function PledgePage() {
  const counts = await readCountsForCachedPage();
  return (
    <ContentArticle entry={requirePage("pledge")} eyebrow="The global pledge">
      <section id="sign" className="pledge-sign" aria-labelledby="sign-heading">
        <h2 id="sign-heading">Add your name</h2>
        <PledgeForm action={signPledgeAction} countries={otherCountries} />
      </section>
      {counts && <PledgeTotals counts={counts} />}
    </ContentArticle>
  );
}
