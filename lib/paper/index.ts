import "server-only";
import { db } from "@/lib/platform/db";
import { assertHolds, type StaffWith } from "@/lib/admin/access/session";
import type { PaperEntry } from "@/lib/validation/admin/paper";
import { discardPaperDraft } from "@/lib/paper/drafts";
import { storePaperDraft } from "@/lib/paper/store";
import { listPaperBatches, readPaperBatch, readPaperSummary } from "@/lib/paper/summary";
import { addTypedPaperPledge } from "@/lib/paper/typed";
import { undoPaperBatch } from "@/lib/paper/undo";
import { uploadPaperFile } from "@/lib/paper/upload";
import type { UploadForm } from "@/lib/paper/upload-request";

// Paper pledges, bound to the app's database, for a member of staff allowed to add them. Pages, actions
// and the upload route call these; tests call the functions in the modules beside this one with their own
// database. Every change is audited there, in the same transaction, under the staff member's email.

type PaperStaff = StaffWith<"paper-pledges">;

const forStaff = (staff: PaperStaff) => {
  assertHolds(staff, "paper-pledges");
  return {
    upload: (form: UploadForm) => uploadPaperFile(db, form, staff.email),
    store: (batchId: string) => storePaperDraft(db, batchId, staff.email),
    discard: (batchId: string) => discardPaperDraft(db, batchId, staff.email),
    undo: (batchId: string) => undoPaperBatch(db, batchId, staff.email),
    addTyped: (entry: PaperEntry) => addTypedPaperPledge(db, entry, staff.email),
    list: () => listPaperBatches(db),
    read: (batchId: string) => readPaperBatch(db, batchId),
  };
};

export const paperPledges = (staff: PaperStaff) => forStaff(staff);

/** The dashboard's paper figure: counts and events only, for anyone who may see the counts. */
export const paperSummary = () => readPaperSummary(db);
