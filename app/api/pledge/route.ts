// POST /api/pledge – sign the pledge from a script or app (JSON or form-encoded); same rules as the form
import { headers } from "next/headers";
import { parseWith } from "@/lib/actions/parse-form";
import { readSmallBody } from "@/lib/http/read-body";
import { signPledge } from "@/lib/pledge";
import { clientAddress } from "@/lib/security/client-address";
import { signPledgeSchema, type SignPledgeField } from "@/lib/validation/pledge";

const noStore = { "Cache-Control": "no-store" };

export async function POST(request: Request) {
  const body = await readSmallBody(request);
  if (!body.ok) return Response.json({ message: body.message }, { status: body.status, headers: noStore });

  const parsed = parseWith<typeof signPledgeSchema, SignPledgeField>(signPledgeSchema, body.data);
  if (!parsed.ok) {
    return Response.json(
      { message: "Please correct the fields listed.", fieldErrors: parsed.fieldErrors },
      { status: 422, headers: noStore },
    );
  }
  await signPledge(parsed.data, { clientAddress: clientAddress((await headers()).get("x-forwarded-for")) });
  // The same answer whatever the address's history: see lib/pledge/sign.ts.
  return Response.json(
    {
      status: "check-email",
      message: "Check your email: we have sent you a link to confirm your signature.",
    },
    { status: 202, headers: noStore },
  );
}
