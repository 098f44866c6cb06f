// GET /api/admin/export/volunteers – stream volunteers (decrypted) as CSV
import { adminExports, csvResponse } from "@/lib/admin/records";
import { invalidInput, staffRoute } from "@/lib/entry/route";
import { volunteerFiltersSchema } from "@/lib/validation/admin/list-filters";
import { parseFilters } from "@/lib/validation/admin/query";

// "export" is personal data in bulk: lib/admin/access/roles.ts grants it only with "view-people".
export const GET = staffRoute("export", (request, staff) => {
  const parsed = parseFilters(volunteerFiltersSchema, new URL(request.url).searchParams);
  if (!parsed.ok)
    return invalidInput(
      "Some filters are not valid: correct them on the volunteers page.",
      parsed.fieldErrors,
    );
  return csvResponse(adminExports(staff).volunteers(parsed.filters, staff.email));
});
