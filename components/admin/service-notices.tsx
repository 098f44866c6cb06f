import Link from "next/link";
import type { ServiceHealth } from "@/lib/admin/service-health";
import { sweepStepLabel } from "@/lib/retention/step-labels";
import { DateTime } from "@/components/admin/date-time";

/**
 * The dashboard's "needs attention" box: clean-up steps whose last run failed, a clean-up that stopped
 * running, and emails waiting for staff. Nothing is rendered when all is well. Each notice says where to
 * look next: the server log line to search for, or the page to act on.
 */
export function ServiceNotices({ health, canSeeEmails }: { health: ServiceHealth; canSeeEmails: boolean }) {
  const { jobs, emailsWaiting } = health;
  if (jobs.failing.length === 0 && !jobs.stale && emailsWaiting === 0) return null;
  return (
    <section className="error-summary" aria-labelledby="needs-attention">
      <h2 id="needs-attention" className="error-summary__title">
        Needs attention
      </h2>
      <ul>
        {jobs.failing.map((step) => (
          <li key={step.name} data-testid="failing-step">
            The hourly clean-up step “{sweepStepLabel(step.name)}” has failed since{" "}
            <DateTime value={step.failingSince} /> ({step.errorName}
            {step.lastOkAt ? (
              <>
                ; it last worked at <DateTime value={step.lastOkAt} />
              </>
            ) : (
              "; it has not worked yet"
            )}
            ); {jobs.okCount > 0 ? "the others ran." : "no other step has run successfully either."} Check the
            server log for “retention: step failed” with step <code>{step.name}</code>.
          </li>
        ))}
        {jobs.stale && jobs.lastRunAt && (
          <li>
            The hourly clean-up has not run since <DateTime value={jobs.lastRunAt} />: check that the site is
            running and can reach its database.
          </li>
        )}
        {emailsWaiting > 0 && (
          <li data-testid="emails-waiting">
            {emailsWaiting === 1 ? "1 email" : `${emailsWaiting.toLocaleString("en-GB")} emails`} failed or
            were interrupted while sending, and wait for someone to send them again or mark them dealt with
            {canSeeEmails ? (
              <>
                : <Link href="/admin/emails">see the emails that did not go</Link>.
              </>
            ) : (
              ". Ask an administrator or campaigner to look at them."
            )}
          </li>
        )}
      </ul>
    </section>
  );
}
