import Link from "next/link";
import { mainNavigation, site } from "@/lib/site";

export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-header__brand">
          <span className="site-header__name">{site.name}</span>
          <span className="site-header__tagline">{site.tagline}</span>
        </Link>
        <nav aria-label="Main">
          <ul className="site-nav">
            {mainNavigation.map((item) => (
              <li key={item.href}>
                <Link href={item.href}>{item.label}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
