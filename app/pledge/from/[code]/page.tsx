import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PledgeSignPage, pledgePageMetadata } from "@/components/pledge/pledge-sign-page";
import { signPledgeAction } from "@/app/pledge/actions";
import { listPartners, partnerByCode } from "@/lib/content/partners";

// The pledge page as a partner's link opens it: `/pledge?ref=bcna` is rewritten here (next.config.ts,
// lib/content/partner-rewrites.mjs), so the form credits BCNA while the page stays in the shared cache,
// one copy per partner. Only listed partners have a copy; nobody can make the cache grow with made-up codes.
export const revalidate = 1;
export const dynamicParams = false;

export function generateStaticParams() {
  return listPartners().map((partner) => ({ code: partner.code }));
}

export function generateMetadata(): Metadata {
  // The same page as /pledge for search engines and share cards: its canonical address is /pledge.
  return pledgePageMetadata();
}

export default async function PledgeFromPartnerPage({ params }: { params: Promise<{ code: string }> }) {
  const partner = partnerByCode((await params).code);
  if (!partner) notFound();
  return <PledgeSignPage action={signPledgeAction} partnerCode={partner.code} />;
}
