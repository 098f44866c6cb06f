import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="article">
      <header className="article__header">
        <h1>Sorry, we cannot find that page</h1>
        <p className="article__lede">
          If you typed the address, check it is spelt correctly. If you followed a link, it may be out of
          date.
        </p>
      </header>
      <p>You could try:</p>
      <ul>
        <li>
          <Link href="/">the home page</Link>, to find out what Count Us In is about
        </li>
        <li>
          <Link href="/pledge">the pledge</Link>, to add your name
        </li>
        <li>
          <Link href="/blog">the blog</Link> or <Link href="/audits">the audit summaries</Link>
        </li>
      </ul>
    </div>
  );
}
