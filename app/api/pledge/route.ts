// POST /api/pledge – sign the pledge from an app or a partner's site (JSON or form-encoded); see README.
// In production the server answers this before Next.js does (lib/entry/pledge-ingest.ts); both give the
// one answer in lib/entry/pledge-api.ts.
import { answerPledgeApi } from "@/lib/entry/pledge-api";
import { readWebBody } from "@/lib/entry/read-body";
import { publicRoute } from "@/lib/entry/route";

export const POST = publicRoute(async (request) => {
  const answer = await answerPledgeApi({
    headers: request.headers,
    body: { read: (limit) => readWebBody(request.body, limit) },
  });
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
});
