import type { Metadata } from "next";
import { ContentArticle } from "@/components/content/content-article";
import { SignaturesMap } from "@/components/charts/signatures-map";
import { Milestones } from "@/components/pledge/milestones";
import { PledgeForm } from "@/components/pledge/pledge-form";
import { PledgeTotals } from "@/components/pledge/pledge-totals";
import { ShareLinks } from "@/components/share/share-links";
import { requirePage } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";
import { pledgeGoal } from "@/lib/content/pledge-goal";
import { otherCountries } from "@/lib/values/countries";
import { readCountsForCachedPage } from "@/lib/pledge";
import { pledgeShareText, siteUrl } from "@/lib/pledge/share-url";
import type { PledgeFormState } from "@/lib/pledge/form-state";

/** The pledge page's metadata: its content file's, with the sharing card that shows the live count. */
export function pledgePageMetadata(): Metadata {
  const metadata = entryMetadata(requirePage("pledge"));
  const image = {
    url: "/pledge/opengraph-image",
    width: 1200,
    height: 630,
    alt: "Count Us In: the global pledge, with how many people have signed",
  };
  return { ...metadata, openGraph: { ...metadata.openGraph, images: [image] } };
}

/**
 * The pledge page: the form, the count, where people signed and the milestones. One copy for everyone
 * (`/pledge`) and one per partner (`/pledge/from/<code>`, what `/pledge?ref=<code>` is rewritten to),
 * whose form credits that partner; both are served from the shared cache.
 */
export async function PledgeSignPage({
  action,
  partnerCode,
}: {
  action: (state: PledgeFormState, form: FormData) => Promise<PledgeFormState>;
  partnerCode?: string;
}) {
  const counts = await readCountsForCachedPage();
  return (
    <ContentArticle entry={requirePage("pledge")} eyebrow="The global pledge">
      <section id="sign" className="pledge-sign" aria-labelledby="sign-heading">
        <h2 id="sign-heading">Add your name</h2>
        <PledgeForm action={action} countries={otherCountries} partnerCode={partnerCode} />
      </section>
      {counts && (
        <PledgeTotals counts={counts}>
          <Milestones goal={pledgeGoal()} total={counts.total} />
          <SignaturesMap counts={counts} />
        </PledgeTotals>
      )}
      <ShareLinks url={siteUrl("/pledge")} text={pledgeShareText} heading="Share the pledge" />
    </ContentArticle>
  );
}
