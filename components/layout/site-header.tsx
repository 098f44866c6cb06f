import Link from "next/link";
import { mainNavigation, site } from "@/lib/site";

// No prefetching (as in the footer): on every page Next.js would otherwise fetch each of these pages' data
// once the page has loaded, work on a phone's main thread that the reader never asked for (issue #11). A
// click still navigates in place, fetching only the page chosen; these pages are static and quick.
export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="site-header__brand" prefetch={false}>
          <span className="site-header__name">{site.name}</span>
          <span className="site-header__tagline">{site.tagline}</span>
        </Link>
        <nav aria-label="Main">
          <ul className="site-nav">
            {mainNavigation.map((item) => (
              <li key={item.href}>
                <Link href={item.href} prefetch={false}>
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </header>
  );
}
