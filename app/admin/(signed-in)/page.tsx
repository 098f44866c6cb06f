import type { Metadata } from "next";
import { PaperPledgesFigure } from "@/components/admin/paper/paper-pledges-figure";
import { ServiceNotices } from "@/components/admin/service-notices";
import { PledgeTotals } from "@/components/pledge/pledge-totals";
import { SignaturesByPartner } from "@/components/pledge/signatures-by-partner";
import { readDashboard } from "@/lib/admin/dashboard";
import Link from "next/link";
import { can } from "@/lib/admin/access/roles";
import { requireStaff } from "@/lib/admin/access/session";
import { formatDateTime } from "@/lib/admin/records/format";
import { healthBoards } from "@/lib/values/health-boards";
import { helpOptions } from "@/lib/values/help-options";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  const staff = await requireStaff("view-counts");
  const { counts, pending, held, byPartner, volunteersByBoard, volunteersByHelp, health, paper } =
    await readDashboard();
  return (
    <>
      <h1>Dashboard</h1>
      <ServiceNotices health={health} canSeeEmails={can(staff.role, "resend-email")} />
      <ul className="admin-stats">
        <li>
          <strong>{counts.total.toLocaleString("en-GB")}</strong> confirmed signatures
        </li>
        <li>
          <strong>{pending.toLocaleString("en-GB")}</strong> waiting for confirmation
        </li>
        <li>
          <strong data-testid="held-total">{held.total.toLocaleString("en-GB")}</strong> held for review
          {held.total > 0 && (
            <>
              {" "}
              from {held.networks.toLocaleString("en-GB")} {held.networks === 1 ? "network" : "networks"}
              {held.first && held.last && (
                <>
                  , {formatDateTime(held.first)} to {formatDateTime(held.last)}
                </>
              )}
            </>
          )}
        </li>
      </ul>
      {held.total > 0 && can(staff.role, "manage-signing") && (
        <p>
          <Link href="/admin/signing">Review held sign-ups</Link>: release them (we then email them) or
          discard them.
        </p>
      )}
      <PaperPledgesFigure summary={paper} canAddPaper={can(staff.role, "paper-pledges")} />
      <PledgeTotals counts={counts} />
      <SignaturesByPartner rows={byPartner} />
      <h2>Volunteers by health board</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Health board</th>
              <th scope="col">Confirmed</th>
              <th scope="col">Waiting for email confirmation</th>
            </tr>
          </thead>
          <tbody>
            {healthBoards.map((board) => (
              <tr key={board}>
                <th scope="row">{board}</th>
                <td>{volunteersByBoard[board]?.confirmed ?? 0}</td>
                <td>{volunteersByBoard[board]?.pending ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>How volunteers want to help</h2>
      <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Way to help</th>
              <th scope="col">Volunteers</th>
            </tr>
          </thead>
          <tbody>
            {helpOptions.map((option) => (
              <tr key={option.value}>
                <th scope="row">{option.label}</th>
                <td>{volunteersByHelp[option.value] ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
