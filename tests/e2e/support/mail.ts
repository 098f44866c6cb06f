import crypto from "node:crypto";
import type { CaughtMessageJson } from "@/tests/e2e/support/mail-catcher";
import { recordPersonalData } from "@/tests/e2e/support/personal-data";

// Reading supporters' email in the e2e suite: what the app sent through real SMTP to the mail catcher
// (./mail-catcher.ts, started by playwright.config.ts).

const LOCALHOST = "127.0.0.1";

/** Fixed, so the app can be started with SMTP_URL pointing here. Next to the app's 3100. */
export const mailCatcher = {
  smtpPort: 3125,
  apiPort: 3126,
  smtpUrl: `smtp://${LOCALHOST}:3125`,
  apiUrl: `http://${LOCALHOST}:3126`,
} as const;

export type CaughtEmail = CaughtMessageJson;

/**
 * An address nobody else in the suite uses, so every test has an inbox of its own and tests can run in
 * any order, in parallel, against the same database. `label` says whose it is in a failure message.
 */
export function newSupporterAddress(label: string): string {
  const email = `${label}.${crypto.randomUUID().slice(0, 8)}@example.org`;
  recordPersonalData({ email }); // the server's log must never show it (scan-server-log.ts)
  return email;
}

/** What has arrived for `address` so far, oldest first. */
export async function emailsTo(address: string): Promise<CaughtEmail[]> {
  const response = await fetch(`${mailCatcher.apiUrl}/messages?to=${encodeURIComponent(address)}`);
  if (!response.ok) throw new Error(`mail catcher answered ${response.status} for ${address}`);
  return (await response.json()) as CaughtEmail[];
}

/**
 * Waits for the first `count` emails to `address`. Sending is asynchronous (an outbox worker), so this
 * polls; 15 s is generous for a message that normally arrives in well under one.
 */
export async function waitForEmails(
  address: string,
  count: number,
  timeoutMs = 15_000,
): Promise<CaughtEmail[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const emails = await emailsTo(address);
    if (emails.length >= count) return emails.slice(0, count);
    if (Date.now() > deadline) {
      const got = emails.map((email) => `"${email.subject}"`).join(", ") || "nothing";
      throw new Error(
        `Expected ${count} email(s) to ${address} within ${timeoutMs} ms; got ${got}. Was the form ` +
          "sent less than 2 s after it was shown (set aside as a bot)? Is the app on :3100 the one this " +
          "config started, with SMTP_URL set to the mail catcher?",
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The `n`th email (1 = first) to `address`. */
export async function waitForEmail(address: string, n = 1): Promise<CaughtEmail> {
  const emails = await waitForEmails(address, n);
  return emails[n - 1]!;
}

/**
 * The link in an email's plain-text part whose path starts with `pathPrefix` (e.g. "/pledge/confirm/"),
 * or undefined. The text part carries every link in full; callers check the HTML part links to it too.
 */
export function linkIn(email: CaughtEmail, pathPrefix: string): string | undefined {
  for (const match of email.text.matchAll(/https?:\/\/\S+/g)) {
    const url = new URL(match[0]);
    if (url.pathname.startsWith(pathPrefix)) return url.toString();
  }
  return undefined;
}

/** Every href in the HTML part, entities decoded. */
export function hrefsIn(email: CaughtEmail): string[] {
  return [...email.html.matchAll(/href="([^"]*)"/g)].map((match) =>
    (match[1] ?? "")
      .replace(/&amp;/g, "&")
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  );
}
