import { ErrorSummary } from "@/components/ui/error-summary";
import { FieldError, describedBy } from "@/components/ui/field-error";
import { PaperEventFields, type ConsentChoice } from "@/components/admin/paper/paper-event-fields";
import type { UploadNotice } from "@/lib/paper/upload-notice";

type PaperUploadFormProps = { consents: readonly ConsentChoice[]; notice?: UploadNotice };

const fieldIds = {
  eventName: "upload-eventName",
  eventDate: "upload-eventDate",
  consentVersion: "upload-consentVersion",
  file: "upload-file",
};

/**
 * A plain multipart form post to the upload route (a server action could not take a large file), which
 * answers with the preview or sends the problems back here (lib/paper/upload-notice.ts).
 */
export function PaperUploadForm({ consents, notice }: PaperUploadFormProps) {
  const errors: Record<string, string | undefined> = { ...notice?.fieldErrors };
  if (notice?.message) errors.file ??= notice.message;
  const values = notice?.values ?? {};
  return (
    <form
      id="upload"
      action="/api/admin/paper/upload"
      method="post"
      encType="multipart/form-data"
      noValidate
      className="form"
    >
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      <PaperEventFields idPrefix="upload" consents={consents} values={values} errors={errors} />
      <div className={`field${errors.file ? " field--error" : ""}`}>
        <label htmlFor={fieldIds.file} className="field__label">
          CSV file
        </label>
        <p id={`${fieldIds.file}-hint`} className="field__hint">
          Saved as CSV UTF-8, with the columns above.
        </p>
        <FieldError id={`${fieldIds.file}-error`} message={errors.file} />
        <input
          id={fieldIds.file}
          name="file"
          type="file"
          accept=".csv,text/csv"
          className="input"
          aria-invalid={errors.file ? true : undefined}
          aria-describedby={describedBy(
            `${fieldIds.file}-hint`,
            errors.file ? `${fieldIds.file}-error` : undefined,
          )}
        />
      </div>
      <button type="submit" className="button button--primary">
        Check the file
      </button>
    </form>
  );
}
