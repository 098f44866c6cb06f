/** Requests to our JSON/form endpoints are tiny; anything larger is refused before it is read in full. */
export const MAX_BODY_BYTES = 16 * 1024;
/**
 * Most fields read from a form-encoded body: ours have a dozen. 16 KB of `a=&b=&…` is 4,000 fields, and
 * turning those into an object costs a hundred times a real sign-up; the schema ignores them anyway.
 */
const MAX_FORM_FIELDS = 100;

export type BodyResult =
  { ok: true; data: Record<string, unknown> } | { ok: false; status: 413 | 415 | 422; message: string };

/**
 * Reads a JSON or URL-encoded body up to MAX_BODY_BYTES, counting bytes as they arrive (a lying or missing
 * Content-Length cannot get more in). Returns a plain object for zod to check, or the HTTP answer to give.
 */
export async function readSmallBody(request: Request): Promise<BodyResult> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && type !== "application/x-www-form-urlencoded") {
    return {
      ok: false,
      status: 415,
      message: "Send JSON (application/json) or a form (application/x-www-form-urlencoded).",
    };
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) return tooLarge();

  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_BODY_BYTES) {
        await reader.cancel();
        return tooLarge();
      }
      chunks.push(value);
    }
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  if (type === "application/x-www-form-urlencoded")
    return {
      ok: true,
      data: Object.fromEntries(new URLSearchParams(text.split("&", MAX_FORM_FIELDS).join("&"))),
    };
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      return { ok: false, status: 422, message: "Send a JSON object." };
    }
    return { ok: true, data: data as Record<string, unknown> };
  } catch {
    return { ok: false, status: 422, message: "The request body is not valid JSON." };
  }
}

function tooLarge(): BodyResult {
  return {
    ok: false,
    status: 413,
    message: `The request body must be ${MAX_BODY_BYTES / 1024} KB or smaller.`,
  };
}
