import Link from "next/link";

type PagerProps = {
  /** The list's path and filters, without a page position: "/admin/signatures?status=pending". */
  firstHref: string;
  previousHref?: string;
  nextHref?: string;
  /** A page link led past the end: offer the way back. */
  pastTheEnd?: boolean;
};

/** "Previous page" and "Next page", each only when it leads somewhere. Plain links: no JavaScript needed. */
export function Pager({ firstHref, previousHref, nextHref, pastTheEnd }: PagerProps) {
  if (!previousHref && !nextHref && !pastTheEnd) return null;
  return (
    <nav className="admin-pager" aria-label="Pages of results">
      <ul>
        {pastTheEnd && (
          <li>
            <Link href={firstHref}>Back to the first page</Link>
          </li>
        )}
        {previousHref && (
          <li>
            <Link href={previousHref} rel="prev">
              Previous page
            </Link>
          </li>
        )}
        {nextHref && (
          <li>
            <Link href={nextHref} rel="next">
              Next page
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
