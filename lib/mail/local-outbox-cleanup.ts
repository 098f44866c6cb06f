import "server-only";

import fs from "node:fs/promises";
import path from "node:path";
import { isLocalEmailFile, localOutboxFolder } from "@/lib/mail/local-outbox";

// The embedded mode's .eml files are copies of sent emails, names and links included, so they follow the
// outbox rows: deleted after SENT_EMAIL_RETENTION_DAYS, and at once when the person is erased or withdraws.
// File names are `<UTC stamp>-<outbox id>.eml` (transport.ts): the stamp gives the age, the id the owner.

async function ourFiles(folder: string): Promise<string[]> {
  try {
    return (await fs.readdir(folder)).filter(isLocalEmailFile);
  } catch {
    return []; // no folder: nothing was ever written (or SMTP mode)
  }
}

const outboxIdOf = (file: string) => file.slice("YYYYMMDDTHHMMSSZ-".length, -".eml".length);

function writtenAt(file: string): Date {
  const stamp = file.slice(0, 16); // 20261201T091142Z
  return new Date(
    `${stamp.slice(0, 4)}-${stamp.slice(4, 6)}-${stamp.slice(6, 8)}T${stamp.slice(9, 11)}:${stamp.slice(11, 13)}:${stamp.slice(13, 15)}Z`,
  );
}

async function remove(folder: string, files: string[]): Promise<number> {
  await Promise.all(files.map((file) => fs.rm(path.join(folder, file), { force: true })));
  return files.length;
}

/** Deletes the .eml files of these outbox messages. Returns how many were deleted. */
export async function deleteLocalEmailsOf(
  outboxIds: readonly string[],
  folder: string = localOutboxFolder(),
): Promise<number> {
  if (outboxIds.length === 0) return 0;
  const ids = new Set(outboxIds);
  return remove(
    folder,
    (await ourFiles(folder)).filter((file) => ids.has(outboxIdOf(file))),
  );
}

/** Deletes the .eml files written before `cutoff`. Returns how many were deleted. */
export async function deleteLocalEmailsBefore(
  cutoff: Date,
  folder: string = localOutboxFolder(),
): Promise<number> {
  return remove(
    folder,
    (await ourFiles(folder)).filter((file) => writtenAt(file) < cutoff),
  );
}
