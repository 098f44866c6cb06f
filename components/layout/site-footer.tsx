import Link from "next/link";
import { footerNavigation, site } from "@/lib/site";

export function SiteFooter() {
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
      </div>
    </footer>
  );
}
