import Link from "next/link";
import { describeCharityRegistrations, organisation } from "@/lib/content/organisation";
import { footerNavigation, site } from "@/lib/site";

export function SiteFooter() {
  const org = organisation();
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <nav aria-label="Footer">
          <ul className="footer-nav">
            {footerNavigation.map((item) => (
              <li key={item.href}>
                <Link href={item.href} prefetch={false}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <p>
          {site.name} is a campaign to get every person living with secondary breast cancer counted. We never
          show who has signed.
        </p>
        {/* Who runs the site, on every page (UK GDPR Art. 13; the charity's own numbers, from content/organisation.yaml). */}
        <p className="site-footer__organisation">
          Run by{" "}
          <a href={org.url} rel="noopener">
            {org.name}
          </a>
          , {describeCharityRegistrations(org)}. Company number {org.companyNumber}.
        </p>
      </div>
    </footer>
  );
}
