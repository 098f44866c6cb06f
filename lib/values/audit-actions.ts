/**
 * Everything the audit log records (lib/admin/audit/record.ts writes them; the audit page filters by them). One
 * list, so a new kind of event is filterable the moment it exists.
 */
export const auditActions = [
  "sign-in",
  "sign-out",
  "sign-in-refused",
  "view-signature",
  "view-volunteer",
  "export-signatures",
  "export-volunteers",
  "erase",
  "staff-add",
  "staff-remove",
  "staff-role",
  "release-held",
  "discard-held",
  "change-limits",
  "allow-range",
  "remove-range",
  "recount",
  "resend-email",
  "dismiss-email",
  "paper-upload",
  "paper-store",
  "paper-discard",
  "paper-add",
  "paper-undo",
  "update-save",
  "update-send",
  "update-cancel",
  "unsubscribe",
  "export-crm",
] as const;

export type AuditAction = (typeof auditActions)[number];
