import { isAcceptableRequestId, REQUEST_ID_HEADER, requestContextStorage } from "./request-ids.mjs";

// The id of the request this code is running for, so every log line written while answering it can be
// matched with the access line serve.mjs writes for it (and with a proxy's line, when it sent the id).

/** From serve.mjs's AsyncLocalStorage: synchronous, so the logger can stamp every line with it. */
export function currentRequestId(): string | undefined {
  return requestContextStorage().getStore()?.requestId;
}

/**
 * As currentRequestId, but where serve.mjs is not in front (`next dev`) it falls back to the header a
 * proxy may have set, read through next/headers. Undefined outside a request.
 */
export async function resolveRequestId(): Promise<string | undefined> {
  const fromServer = currentRequestId();
  if (fromServer) return fromServer;
  try {
    // Loaded only here: command-line tools share lib/ and never run inside Next.js.
    const { headers } = await import("next/headers");
    const fromHeader = (await headers()).get(REQUEST_ID_HEADER);
    return isAcceptableRequestId(fromHeader) ? fromHeader : undefined;
  } catch {
    return undefined; // not inside a request
  }
}
