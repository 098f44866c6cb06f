import { listPartners } from "@/lib/content/partners";

const countryNames: Record<string, string> = { GB: "United Kingdom", AU: "Australia", CA: "Canada" };

/** The pledge's partners from content/partners.yaml; channels (kind: channel) are ours, not partners. */
export function PartnerList() {
  const partners = listPartners().filter((partner) => partner.kind === "partner");
  return (
    <ul className="partner-list">
      {partners.map((partner) => (
        <li key={partner.code} className="partner-list__item">
          <h2>{partner.name}</h2>
          <p className="partner-list__country">{countryNames[partner.country] ?? partner.country}</p>
          <p>{partner.description}</p>
          {partner.url && (
            <p>
              <a href={partner.url} rel="noopener">
                Visit {partner.name}&apos;s website
              </a>
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}
