import "server-only";

import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { OutgoingEmail } from "@/lib/mail/types";
import { logger } from "@/lib/platform/log";
import { ensurePrivateFolder, PRIVATE_FILE_MODE } from "@/lib/security/private-files";

// The only module that talks to nodemailer. Production sends through SMTP_URL with a pool of reused
// connections; the embedded default (no SMTP_URL) writes each email as an .eml file under
// DATA_DIR/outbox, which a developer opens in a mail client or at /dev/outbox.

export interface MailTransport {
  /** Resolves once the message is accepted (SMTP 250 / file written); rejects with nodemailer's error. */
  send(message: OutgoingEmail): Promise<void>;
  /** Closes pooled connections. Call after the last send has settled. */
  close(): Promise<void>;
}

export type TransportLog = (line: string) => void;

export type SmtpTransportOptions = {
  /** From header, e.g. `Count Us In <no-reply@example.org>`. */
  from: string;
  /** Parallel SMTP connections. Providers limit these; 5 is nodemailer's default and a common limit. */
  maxConnections?: number;
};

/** Our Message-IDs name the outbox row, so a duplicate (if one ever slipped out) is recognisable downstream. */
function messageIdDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? "count-us-in.invalid";
}

function mailOptions(message: OutgoingEmail, from: string) {
  return {
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: `<${message.id}@${messageIdDomain(from)}>`,
    // RFC 3834: automatic mail; out-of-office replies should not answer it. A template's own fields (a
    // campaign update's List-Unsubscribe pair) are added as they are: nodemailer's `list` option would
    // write List-Unsubscribe but not List-Unsubscribe-Post, and RFC 8058 needs both.
    headers: { ...message.headers, "Auto-Submitted": "auto-generated" },
  };
}

/**
 * Pooled SMTP from a URL such as smtps://user:pass@smtp.example.org:465. Settings in the URL's query
 * string (`?maxConnections=2&rateLimit=10`) override the defaults below, so an operator can fit a
 * provider's limits without a code change. The pool re-queues a message by itself only when a reused
 * connection turns out dead before any of the message was written, which cannot duplicate it; every
 * other failure comes back to the worker (send-outcome.ts decides about retrying).
 */
export function createSmtpTransport(smtpUrl: string, options: SmtpTransportOptions): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: options.maxConnections ?? 5,
    // Reconnecting costs a TCP (and TLS) handshake; a connection may carry many messages.
    maxMessages: 1_000,
    // Bounded waits, so a dead server turns into a retryable error instead of a stuck worker.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // We never attach files or fetch URLs into emails: refuse both outright.
    disableFileAccess: true,
    disableUrlAccess: true,
    // nodemailer's own logger would print addresses; it stays off.
    logger: false,
  });
  return {
    async send(message) {
      await transporter.sendMail(mailOptions(message, options.from));
    },
    async close() {
      transporter.close();
    },
  };
}

function fileStamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
}

/**
 * Embedded mode: each email becomes `<folder>/<UTC time>-<id>.eml`. One log line names the file, never
 * the recipient or the content: the file itself is on the developer's disk.
 */
export function createFileTransport(
  folder: string,
  options: { from: string; log?: TransportLog },
): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  const log = options.log ?? ((line: string) => logger.info(line));
  let folderReady: Promise<unknown> | undefined;
  return {
    async send(message) {
      // The copies hold names and links: readable by the app's user only (lib/security/private-files.ts).
      folderReady ??= Promise.resolve().then(() => ensurePrivateFolder(folder));
      await folderReady;
      const info = await transporter.sendMail(mailOptions(message, options.from));
      const file = path.join(folder, `${fileStamp(new Date())}-${message.id}.eml`);
      // "wx": never overwrite; a second write of the same message would be a bug worth an error.
      await fs.writeFile(file, info.message as Buffer, { flag: "wx", mode: PRIVATE_FILE_MODE });
      log(`mail: wrote ${file}`);
    },
    async close() {
      transporter.close();
    },
  };
}
