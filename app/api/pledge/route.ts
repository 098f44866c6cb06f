// POST /api/pledge – sign the pledge from an app or a partner's site (JSON or form-encoded); see README
import { parseWith } from "@/lib/entry/form-input";
import { readSmallBody } from "@/lib/entry/read-body";
import { invalidInput, publicRoute } from "@/lib/entry/route";
import { signFromApi } from "@/lib/pledge";
import { clientAddress } from "@/lib/entry/client-address";
import { signPledgeSchema, type SignPledgeField } from "@/lib/validation/pledge";

const noStore = { "Cache-Control": "no-store" };

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

export const POST = publicRoute(async (request) => {
  const body = await readSmallBody(request);
  if (!body.ok) {
    if (body.status === 422) return invalidInput(body.message);
    return Response.json({ message: body.message }, { status: body.status, headers: noStore });
  }

  const parsed = parseWith<typeof signPledgeSchema, SignPledgeField>(signPledgeSchema, body.data);
  if (!parsed.ok) {
    return invalidInput("Please correct the fields listed.", parsed.fieldErrors);
  }
  const requestHeaders = request.headers;
  const outcome = await signFromApi(parsed.data, {
    clientAddress: clientAddress(requestHeaders),
    authorization: requestHeaders.get("authorization"),
  });
  // "check-email" whatever the address's history: see lib/pledge/sign.ts.
  const answer = answers[outcome];
  const responseHeaders = new Headers(noStore);
  if (outcome === "unauthorised") responseHeaders.set("WWW-Authenticate", 'Bearer realm="pledge"');
  return Response.json(answer.body, { status: answer.status, headers: responseHeaders });
});
