import { z } from "zod";
import { auditActions } from "@/lib/values/audit-actions";
import { isOtherCountryCode } from "@/lib/values/countries";
import { nationValues } from "@/lib/values/nations";
import { healthBoards } from "@/lib/values/health-boards";
import { checkPaging, paging, type Paged } from "@/lib/validation/admin/cursor";
import {
  blankToUndefined,
  checkDates,
  choice,
  isoDay,
  type Dated,
} from "@/lib/validation/admin/filter-fields";

// The filters of the staff lists, the CSV exports and the audit log. They arrive in a query string (GET
// forms, so they work without JavaScript and can be bookmarked), are parsed once (./query.ts), and the
// same parsed filters drive the page, its "Next page" links and its "Download CSV" link.

export const PAGE_SIZE = 50;

export const signatureStatuses = ["pending", "confirmed", "held"] as const;
export const volunteerStatuses = ["pending", "confirmed"] as const;

/** Both lists filter by day and page through: the fields, and the checks across them. */
const datedPages = { from: isoDay, to: isoDay, ...paging };
function checkDatedPages(input: Dated & Paged, ctx: z.RefinementCtx) {
  checkDates(input, ctx);
  checkPaging(input, ctx);
}

export const signatureFiltersSchema = z
  .object({
    q: z.preprocess(
      blankToUndefined,
      z.string().trim().max(254, "Search for 254 characters or fewer").optional(),
    ),
    status: choice(signatureStatuses, "Choose a status from the list"),
    nation: choice(nationValues, "Choose a nation from the list"),
    country: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .toUpperCase()
        .refine((code) => code === "GB" || isOtherCountryCode(code), "Choose a country from the list")
        .optional(),
    ),
    emails: choice(["yes", "no"], "Choose yes, no or either for campaign emails"),
    ...datedPages,
  })
  .superRefine(checkDatedPages);

export const volunteerFiltersSchema = z
  .object({
    q: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .max(254, "Enter an email address of 254 characters or fewer")
        .pipe(
          z.email({
            error:
              "Enter a whole email address, like name@example.com: volunteers can be found by their exact email address only",
          }),
        )
        .optional(),
    ),
    status: choice(volunteerStatuses, "Choose a status from the list"),
    healthBoard: choice(healthBoards, "Choose a health board from the list"),
    ...datedPages,
  })
  .superRefine(checkDatedPages);

export const auditFiltersSchema = z
  .object({ action: choice(auditActions, "Choose an action from the list"), ...paging })
  .superRefine(checkPaging);

export type SignatureFilters = z.output<typeof signatureFiltersSchema>;
export type VolunteerFilters = z.output<typeof volunteerFiltersSchema>;
export type AuditFilters = z.output<typeof auditFiltersSchema>;
