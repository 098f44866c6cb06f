import { z } from "zod";

// What a CRM export covers, from its query string (?since=…): "all" (everyone on the list now), "last"
// (what changed since the last complete CRM export) or a day, YYYY-MM-DD, from the start of which (UTC)
// the changes are wanted. The day comes from a GET form on /admin/exports, so it works without JavaScript.

export const crmSinceMessages = {
  missing: "Enter the date to export changes since, like 2026-11-25",
  format: "Enter the date like 2026-11-25",
  real: "Enter a real date, like 2026-11-25",
  future: "Enter today's date or an earlier one",
} as const;

const day = /^\d{4}-\d{2}-\d{2}$/;

const isRealDay = (value: string) => {
  const date = new Date(`${value}T00:00:00.000Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};

/** `today` is a YYYY-MM-DD in UTC: a change cannot have happened after it. */
export function crmExportQuerySchema(today: string) {
  return z.object({
    since: z
      .string({ error: crmSinceMessages.missing })
      .trim()
      .min(1, crmSinceMessages.missing)
      .superRefine((value, ctx) => {
        if (value === "all" || value === "last") return;
        const message = !day.test(value)
          ? crmSinceMessages.format
          : !isRealDay(value)
            ? crmSinceMessages.real
            : value > today
              ? crmSinceMessages.future
              : undefined;
        if (message) ctx.addIssue({ code: "custom", message });
      }),
  });
}

export type CrmExportQuery = z.output<ReturnType<typeof crmExportQuerySchema>>;

/** The start of a day in UTC: a changes export "since 2026-11-25" includes every change that day. */
export const startOfDay = (value: string) => new Date(`${value}T00:00:00.000Z`);
