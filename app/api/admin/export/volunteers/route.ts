// GET /api/admin/export/volunteers – stream volunteers (decrypted) as CSV
import { adminExports, csvResponse } from "@/lib/admin/people";
import { can } from "@/lib/admin/roles";
import { staffForRoute } from "@/lib/admin/session";
import { parseFilters, volunteerFiltersSchema } from "@/lib/validation/admin-filters";

export async function GET(request: Request) {
  const staff = await staffForRoute(request, "export");
  if (staff instanceof Response) return staff;
  // An export is personal data in bulk: the role must also be allowed to see people.
  if (!can(staff.role, "view-people"))
    return Response.json({ message: "Your role does not allow this." }, { status: 403 });
  const parsed = parseFilters(volunteerFiltersSchema, new URL(request.url).searchParams);
  if (!parsed.ok) {
    return Response.json(
      {
        message: "Some filters are not valid: correct them on the volunteers page.",
        fieldErrors: parsed.fieldErrors,
      },
      { status: 400, headers: { "Cache-Control": "no-store" } },
    );
  }
  return csvResponse(adminExports().volunteers(parsed.filters, staff.email));
}
