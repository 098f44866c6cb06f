export { DatabaseUnavailableError, isDatabaseUnavailable } from "@/lib/platform/database/errors";

/**
 * The answer when the database cannot take a request (busy beyond the retry window, or unreachable): 503
 * with Retry-After, never cached, and no detail about why (no stack, no driver message). Use it as
 *
 *   catch (error) { if (isDatabaseUnavailable(error)) return serviceUnavailable(); throw error; }
 */
export function serviceUnavailable(): Response {
  return Response.json(
    { message: "We could not save or load that just now. Please try again in a few seconds." },
    { status: 503, headers: { "Retry-After": "5", "Cache-Control": "no-store" } },
  );
}
