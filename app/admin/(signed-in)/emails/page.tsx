import type { Metadata } from "next";
import { formatDateTime } from "@/lib/admin/records/format";
import { mailProblems } from "@/lib/admin/mail-problems";
import { requireStaff } from "@/lib/admin/access/session";
import { dismissAction, sendAgainAction } from "@/app/admin/(signed-in)/emails/actions";

export const metadata: Metadata = { title: "Emails that did not go" };

const kindLabels: Record<string, string> = {
  "pledge-confirm": "Pledge: please confirm",
  "pledge-repeat": "Pledge: signed again",
  "volunteer-confirm": "Volunteer: please confirm",
  "volunteer-repeat": "Volunteer: offered again",
  "volunteer-welcome": "Volunteer: welcome",
  "volunteer-team-notification": "Campaigns team: a new volunteer",
  "staff-sign-in": "Staff sign-in link",
};

export default async function MailProblemsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff("resend-email");
  const params = await searchParams;
  const { problems, total } = await mailProblems(staff).list();
  const count = Number(params.count ?? 0) || 0;

  return (
    <>
      <h1>Emails that did not go</h1>
      {params.done === "sent-again" && (
        <div className="panel panel--success" role="status">
          <p>
            {count === 1 ? "1 email is" : `${count.toLocaleString("en-GB")} emails are`} queued again, with
            fresh links.
          </p>
        </div>
      )}
      {params.done === "dismissed" && (
        <div className="panel panel--success" role="status">
          <p>
            {count === 1 ? "1 email is" : `${count.toLocaleString("en-GB")} emails are`} marked as dealt with,
            and will not be sent.
          </p>
        </div>
      )}
      {params.done === "invalid" && (
        <div className="error-summary" role="alert">
          <p>That request could not be used. Please try again from this page.</p>
        </div>
      )}
      <p>
        An email is listed here when the mail server refused it, when retries ran out, or when the site
        stopped while sending it (“interrupted”): an interrupted email may or may not have arrived, so it is
        never sent again without someone deciding to. Sending again writes to the person as they are now, with
        fresh links; nothing goes to anyone who has withdrawn or been erased. Staff sign-in links expire in
        minutes and are not sent again: ask for a new one. An email stays on this list until someone sends it
        again or marks it dealt with (for example after writing to the person another way); only then is its
        record deleted, after the retention period on the privacy page.
      </p>
      {total === 0 ? (
        <p>Every email has gone.</p>
      ) : (
        <>
          <p>
            <strong>{total.toLocaleString("en-GB")}</strong> {total === 1 ? "email" : "emails"} did not go.
          </p>
          <div className="admin-actions">
            <form action={sendAgainAction}>
              <input type="hidden" name="scope" value="all" />
              <button type="submit" className="button">
                Send every one again
              </button>
            </form>
            <form action={dismissAction}>
              <input type="hidden" name="scope" value="all" />
              <button type="submit" className="button button--secondary">
                Mark every one dealt with
              </button>
            </form>
          </div>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Queued</th>
                  <th scope="col">Tries</th>
                  <th scope="col">Why</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {problems.map((problem) => (
                  <tr key={problem.id}>
                    <th scope="row">{kindLabels[problem.kind] ?? problem.kind}</th>
                    <td>{formatDateTime(problem.createdAt)}</td>
                    <td>{problem.attempts}</td>
                    <td>
                      {problem.interrupted ? "Interrupted while sending" : (problem.lastError ?? "Unknown")}
                    </td>
                    <td>
                      <div className="admin-actions">
                        {problem.canResend && (
                          <OneEmailButton action={sendAgainAction} problem={problem} label="Send again" />
                        )}
                        <OneEmailButton action={dismissAction} problem={problem} label="Dealt with" />
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}

/** A button acting on one email; its hidden words say which, for screen reader users in a long table. */
function OneEmailButton({
  action,
  problem,
  label,
}: {
  action: (form: FormData) => Promise<void>;
  problem: { id: string; createdAt: Date };
  label: string;
}) {
  return (
    <form action={action}>
      <input type="hidden" name="scope" value="one" />
      <input type="hidden" name="id" value={problem.id} />
      <button type="submit" className="button button--secondary button--small">
        {label}
        <span className="visually-hidden">: {formatDateTime(problem.createdAt)}</span>
      </button>
    </form>
  );
}
