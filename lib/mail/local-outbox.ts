import "server-only";

import fs from "node:fs/promises";
import path from "node:path";
import { type AddressObject, simpleParser } from "mailparser";
import { env } from "@/lib/platform/env";

// The embedded mode's mailbox: .eml files the file transport writes, read back for /dev/outbox.

/** One email as the development outbox shows it. */
export type ReadEmail = {
  subject: string;
  to: string;
  from: string;
  date: string;
  text: string;
  html: string;
};

// "Name <address>", as the message was addressed (mailparser's own text form quotes the name).
const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .flatMap((list) => list.value)
    .map(({ name, address }) => (name ? `${name} <${address ?? ""}>` : (address ?? "")))
    .join(", ");

/** Reads an .eml file's text with mailparser (MIME parts, transfer and header encodings). */
export async function parseEml(raw: string): Promise<ReadEmail> {
  const mail = await simpleParser(raw);
  return {
    subject: mail.subject ?? "",
    to: addresses(mail.to),
    from: addresses(mail.from),
    date: mail.date?.toUTCString() ?? "",
    text: mail.text ?? "",
    html: mail.html || "",
  };
}

export function localOutboxFolder(): string {
  return path.resolve(env.DATA_DIR, "outbox");
}

export type LocalEmailSummary = { file: string; subject: string; to: string; date: string };

// Names the file transport writes: UTC stamp, dash, outbox id. Anything else is ignored (and can't be
// used to read files outside the folder).
const FILE_NAME = /^\d{8}T\d{6}Z-[0-9a-f-]{36}\.eml$/;

export function isLocalEmailFile(name: string): boolean {
  return FILE_NAME.test(name);
}

/** Newest first. An empty list when nothing was written yet. */
export async function listLocalEmails(limit = 200): Promise<LocalEmailSummary[]> {
  let names: string[];
  try {
    names = await fs.readdir(localOutboxFolder());
  } catch {
    return [];
  }
  const newest = names.filter(isLocalEmailFile).sort().reverse().slice(0, limit);
  return Promise.all(
    newest.map(async (file) => {
      const email = await readLocalEmail(file);
      return { file, subject: email?.subject ?? "", to: email?.to ?? "", date: email?.date ?? "" };
    }),
  );
}

export async function readLocalEmail(file: string): Promise<ReadEmail | undefined> {
  if (!isLocalEmailFile(file)) return undefined;
  try {
    return await parseEml(await fs.readFile(path.join(localOutboxFolder(), file), "utf8"));
  } catch {
    return undefined;
  }
}
