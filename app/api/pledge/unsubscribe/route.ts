// POST /api/pledge/unsubscribe?token=… – one-click unsubscribe from campaign emails (RFC 8058); GET leads to the manage page
import { publicRoute } from "@/lib/entry/route";
import { oneClickUnsubscribe } from "@/lib/updates";

export const dynamic = "force-dynamic";

export const POST = publicRoute((request) => oneClickUnsubscribe().post(request));

// Link scanners fetch links ahead of people: a GET only ever leads to the page with the button.
export const GET = publicRoute((request) => Response.redirect(oneClickUnsubscribe().pageFor(request), 303));
