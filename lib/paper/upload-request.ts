import "server-only";
import { readWebBody } from "@/lib/entry/read-body";
import { MAX_UPLOAD_BYTES, MULTIPART_OVERHEAD_BYTES } from "@/lib/paper/limits";
import { tooLargeMessage } from "@/lib/paper/parse";

// Reads the upload form (multipart/form-data, as a plain browser form sends it) with a cap on its size:
// a declared length over the cap is refused before a byte is read, and the bytes are counted as they
// arrive, so a 50 MB file (or a lying Content-Length) never sits in memory.

export type UploadForm =
  | { ok: true; fields: Record<string, string>; file?: { name: string; bytes: Uint8Array } }
  | { ok: false; message: string; fields: Record<string, string> };

const LIMIT = MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES;

export async function readUploadForm(request: Request): Promise<UploadForm> {
  // The boundary parameter is case-sensitive: only the media type is compared without case.
  const type = request.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("multipart/form-data"))
    return { ok: false, message: "Send the file with the upload form on this page.", fields: {} };
  if (Number(request.headers.get("content-length") ?? "0") > LIMIT)
    return { ok: false, message: tooLargeMessage, fields: {} };
  const body = await readWebBody(request.body, LIMIT);
  if (body === "too-large") return { ok: false, message: tooLargeMessage, fields: {} };

  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
  } catch {
    return {
      ok: false,
      message: "The upload could not be read. Please choose the file and try again.",
      fields: {},
    };
  }
  const fields: Record<string, string> = {};
  let file: { name: string; bytes: Uint8Array } | undefined;
  for (const [name, value] of form.entries()) {
    if (typeof value === "string") fields[name] ??= value.slice(0, 500);
    else if (name === "file" && !file && (value.size > 0 || value.name))
      file = { name: value.name, bytes: new Uint8Array(await value.arrayBuffer()) };
  }
  return { ok: true, fields, file };
}
