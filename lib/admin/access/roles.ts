/** What each staff role may do. Every admin page, action and route names the permission it needs. */
import { roles, type Role } from "@/lib/values/staff-roles";

export { roles, type Role } from "@/lib/values/staff-roles";

export const permissions = [
  "view-counts", // dashboard numbers and charts
  "view-people", // lists and details of signatures and volunteers (volunteers' fields decrypted)
  "export", // CSV downloads (only with view-people: see `needs` below)
  "erase", // find everything about a person and erase it
  "manage-signing", // held sign-ups (release, discard), signing limits, allowed ranges, recounts
  "paper-pledges", // upload or type in pledges collected on paper, and undo an upload
  "send-updates", // write campaign updates and send them to signers who asked for them
  "resend-email", // emails that failed or were interrupted: see them, send them again
  "manage-staff", // add, remove and change staff
  "view-audit", // the audit log
] as const;
export type Permission = (typeof permissions)[number];

// Each role holds everything the one before it holds, and more.
const viewerGrants: readonly Permission[] = ["view-counts"];
const campaignerGrants: readonly Permission[] = [
  ...viewerGrants,
  "view-people",
  "export",
  "manage-signing",
  "resend-email",
  "paper-pledges",
  "send-updates",
];
const grants: Record<Role, readonly Permission[]> = {
  viewer: viewerGrants,
  campaigner: campaignerGrants,
  admin: [...campaignerGrants, "erase", "manage-staff", "view-audit"],
};

export function isRole(value: string): value is Role {
  return (roles as readonly string[]).includes(value);
}

/**
 * Permissions that are only ever granted with another. An export is people in bulk, so a role that may
 * export must also be allowed to see people: the rule lives here, not in the export routes.
 */
const needs: Partial<Record<Permission, readonly Permission[]>> = {
  export: ["view-people"],
  // Typing in paper pledges shows people's details back (the preview), and an update goes to people.
  "paper-pledges": ["view-people"],
  "send-updates": ["view-people"],
};

export function can(role: string, permission: Permission): boolean {
  if (!isRole(role)) return false;
  const held = grants[role];
  return held.includes(permission) && (needs[permission] ?? []).every((needed) => held.includes(needed));
}

export const roleLabels: Record<Role, string> = {
  admin: "Admin: everything, including staff and erasure",
  campaigner:
    "Campaigner: sees and exports signatures and volunteers, reviews held sign-ups, adds paper pledges, sends campaign updates",
  viewer: "Viewer: sees counts and charts only",
};
