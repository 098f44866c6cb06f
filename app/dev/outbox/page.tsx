import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { env } from "@/lib/platform/env";
import { listLocalEmails, localOutboxFolder } from "@/lib/mail/local-outbox";

// GET /dev/outbox – development only: the emails the embedded mode wrote instead of sending them.

export const dynamic = "force-dynamic";
export const metadata: Metadata = {
  title: "Local outbox (development)",
  robots: { index: false, follow: false },
};

export default async function LocalOutboxPage() {
  if (env.NODE_ENV !== "development") notFound();
  const emails = await listLocalEmails();
  return (
    <div className="article">
      <header className="article__header">
        <p className="article__eyebrow">Development only</p>
        <h1>Local outbox</h1>
        <p className="article__lede">
          Without SMTP_URL the site writes each email to a file instead of sending it. The newest are listed
          first.
        </p>
      </header>
      <p>
        Folder: <code>{localOutboxFolder()}</code>
      </p>
      {emails.length === 0 ? (
        <p>No emails yet. Sign the pledge to see one arrive here.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Emails written to the local outbox, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">To</th>
                <th scope="col">Date</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr key={email.file}>
                  <td>
                    <Link href={`/dev/outbox/${encodeURIComponent(email.file)}`}>
                      {email.subject || "(no subject)"}
                    </Link>
                  </td>
                  <td>{email.to}</td>
                  <td>{email.date}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
