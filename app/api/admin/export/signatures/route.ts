// GET /api/admin/export/signatures – stream signatures as CSV
import { adminExports, csvResponse } from "@/lib/admin/records";
import { invalidInput, staffRoute } from "@/lib/entry/route";
import { signatureFiltersSchema } from "@/lib/validation/admin/list-filters";
import { parseFilters } from "@/lib/validation/admin/query";

// "export" is personal data in bulk: lib/admin/access/roles.ts grants it only with "view-people".
export const GET = staffRoute("export", (request, staff) => {
  const parsed = parseFilters(signatureFiltersSchema, new URL(request.url).searchParams);
  if (!parsed.ok)
    return invalidInput(
      "Some filters are not valid: correct them on the signatures page.",
      parsed.fieldErrors,
    );
  return csvResponse(adminExports(staff).signatures(parsed.filters, staff.email));
});
