import type { Metadata } from "next";
import { connection } from "next/server";
import { ContentArticle } from "@/components/content/content-article";
import { PledgeForm } from "@/components/pledge/pledge-form";
import { PledgeTotals } from "@/components/pledge/pledge-totals";
import { requirePage } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";
import { otherCountries } from "@/lib/geo/countries";
import { newPledgeFormToken, readPledgeCounts } from "@/lib/pledge";
import { signPledgeAction } from "./actions";

export function generateMetadata(): Metadata {
  return entryMetadata(requirePage("pledge"));
}

export default async function PledgePage() {
  await connection(); // rendered per request: the form carries a fresh timing token, the count is live
  const counts = await readPledgeCounts();
  return (
    <ContentArticle entry={requirePage("pledge")} eyebrow="The global pledge">
      <section id="sign" className="pledge-sign" aria-labelledby="sign-heading">
        <h2 id="sign-heading">Add your name</h2>
        <PledgeForm action={signPledgeAction} formToken={newPledgeFormToken()} countries={otherCountries} />
      </section>
      <PledgeTotals counts={counts} />
    </ContentArticle>
  );
}
