import "server-only";
import { parseWith } from "@/lib/entry/form-input";
import { readSmallBodyFrom, type SmallBodySource } from "@/lib/entry/read-body";
import { clientAddress, type HeaderReader } from "@/lib/entry/client-address";
import { signFromApi } from "@/lib/pledge";
import type { FieldErrors } from "@/lib/validation/form-errors";
import { signPledgeSchema, type SignPledgeField } from "@/lib/validation/pledge";

// POST /api/pledge, once, whoever carries the request: the route handler (app/api/pledge/route.ts, under
// `next dev` and whenever the fast path is off) and the production server's ingest path
// (lib/entry/pledge-ingest.ts), which answers the same request without Next.js's routing and web streams.
// Both get this answer, so the API behaves the same whichever served it.

export type ApiAnswer = { status: number; headers: Record<string, string>; body: unknown };

const noStore = { "Cache-Control": "no-store" } as const;

const answers = {
  "check-email": {
    status: 202,
    body: {
      status: "check-email",
      message: "Check your email: we have sent you a link to confirm your signature.",
    },
  },
  held: {
    status: 202,
    body: {
      status: "held",
      message: "Your signature is saved. The campaigns team will check it before we email you.",
    },
  },
  unauthorised: {
    status: 401,
    body: {
      status: "unauthorised",
      message:
        "Signing through the API needs a partner key (Authorization: Bearer <key>) or a solved challenge from GET /api/pledge/challenge in the `altcha` field.",
    },
  },
} as const;

/** The entry layer's one shape for bad input (lib/entry/route.ts `invalidInput`), as a plain answer. */
export function invalidInputAnswer(message: string, fieldErrors: FieldErrors<string> = {}): ApiAnswer {
  return { status: 422, headers: { ...noStore }, body: { message, fieldErrors } };
}

export type PledgeApiRequest = {
  headers: HeaderReader;
  body: Omit<SmallBodySource, "contentType" | "contentLength">;
};

export async function answerPledgeApi(request: PledgeApiRequest): Promise<ApiAnswer> {
  const { headers } = request;
  const body = await readSmallBodyFrom({
    contentType: headers.get("content-type"),
    contentLength: headers.get("content-length"),
    read: request.body.read,
  });
  if (!body.ok) {
    if (body.status === 422) return invalidInputAnswer(body.message);
    return { status: body.status, headers: { ...noStore }, body: { message: body.message } };
  }

  const parsed = parseWith<typeof signPledgeSchema, SignPledgeField>(signPledgeSchema, body.data);
  if (!parsed.ok) return invalidInputAnswer("Please correct the fields listed.", parsed.fieldErrors);

  const outcome = await signFromApi(parsed.data, {
    clientAddress: clientAddress(headers),
    authorization: headers.get("authorization"),
  });
  // "check-email" whatever the address's history: see lib/pledge/sign.ts.
  const answer = answers[outcome];
  const answerHeaders: Record<string, string> = { ...noStore };
  if (outcome === "unauthorised") answerHeaders["WWW-Authenticate"] = 'Bearer realm="pledge"';
  return { status: answer.status, headers: answerHeaders, body: answer.body };
}
