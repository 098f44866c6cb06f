// Was a failed send definitely not delivered? The worker retries only then: a message is sent at most once.
//
// Definitely not delivered:
// - the server answered with an SMTP error (4xx: try later; 5xx: it will never take this message);
// - we never got as far as handing the message over: the connection was refused or timed out, DNS, TLS
//   or login failed, or nodemailer refused the message before sending it.
// Unknown: the connection broke or timed out in the middle of a session, perhaps after the message was
// transmitted but before the server's "250 OK" reached us. The server may have delivered it, so it is
// not retried; it is marked failed for an operator to look at.
//
// Only the error's code and reply code are kept (lastError, logs): server replies can quote the recipient.

export type SendOutcome =
  | { kind: "retry"; reason: string }
  | { kind: "rejected"; reason: string }
  | { kind: "unknown"; reason: string };

type MailError = {
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
  originalCode?: unknown;
  timeoutType?: unknown;
};

// System error codes that can only happen while opening a connection.
const CONNECT_FAILURES = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
// nodemailer codes raised before any message data is written.
const BEFORE_MESSAGE = new Set([
  "EDNS",
  "ETLS",
  "EAUTH",
  "ENOAUTH",
  "EOAUTH2",
  "ECONFIG",
  "EPROXY",
  "EREQUIRETLS",
]);
const SETUP_TIMEOUTS = new Set(["CONNECT_TIMEOUT", "GREETING_TIMEOUT", "UPGRADE_TIMEOUT"]);
// Refused by nodemailer itself (bad address, empty or oversized message): retrying cannot help.
const INVALID_MESSAGE = new Set(["EENVELOPE", "EMESSAGE", "EMAXRECIPIENTS", "ESTREAM"]);

function text(value: unknown): string | undefined {
  return typeof value === "string" && /^[A-Za-z0-9_ -]{1,40}$/.test(value) ? value : undefined;
}

// Commands that carry this message: a 5xx reply to one of them refuses the message itself.
const MESSAGE_COMMANDS = new Set(["MAIL FROM", "RCPT TO", "DATA"]);

export function classifySendError(error: unknown): SendOutcome {
  const err = (typeof error === "object" && error !== null ? error : {}) as MailError;
  const code = text(err.code) ?? "unknown error";
  const command = text(err.command);
  const responseCode = typeof err.responseCode === "number" ? err.responseCode : undefined;

  // Login, TLS or configuration trouble is ours to fix, not the message's: keep it for later.
  if (BEFORE_MESSAGE.has(code))
    return { kind: "retry", reason: `${code}${responseCode ? ` ${responseCode}` : ""} before sending` };
  if (responseCode !== undefined && responseCode >= 400) {
    const reason = `SMTP ${responseCode}${command ? ` after ${command}` : ""}`;
    // 503 is "bad sequence of commands": the session was confused, the message was not refused. A 5xx
    // at the greeting refuses this client for now, not this message.
    const permanent =
      responseCode >= 500 && responseCode !== 503 && command !== undefined && MESSAGE_COMMANDS.has(command);
    return permanent ? { kind: "rejected", reason } : { kind: "retry", reason };
  }
  const original = text(err.originalCode);
  if (original && CONNECT_FAILURES.has(original))
    return { kind: "retry", reason: `could not connect (${original})` };
  const timeout = text(err.timeoutType);
  if (code === "ETIMEDOUT" && timeout && SETUP_TIMEOUTS.has(timeout))
    return { kind: "retry", reason: `could not connect (${timeout})` };
  if (INVALID_MESSAGE.has(code)) return { kind: "rejected", reason: `${code}: refused before sending` };
  return {
    kind: "unknown",
    reason: `${code}${timeout ? ` (${timeout})` : ""}${original ? ` (${original})` : ""}`,
  };
}
