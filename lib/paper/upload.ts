import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { parseWith } from "@/lib/entry/form-input";
import { paperEventSchema } from "@/lib/paper/schemas";
import { createPaperDraft } from "@/lib/paper/drafts";
import { parsePaperCsv } from "@/lib/paper/parse";
import type { UploadForm } from "@/lib/paper/upload-request";
import type { UploadNotice } from "@/lib/paper/upload-notice";

// From the upload form to a draft batch: the event's fields checked like any form, the file read and its
// rows checked. Any refusal comes back as what to show on the form; nothing is stored until staff store
// the draft.

export type UploadOutcome = { ok: true; batchId: string } | ({ ok: false } & UploadNotice);

export async function uploadPaperFile(db: DbClient, form: UploadForm, actor: string): Promise<UploadOutcome> {
  const values = { ...form.fields };
  delete values.file;
  if (!form.ok) return { ok: false, message: form.message, fieldErrors: {}, values };
  const event = parseWith<typeof paperEventSchema, string>(paperEventSchema, form.fields);
  const fieldErrors: Record<string, string> = event.ok ? {} : (event.fieldErrors as Record<string, string>);
  if (!form.file) fieldErrors.file = "Choose the CSV file to upload";
  if (!event.ok || !form.file) return { ok: false, fieldErrors, values };

  const parsed = parsePaperCsv(form.file.bytes);
  if (!parsed.ok) return { ok: false, fieldErrors: { file: parsed.message }, values };
  const batchId = await createPaperDraft(
    db,
    { ...event.data, fileName: form.file.name, rows: parsed.rows, ignoredColumns: parsed.ignoredColumns },
    actor,
  );
  return { ok: true, batchId };
}
