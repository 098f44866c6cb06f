import type { Metadata } from "next";
import Link from "next/link";
import { SimplePage } from "@/components/layout/simple-page";
import { listPartners } from "@/lib/content/partners";
import { pageAlternates } from "@/lib/content/metadata";
import { siteUrl } from "@/lib/pledge/share-url";
import { site } from "@/lib/site";

const title = "Put the pledge counter on your site";
const description =
  "A small counter of Count Us In pledge signatures for partners' websites, and the JSON it is made from.";

export const metadata: Metadata = {
  title,
  description,
  alternates: pageAlternates("/embed"),
  // The campaign's own sharing card (app/opengraph-image.tsx), as for every page without one of its own.
  openGraph: {
    title,
    description,
    url: "/embed",
    type: "website",
    images: [{ url: "/opengraph-image", width: 1200, height: 630, alt: `${site.name}: ${site.tagline}` }],
  },
  twitter: { card: "summary_large_image", title, description },
};

const counterTitle = "Count Us In pledge: signature counter";

/** The page partners copy the counter from: the snippet, what it shows, and the JSON for their own. */
export default function EmbedPage() {
  const partners = listPartners();
  const example = partners[0]?.code ?? "your-code";
  const snippet = `<iframe src="${siteUrl(`/embed/counter?ref=${example}`)}" title="${counterTitle}" width="320" height="230" loading="lazy"></iframe>`;
  return (
    <SimplePage
      title={title}
      lede="Show your visitors how many people have signed the Count Us In pledge, with a link for them to add their name."
    >
      <h2>The counter</h2>
      <p>
        The counter shows the number of confirmed signatures, a bar toward the campaign&rsquo;s goal and a
        &ldquo;Sign the pledge&rdquo; link that opens the pledge in a new tab. It runs no script, sets no
        cookie and tracks nobody. The number is at most a few seconds old.
      </p>
      {/* A link, not a framed preview: a frame on this page would be a second Tab stop with no focus style
          of its own (the focus sits in the framed page) and overflows a 320 px screen. */}
      <p>
        <a href="/embed/counter">See the counter as your visitors will</a> (the page your site frames).
      </p>
      <h2>Copy this into your page</h2>
      <p>
        Replace <code>{example}</code> with your own partner code, so the people who sign through your site
        are credited to you. Ask the campaigns team for a code if you do not have one.
      </p>
      <div className="field">
        <label htmlFor="embed-snippet">Embed code</label>
        <textarea id="embed-snippet" readOnly rows={4} defaultValue={snippet} spellCheck={false} />
      </div>
      <h2>Build your own</h2>
      <p>
        <code>GET {siteUrl("/api/embed/counter?ref=" + example)}</code> answers with JSON any website may read
        from the browser (<code>Access-Control-Allow-Origin: *</code>, no credentials):
      </p>
      <ul>
        <li>
          <code>total</code>: confirmed signatures; <code>goal</code> and <code>percentOfGoal</code>;
        </li>
        <li>
          <code>milestonesPassed</code> and <code>nextMilestone</code>; <code>countedAt</code>, when it was
          counted;
        </li>
        <li>
          <code>signUrl</code>: where to send people to sign, with your code in it; <code>partner</code>: your
          name as we list it.
        </li>
      </ul>
      <p>
        Answers may be reused for a second. Please link to <Link href="/pledge">the pledge</Link> with your
        code (<code>{siteUrl(`/pledge?ref=${example}`)}</code>) wherever you mention it.
      </p>
      <h2>Partner codes</h2>
      <ul>
        {partners.map((partner) => (
          <li key={partner.code}>
            {partner.name}: <code>{partner.code}</code>
          </li>
        ))}
      </ul>
    </SimplePage>
  );
}
