import type { z } from "zod";
import { firstErrorPerField, type FieldErrors } from "@/lib/validation/form-errors";
import { encodeCursor, type Cursor } from "@/lib/validation/admin/cursor";

// A staff list's query string in and out: parsed with one of ./list-filters.ts's schemas, and written
// back for the paging and "Download CSV" links.

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
