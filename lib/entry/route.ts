import "server-only";
import type { Permission } from "@/lib/admin/access/roles";
import { staffForRoute, type StaffWith } from "@/lib/admin/access/session";
import type { FieldErrors } from "@/lib/validation/form-errors";
import { isDatabaseUnavailable, serviceUnavailable } from "@/lib/entry/service-unavailable";
import { isCrossSiteWrite } from "@/lib/entry/cross-site";

// The one way a route handler is built: `export const GET = staffRoute("export", async (request, staff) => …)`
// or `publicRoute(…)`. A staff write sent from another site is refused (403, lib/entry/cross-site.ts), then
// who is calling is checked (401 signed out, 403 wrong role), a database that
// cannot answer becomes 503 with Retry-After, and every refusal of input has one shape, below.

type Handler<Caller> = (request: Request, caller: Caller) => Promise<Response> | Response;

const noStore = { "Cache-Control": "no-store" } as const;

/** The one error shape for bad input, everywhere: 422 with a sentence and a message per field. */
export function invalidInput(message: string, fieldErrors: FieldErrors<string> = {}): Response {
  return Response.json({ message, fieldErrors }, { status: 422, headers: noStore });
}

async function answering(run: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (isDatabaseUnavailable(error)) return serviceUnavailable();
    throw error;
  }
}

/** A route handler for staff: the role must hold every permission named. */
export function staffRoute<P extends Permission>(
  permission: P | readonly P[],
  handler: Handler<StaffWith<P>>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (isCrossSiteWrite(request))
      return new Response("This form can only be sent from the admin area.\n", {
        status: 403,
        headers: noStore,
      });
    const staff = await staffForRoute(request, permission);
    if (staff instanceof Response) return staff;
    return answering(() => handler(request, staff));
  };
}

/** A route handler anyone may call (the pledge API, counts, health): still answers 503, never a 500, when the database is away. */
export function publicRoute(handler: Handler<undefined>): (request: Request) => Promise<Response> {
  return (request) => answering(() => handler(request, undefined));
}
