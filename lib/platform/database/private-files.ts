import path from "node:path";
import { ensurePrivateFile, ensurePrivateFolder } from "@/lib/security/private-files";

// SQLite creates its -wal and -shm files (and a rollback -journal) with the database file's own mode, so
// a database file created 0600 in a 0700 folder, before SQLite first opens it, keeps every companion
// private too. Files an older version (or the migration tool) left 0644 are tightened on the way.
const COMPANIONS = ["-wal", "-shm", "-journal"];

export function makeSqliteFilesPrivate(file: string): void {
  ensurePrivateFolder(path.dirname(file));
  ensurePrivateFile(file);
  for (const suffix of COMPANIONS) ensurePrivateFile(`${file}${suffix}`, false);
}
