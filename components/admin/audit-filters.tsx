import { auditActions } from "@/lib/values/audit-actions";
import { FilterForm } from "@/components/admin/filter-form";
import { SelectField } from "@/components/ui/select-field";

export const auditActionLabels: Record<(typeof auditActions)[number], string> = {
  "sign-in": "Signed in",
  "sign-out": "Signed out",
  "view-signature": "Viewed a signature",
  "view-volunteer": "Viewed volunteers' details",
  "export-signatures": "Exported signatures",
  "export-volunteers": "Exported volunteers",
  erase: "Erased a person's details",
  "staff-add": "Added a member of staff",
  "staff-remove": "Removed a member of staff",
  "staff-role": "Changed a staff role",
  "release-held": "Released held sign-ups",
  "discard-held": "Discarded held sign-ups",
  "change-limits": "Changed the signing allowance",
  "allow-range": "Allowed an address range",
  "remove-range": "Removed an allowed range",
  recount: "Recounted the totals",
  "resend-email": "Sent failed emails again",
  "dismiss-email": "Marked failed emails dealt with",
  "sign-in-refused": "Refused a sign-in link (too many requests)",
  "paper-upload": "Uploaded paper pledges for checking",
  "paper-store": "Stored checked paper pledges",
  "paper-discard": "Discarded an unchecked paper upload",
  "paper-add": "Typed in a paper pledge",
  "paper-undo": "Undid a paper batch",
  "update-save": "Saved a campaign update",
  "update-send": "Sent a campaign update",
  "update-cancel": "Stopped a campaign update",
  unsubscribe: "A signer stopped campaign emails",
  "export-crm": "Exported signatures for the CRM",
};

export function AuditFilters({
  values,
  errors,
}: {
  values: Record<string, string>;
  errors: Partial<Record<string, string>>;
}) {
  return (
    <FilterForm
      action="/admin/audit"
      label="Filter the audit log"
      errors={errors}
      fieldIds={{ action: "action" }}
    >
      <SelectField
        id="action"
        label="What was done"
        anyLabel="Everything"
        options={auditActions.map((value) => ({ value, label: auditActionLabels[value] }))}
        defaultValue={values.action}
        error={errors.action}
      />
    </FilterForm>
  );
}
