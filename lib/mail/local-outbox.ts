import "server-only";

import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";
import { type ReadEmail, readEml } from "@/lib/mail/read-eml";

// The embedded mode's mailbox: .eml files the file transport writes, read back for /dev/outbox.

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
    return readEml(await fs.readFile(path.join(localOutboxFolder(), file), "utf8"));
  } catch {
    return undefined;
  }
}
