import type { Cursor } from "@/lib/validation/admin/cursor";

type FilterValue = string | Cursor | undefined;

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
