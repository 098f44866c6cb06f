import http from "node:http";
import { startSmtpSink, type ReceivedMessage } from "@/tests/support/smtp-sink";

// The inbox of every supporter in the e2e suite: a real SMTP server the app sends to (SMTP_URL), and a
// small HTTP API the tests read it through. Started by playwright.config.ts as the first web server:
//
//   E2E_SMTP_PORT=3125 E2E_MAIL_API_PORT=3126 npx tsx tests/e2e/support/mail-catcher.ts
//
//   GET /health               200 once both ports listen
//   GET /messages?to=<email>  every message whose envelope names that recipient (any case), oldest first
//
// The SMTP server is tests/support/smtp-sink.ts, as in the integration tests, on a fixed port: the app
// is given SMTP_URL before it starts.

const LOCALHOST = "127.0.0.1";

/** What the API answers for one message: what a supporter's mail client would show, and the envelope. */
export type CaughtMessageJson = {
  envelopeFrom: string;
  envelopeTo: string[];
  messageId: string;
  from: { name: string; address: string };
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
};

function portFromEnv(name: string): number {
  const port = Number(process.env[name]);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`mail-catcher: set ${name} to a port number`);
  return port;
}

function toJson(message: ReceivedMessage): CaughtMessageJson {
  const parsed = message.parsed;
  const from = parsed?.from?.value[0];
  const headers: Record<string, string> = {};
  for (const [name, value] of parsed?.headers ?? []) if (typeof value === "string") headers[name] = value;
  // mailparser folds List-* fields into one object; keep them as sent (RFC 2369, RFC 8058), unfolded.
  for (const { key, line } of parsed?.headerLines ?? [])
    if (key.startsWith("list-"))
      headers[key] = line
        .slice(line.indexOf(":") + 1)
        .replace(/\r?\n[ \t]+/g, " ")
        .trim();
  return {
    envelopeFrom: message.envelopeFrom,
    envelopeTo: message.envelopeTo,
    messageId: message.messageId,
    from: { name: from?.name ?? "", address: from?.address ?? "" },
    to: [parsed?.to ?? []]
      .flat()
      .map((address) => address.text)
      .join(", "),
    subject: parsed?.subject ?? "",
    text: parsed?.text ?? "",
    html: typeof parsed?.html === "string" ? parsed.html : "",
    headers,
  };
}

async function main() {
  const smtpPort = portFromEnv("E2E_SMTP_PORT");
  const apiPort = portFromEnv("E2E_MAIL_API_PORT");
  const sink = await startSmtpSink({ port: smtpPort });

  const api = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", `http://${LOCALHOST}:${apiPort}`);
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
      response.end(JSON.stringify(body));
    };
    if (request.method !== "GET") return answer(405, { error: "GET only" });
    if (url.pathname === "/health") return answer(200, { received: sink.messages.length });
    if (url.pathname === "/messages") {
      const to = url.searchParams.get("to")?.trim().toLowerCase();
      if (!to) return answer(400, { error: "say whose messages: /messages?to=<email>" });
      const mine = sink.messages.filter((message) =>
        message.envelopeTo.some((address) => address.toLowerCase() === to),
      );
      return answer(200, mine.map(toJson));
    }
    return answer(404, { error: "try /messages?to=<email>" });
  });
  await new Promise<void>((resolve, reject) =>
    api.once("error", reject).listen(apiPort, LOCALHOST, () => resolve()),
  );
  console.info(`mail-catcher: SMTP on ${LOCALHOST}:${smtpPort}, messages on http://${LOCALHOST}:${apiPort}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
