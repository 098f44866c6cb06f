import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { answerPledgeApi, type ApiAnswer } from "@/lib/entry/pledge-api";
import type { HeaderReader } from "@/lib/entry/client-address";
import { isDatabaseUnavailable, serviceUnavailableAnswer } from "@/lib/entry/service-unavailable";
import { registerIngest } from "@/lib/platform/ingest-slot.mjs";
import { fixedSecurityHeaders } from "@/lib/security/fixed-headers.mjs";

// POST /api/pledge answered on node:http directly (why: lib/platform/ingest-slot.mjs). The same entry
// steps as every route (lib/entry/route.ts): read and check the input, call one lib/ function, a database
// that cannot answer is 503 with Retry-After; and the headers Next.js would have added (next.config.ts).

/** Node has already lower-cased the names; repeated headers come as arrays, which we join as Headers does. */
function headerReader(req: IncomingMessage): HeaderReader {
  return {
    get(name) {
      const value = req.headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(", ") : value;
    },
  };
}

class ClientWentAway extends Error {}

/** The body's bytes, or "too-large" the moment more than `limit` have arrived (the rest is never kept). */
function readNodeBody(req: IncomingMessage, limit: number): Promise<Buffer | "too-large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = () => {
      req.off("data", onData).off("end", onEnd).off("error", onGone).off("close", onGone);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      finish();
      // Drained, not kept: the answer (413) goes out now, and the sender's remaining bytes are discarded
      // rather than left unread, which would make the kernel reset the connection before it is read.
      req.resume();
      resolve("too-large");
    };
    const onEnd = () => {
      finish();
      resolve(Buffer.concat(chunks));
    };
    const onGone = () => {
      finish();
      reject(new ClientWentAway());
    };
    req.on("data", onData).on("end", onEnd).on("error", onGone).on("close", onGone);
  });
}

function send(res: ServerResponse, answer: ApiAnswer, closeAfter: boolean): void {
  for (const { key, value } of fixedSecurityHeaders) res.setHeader(key, value);
  for (const [key, value] of Object.entries(answer.headers)) res.setHeader(key, value);
  // The rest of a refused body is never read, so the connection cannot carry another request.
  if (closeAfter) res.setHeader("Connection", "close");
  const json = JSON.stringify(answer.body);
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Content-Length", Buffer.byteLength(json));
  res.statusCode = answer.status;
  res.end(json);
}

export async function ingestPledge(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let answer: ApiAnswer;
  try {
    answer = await answerPledgeApi({
      headers: headerReader(req),
      body: { read: (limit) => readNodeBody(req, limit) },
    });
  } catch (error) {
    // Nobody is left to answer, and nothing was stored: the body never arrived whole.
    if (error instanceof ClientWentAway) return void res.destroy();
    if (!isDatabaseUnavailable(error)) throw error;
    answer = serviceUnavailableAnswer();
  }
  send(res, answer, !req.complete);
}

/** Called once at start-up (instrumentation.ts): from then on the production server answers sign-ups here. */
export function registerPledgeIngest(): void {
  registerIngest("POST", "/api/pledge", ingestPledge);
}
