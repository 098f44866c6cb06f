import type { Metadata } from "next";
import { PledgeSignPage, pledgePageMetadata } from "@/components/pledge/pledge-sign-page";
import { signPledgeAction } from "@/app/pledge/actions";

// The same for every visitor, so served from the shared cache like the home page (see app/page.tsx):
// the form carries no per-visitor token; the browser fetches its challenge separately. A partner's link
// (`?ref=<code>`) is rewritten to /pledge/from/<code> (next.config.ts), its own cached copy.
export const revalidate = 1;

export function generateMetadata(): Metadata {
  return pledgePageMetadata();
}

export default function PledgePage() {
  return <PledgeSignPage action={signPledgeAction} />;
}
