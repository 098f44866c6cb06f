import { z } from "zod";
import type { AuditAction } from "@/lib/admin/audit";
import { roles } from "@/lib/admin/roles";
import { isOtherCountryCode } from "@/lib/geo/countries";
import { nationValues } from "@/lib/geo/nations";
import { healthBoards } from "@/lib/volunteers/health-boards";
import { emailAddress } from "./fields";
import { firstErrorPerField, type FieldErrors } from "./form-errors";

// The filters of the staff lists, the CSV exports and the audit log. They arrive in a query string (GET
// forms, so they work without JavaScript and can be bookmarked), are parsed here once, and the same
// parsed filters drive the page, its "Next page" links and its "Download CSV" link.

export const PAGE_SIZE = 50;

export const signatureStatuses = ["pending", "confirmed", "held"] as const;
export const volunteerStatuses = ["pending", "confirmed"] as const;

export const auditActions = [
  "sign-in",
  "sign-out",
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
] as const satisfies readonly AuditAction[];

// Fails to compile if lib/admin/audit.ts gains an action this list (and so the audit filter) lacks.
const everyAuditActionListed: Exclude<AuditAction, (typeof auditActions)[number]> extends never
  ? true
  : never = true;
void everyAuditActionListed;

/** A position in a list sorted newest first: the last row seen, as (createdAt, id). */
export type Cursor = { at: Date; id: string };

const cursorPattern = /^(\d{1,15})\.([A-Za-z0-9-]{1,64})$/;

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.at.getTime()}.${cursor.id}`;
}

export function decodeCursor(token: string): Cursor | undefined {
  const match = cursorPattern.exec(token);
  if (!match) return undefined;
  const at = new Date(Number(match[1]));
  return Number.isNaN(at.getTime()) ? undefined : { at, id: match[2]! };
}

/** An empty form field means "any": "" and absent both become undefined. */
const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: message }).optional());

const isoDay = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2026-11-25")
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    }, "Enter a real date, like 2026-11-25")
    .optional(),
);

const pageCursor = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((token, ctx) => {
      const cursor = decodeCursor(token);
      if (!cursor) {
        ctx.addIssue({
          code: "custom",
          message: "That page link is not valid. Start again from the first page.",
        });
        return z.NEVER;
      }
      return cursor;
    })
    .optional(),
);

const paging = { after: pageCursor, before: pageCursor };

type Paged = { after?: Cursor; before?: Cursor };
type Dated = { from?: string; to?: string };

function checkPaging(input: Paged, ctx: z.RefinementCtx) {
  if (input.after && input.before)
    ctx.addIssue({
      code: "custom",
      path: ["after"],
      message: "That page link is not valid. Start again from the first page.",
    });
}

function checkDates(input: Dated, ctx: z.RefinementCtx) {
  if (input.from && input.to && input.to < input.from)
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: "The end date must be the same as or after the start date",
    });
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
    from: isoDay,
    to: isoDay,
    ...paging,
  })
  .superRefine((input, ctx) => {
    checkDates(input, ctx);
    checkPaging(input, ctx);
  });

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
    from: isoDay,
    to: isoDay,
    ...paging,
  })
  .superRefine((input, ctx) => {
    checkDates(input, ctx);
    checkPaging(input, ctx);
  });

export const auditFiltersSchema = z
  .object({ action: choice(auditActions, "Choose an action from the list"), ...paging })
  .superRefine(checkPaging);

export type SignatureFilters = z.output<typeof signatureFiltersSchema>;
export type VolunteerFilters = z.output<typeof volunteerFiltersSchema>;
export type AuditFilters = z.output<typeof auditFiltersSchema>;

/** What the query string may hold: Next.js `searchParams`, or a route handler's `URL.searchParams`. */
export type RawQuery = URLSearchParams | Record<string, string | string[] | undefined>;

/** Longest value read from any one query parameter; the schemas apply the real limits. */
const MAX_PARAM_LENGTH = 300;

/** The query string as one string per name (the first, if repeated), each cut to a sane length. */
export function queryValues(query: RawQuery): Record<string, string> {
  const values: Record<string, string> = {};
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query);
  for (const [name, raw] of entries) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (typeof value === "string" && !(name in values)) values[name] = value.slice(0, MAX_PARAM_LENGTH);
  }
  return values;
}

export type ParsedFilters<T> =
  | { ok: true; filters: T; values: Record<string, string> }
  | { ok: false; fieldErrors: FieldErrors<string>; values: Record<string, string> };

/**
 * Parses a query string with one of the schemas above. Bad values are never an exception: the caller
 * gets a message per field to show beside it, and the values as typed, to put back in the form.
 */
export function parseFilters<S extends z.ZodType>(schema: S, query: RawQuery): ParsedFilters<z.output<S>> {
  const values = queryValues(query);
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, filters: result.data, values };
  const fieldErrors = firstErrorPerField<string>(result.error);
  // Both page cursors report as "page": the form has no field for them.
  for (const key of ["after", "before"]) {
    if (fieldErrors[key]) {
      fieldErrors.page ??= fieldErrors[key];
      delete fieldErrors[key];
    }
  }
  return { ok: false, fieldErrors, values };
}

type FilterValue = string | Cursor | undefined;

/**
 * The query string for a set of parsed filters, without the page position unless one is given: used for
 * "Next page" / "Previous page" links (filters kept) and the "Download CSV" link (all pages).
 */
export function filterQuery(
  filters: Record<string, FilterValue>,
  page?: { after: Cursor } | { before: Cursor },
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (name === "after" || name === "before") continue;
    if (typeof value === "string" && value !== "") params.set(name, value);
  }
  if (page && "after" in page) params.set("after", encodeCursor(page.after));
  if (page && "before" in page) params.set("before", encodeCursor(page.before));
  const query = params.toString();
  return query ? `?${query}` : "";
}

/**
 * The filters as recorded in the audit log: no page position, and only the kind of search, never its
 * words: a name or an address is personal data, and the log is append-only, so it could never be erased.
 */
export function filtersForAudit(filters: Record<string, FilterValue>): Record<string, string> {
  const recorded: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) {
    if (name === "after" || name === "before" || typeof value !== "string" || value === "") continue;
    if (name === "q") recorded.search = value.includes("@") ? "by email" : "by name";
    else recorded[name] = value;
  }
  return recorded;
}

// ---- The admin forms that post (server actions) ---------------------------------------------------------

const recordId = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/, "That record id is not valid");

/** /admin/people: find everything held for one email address. */
export const personLookupSchema = z.object({ email: emailAddress });

/** The confirming POST of an erasure: which records, by id (at least one). */
export const erasureSchema = z
  .object({
    signatureId: z.preprocess(blankToUndefined, recordId.optional()),
    volunteerId: z.preprocess(blankToUndefined, recordId.optional()),
  })
  .refine((target) => target.signatureId || target.volunteerId, {
    message: "Choose a record to erase",
    path: ["signatureId"],
  });

const staffRole = z.enum(roles, { error: "Choose a role" });

export const addStaffSchema = z.object({ email: emailAddress, role: staffRole });
export const changeStaffRoleSchema = z.object({ id: recordId, role: staffRole });
export const removeStaffSchema = z.object({ id: recordId });
