import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { logger } from "@/lib/platform/log";

// What the embedded mode keeps under DATA_DIR is personal data (the SQLite database and its -wal and
// -shm files, the .eml copies of sent emails) or the keys to it: readable by the app's own user only.
// Folders are 0700 and files 0600, whatever the umask. SQLite creates the -wal and -shm files with the
// database file's mode, so a private database file gives private companions.

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the folder (and its parents) if missing, and makes it 0700 either way, unless it is a folder
 * everyone shares: the system's temporary folder, or any folder with the sticky bit (a database file
 * put straight in /tmp must not turn /tmp private and lock every other user out of it).
 */
export function ensurePrivateFolder(folder: string): void {
  fs.mkdirSync(folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (isSharedFolder(folder)) return;
  tighten(folder, PRIVATE_FOLDER_MODE);
}

function isSharedFolder(folder: string): boolean {
  const resolved = path.resolve(folder);
  if (resolved === path.parse(resolved).root || resolved === path.resolve(os.tmpdir())) return true;
  try {
    return (fs.statSync(resolved).mode & 0o1000) !== 0;
  } catch {
    return false;
  }
}

/**
 * Makes `file` 0600: creates it empty when missing (SQLite opens an empty file as a new database), and
 * tightens one left 0644 by an earlier version or by the migration tool.
 */
export function ensurePrivateFile(file: string, create = true): void {
  if (create) {
    try {
      fs.closeSync(fs.openSync(file, "wx", PRIVATE_FILE_MODE));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  if (fs.existsSync(file)) tighten(file, PRIVATE_FILE_MODE);
}

/**
 * Writes `content` to `file` unless it exists, atomically: a process starting at the same moment sees
 * either no file or the whole of it, never an empty one. False when another process got there first.
 */
export function writePrivateFileOnce(file: string, content: string): boolean {
  const draft = `${file}.${process.pid}.${crypto.randomBytes(4).toString("hex")}.tmp`;
  fs.writeFileSync(draft, content, { flag: "wx", mode: PRIVATE_FILE_MODE });
  try {
    fs.linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  } finally {
    fs.rmSync(draft, { force: true });
  }
}

function tighten(target: string, mode: number): void {
  try {
    if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
  } catch (error) {
    // Not ours to change (another owner, a read-only mount): say so and carry on; the operator decides.
    logger.warn(
      `could not make ${target} private (${(error as NodeJS.ErrnoException).code ?? "error"}); expected mode ${mode.toString(8)}`,
    );
  }
}
