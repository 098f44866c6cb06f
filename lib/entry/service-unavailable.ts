export { DatabaseUnavailableError, isDatabaseUnavailable } from "@/lib/platform/database/errors";

/**
 * The answer when the database cannot take a request (busy beyond the retry window, or unreachable): 503
 * with Retry-After, never cached, and no detail about why (no stack, no driver message). Use it as
 *
 *   catch (error) { if (isDatabaseUnavailable(error)) return serviceUnavailable(); throw error; }
 */
export function serviceUnavailable(): Response {
  const answer = serviceUnavailableAnswer();
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}

/** The same answer as plain data, for the production server's ingest path (lib/entry/pledge-ingest.ts). */
export function serviceUnavailableAnswer() {
  return {
    status: 503,
    headers: { "Retry-After": "5", "Cache-Control": "no-store" },
    body: { message: "We could not save or load that just now. Please try again in a few seconds." },
  };
}
