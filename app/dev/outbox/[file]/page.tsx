import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { env } from "@/lib/platform/env";
import { readLocalEmail } from "@/lib/mail/local-outbox";

// GET /dev/outbox/[file] – development only: one email from the local outbox, text and HTML.

type Props = { params: Promise<{ file: string }> };

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Email (development)", robots: { index: false, follow: false } };

/** Plain text with its web addresses made clickable, so a developer can follow a confirmation link. */
function withLinks(text: string): ReactNode[] {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export default async function LocalEmailPage({ params }: Props) {
  if (env.NODE_ENV !== "development") notFound();
  const email = await readLocalEmail((await params).file);
  if (!email) notFound();
  return (
    <div className="article">
      <p>
        <Link href="/dev/outbox">Back to the local outbox</Link>
      </p>
      <header className="article__header">
        <p className="article__eyebrow">Development only</p>
        <h1>{email.subject || "(no subject)"}</h1>
      </header>
      <dl>
        <dt>From</dt>
        <dd>{email.from}</dd>
        <dt>To</dt>
        <dd>{email.to}</dd>
        <dt>Date</dt>
        <dd>{email.date}</dd>
      </dl>
      <h2>Plain text</h2>
      <pre style={{ whiteSpace: "pre-wrap" }}>{withLinks(email.text)}</pre>
      {email.html && (
        <>
          <h2>HTML</h2>
          {/* Sandboxed: the email's HTML cannot run scripts or reach this page. */}
          <iframe
            title={`HTML version of “${email.subject}”`}
            sandbox=""
            srcDoc={email.html}
            style={{ width: "100%", height: "40rem", border: "1px solid var(--line)" }}
          />
        </>
      )}
    </div>
  );
}
