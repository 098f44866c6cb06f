// A refused upload, carried back to /admin/paper across the redirect (the upload is a plain form post, so
// it works without JavaScript). It travels in a short-lived cookie for that page alone, not in the address:
// a file without headings puts a person's details in the "columns found", and addresses end up in logs.

export const UPLOAD_NOTICE_COOKIE = "paper-upload-problem";
export const UPLOAD_NOTICE_PATH = "/admin/paper";

export type UploadNotice = {
  message?: string;
  fieldErrors: Record<string, string>;
  values: Record<string, string>;
};

export function encodeUploadNotice(notice: UploadNotice): string {
  const trimmed: UploadNotice = {
    message: notice.message?.slice(0, 1200),
    fieldErrors: notice.fieldErrors,
    values: Object.fromEntries(
      Object.entries(notice.values).map(([key, value]) => [key, value.slice(0, 200)]),
    ),
  };
  return Buffer.from(JSON.stringify(trimmed)).toString("base64url");
}

export function decodeUploadNotice(value: string | undefined): UploadNotice | undefined {
  if (!value) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as Partial<UploadNotice>;
    return {
      message: typeof parsed.message === "string" ? parsed.message : undefined,
      fieldErrors: parsed.fieldErrors && typeof parsed.fieldErrors === "object" ? parsed.fieldErrors : {},
      values: parsed.values && typeof parsed.values === "object" ? parsed.values : {},
    };
  } catch {
    return undefined;
  }
}
