// GET /api/admin/export/crm – stream signatures for the CRM: ?since=all | last | YYYY-MM-DD
import { adminCrmExports, csvResponse } from "@/lib/admin/records";
import { isoDay } from "@/lib/admin/records/dates";
import { invalidInput, staffRoute } from "@/lib/entry/route";
import { crmExportQuerySchema } from "@/lib/validation/admin/export-crm";
import { parseFilters } from "@/lib/validation/admin/query";

// The "changes since a date" form on /admin/exports is a GET form to here, so it works without
// JavaScript. A date it cannot use sends the staff member back to that form (303), where the same schema
// shows the problem next to the field.
export const GET = staffRoute("export", async (request, staff) => {
  const parsed = parseFilters(crmExportQuerySchema(isoDay(new Date())), new URL(request.url).searchParams);
  if (!parsed.ok) {
    const back = new URLSearchParams({ since: parsed.values.since ?? "" });
    return new Response(null, {
      status: 303,
      headers: { Location: `/admin/exports?${back}#since`, "Cache-Control": "no-store" },
    });
  }
  const result = await adminCrmExports(staff).download(parsed.filters.since, staff.email);
  if (!result.ok) return invalidInput(result.message, { since: result.message });
  return csvResponse(result.download);
});
