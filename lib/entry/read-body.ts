/** Requests to our JSON/form endpoints are tiny; anything larger is refused before it is read in full. */
export const MAX_BODY_BYTES = 16 * 1024;
/**
 * Most fields read from a form-encoded body: ours have a dozen. 16 KB of `a=&b=&…` is 4,000 fields, and
 * turning those into an object costs a hundred times a real sign-up; the schema ignores them anyway.
 */
const MAX_FORM_FIELDS = 100;

export type BodyResult =
  { ok: true; data: Record<string, unknown> } | { ok: false; status: 413 | 415 | 422; message: string };

/** What reading a body needs, from a web `Request` (route handlers) or a node:http request (lib/entry/pledge-ingest.ts). */
export type SmallBodySource = {
  contentType: string | null;
  contentLength: string | null;
  /**
   * The body's bytes, or "too-large" as soon as more than `limit` have arrived: the reader stops there, so
   * a sender cannot make us buffer more than the limit whatever its Content-Length said.
   */
  read: (limit: number) => Promise<Buffer | "too-large">;
};

/**
 * Reads a JSON or URL-encoded body up to MAX_BODY_BYTES, counting bytes as they arrive (a lying or missing
 * Content-Length cannot get more in). Returns a plain object for zod to check, or the HTTP answer to give.
 */
export async function readSmallBody(request: Request): Promise<BodyResult> {
  return readSmallBodyFrom({
    contentType: request.headers.get("content-type"),
    contentLength: request.headers.get("content-length"),
    read: (limit) => readWebBody(request.body, limit),
  });
}

export async function readWebBody(
  body: ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Buffer | "too-large"> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (body) {
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        return "too-large";
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks);
}

export async function readSmallBodyFrom(source: SmallBodySource): Promise<BodyResult> {
  const type = (source.contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && type !== "application/x-www-form-urlencoded") {
    return {
      ok: false,
      status: 415,
      message: "Send JSON (application/json) or a form (application/x-www-form-urlencoded).",
    };
  }
  const declared = Number(source.contentLength ?? "0");
  if (declared > MAX_BODY_BYTES) return tooLarge();

  const bytes = await source.read(MAX_BODY_BYTES);
  if (bytes === "too-large") return tooLarge();
  const text = bytes.toString("utf8");
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
