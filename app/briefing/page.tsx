import type { Metadata } from "next";
import { ContentArticle } from "@/components/content/content-article";
import { requirePage } from "@/lib/content";
import { entryMetadata } from "@/lib/content/metadata";
import { organisation } from "@/lib/content/organisation";
import { env } from "@/lib/platform/env";

export function generateMetadata(): Metadata {
  return entryMetadata(requirePage("briefing"));
}

/** Who the briefing is from, so a printed copy still says so once the site's header and footer are gone. */
function BriefingFrom() {
  const org = organisation();
  const registrations = org.charityRegistrations.map((r) => `${r.number} (${r.where})`).join(", ");
  const online = new URL("/briefing", env.SITE_URL).toString();
  return (
    <p className="briefing__from">
      From {org.name}, which runs the Count Us In campaign. Registered charity {registrations}. This briefing,
      with live links, is at {online}.
    </p>
  );
}

export default function BriefingPage() {
  return (
    <div className="briefing">
      <ContentArticle entry={requirePage("briefing")}>
        <BriefingFrom />
      </ContentArticle>
    </div>
  );
}
