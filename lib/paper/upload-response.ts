import "server-only";
import { env } from "@/lib/platform/env";
import { encodeUploadNotice, UPLOAD_NOTICE_COOKIE, UPLOAD_NOTICE_PATH } from "@/lib/paper/upload-notice";
import type { UploadOutcome } from "@/lib/paper/upload";

// The upload route's answer: 303 See Other (the browser follows with a GET, as after any form post) to the
// draft's preview, or back to the form with the refusal in a cookie for that page (upload-notice.ts).

const cookie = (value: string, maxAge: number) =>
  [
    `${UPLOAD_NOTICE_COOKIE}=${value}`,
    `Path=${UPLOAD_NOTICE_PATH}`,
    `Max-Age=${maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(env.SITE_URL.startsWith("https://") ? ["Secure"] : []),
  ].join("; ");

export function uploadAnswer(outcome: UploadOutcome): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (outcome.ok) {
    headers.set("Location", `/admin/paper/${outcome.batchId}`);
    headers.append("Set-Cookie", cookie("", 0));
  } else {
    headers.set("Location", "/admin/paper#upload");
    const { message, fieldErrors, values } = outcome;
    headers.append("Set-Cookie", cookie(encodeUploadNotice({ message, fieldErrors, values }), 300));
  }
  return new Response(null, { status: 303, headers });
}
