// GET /api/admin/paper/template – the paper pledges CSV template: headings and one made-up example row
import { staffRoute } from "@/lib/entry/route";
import { templateCsv } from "@/lib/paper/columns";

export const GET = staffRoute("paper-pledges", () => {
  // A byte-order mark first, so Excel opens it as UTF-8 and saves it back the same way.
  return new Response(`\uFEFF${templateCsv}\r\n`, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": 'attachment; filename="paper-pledges-template.csv"',
      "Cache-Control": "no-store",
    },
  });
});
