import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { can } from "@/lib/admin/access/roles";
import { requireStaff } from "@/lib/admin/access/session";
import { signOutAction } from "@/app/admin/(signed-in)/actions";

export const metadata: Metadata = {
  title: { default: "Admin", template: "%s | Admin | Count Us In" },
  robots: { index: false },
};

const sections = [
  { href: "/admin", label: "Dashboard", permission: "view-counts" },
  { href: "/admin/signatures", label: "Signatures", permission: "view-people" },
  { href: "/admin/volunteers", label: "Volunteers", permission: "view-people" },
  { href: "/admin/signing", label: "Held and limits", permission: "manage-signing" },
  { href: "/admin/paper", label: "Paper pledges", permission: "paper-pledges" },
  { href: "/admin/updates", label: "Campaign updates", permission: "send-updates" },
  { href: "/admin/exports", label: "CRM exports", permission: "export" },
  { href: "/admin/emails", label: "Emails", permission: "resend-email" },
  { href: "/admin/people", label: "Find and erase", permission: "erase" },
  { href: "/admin/staff", label: "Staff", permission: "manage-staff" },
  { href: "/admin/audit", label: "Audit log", permission: "view-audit" },
] as const;

// A convenience gate for the whole area; every page, action and route checks again for itself.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const staff = await requireStaff("view-counts");
  return (
    <div className="admin">
      <div className="admin__bar">
        <nav aria-label="Admin">
          <ul className="admin__nav">
            {sections
              .filter((section) => can(staff.role, section.permission))
              .map((section) => (
                <li key={section.href}>
                  <Link href={section.href}>{section.label}</Link>
                </li>
              ))}
          </ul>
        </nav>
        <form action={signOutAction} className="admin__who">
          <span>
            {staff.email} ({staff.role})
          </span>{" "}
          <button type="submit" className="button button--secondary button--small">
            Sign out
          </button>
        </form>
      </div>
      <div className="admin__content">{children}</div>
    </div>
  );
}
