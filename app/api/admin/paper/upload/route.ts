// POST /api/admin/paper/upload – a CSV of paper pledges becomes a draft to preview (lib/paper/)
import { staffRoute } from "@/lib/entry/route";
import { paperPledges } from "@/lib/paper";
import { readUploadForm } from "@/lib/paper/upload-request";
import { uploadAnswer } from "@/lib/paper/upload-response";

// A route handler, not a server action: a server action's body is capped at 1 MB by Next.js and read in
// full before our code runs; here the file is counted as it arrives and refused past the limit.
export const POST = staffRoute("paper-pledges", async (request, staff) =>
  uploadAnswer(await paperPledges(staff).upload(await readUploadForm(request))),
);
