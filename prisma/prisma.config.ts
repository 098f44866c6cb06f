import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";
import { ensureSqliteDirectory, resolveDatabaseTarget, sqliteFilePath } from "./database-target";
import { selectSchemaEngine } from "./engine/select-schema-engine";

// Read by every Prisma CLI command (`--config prisma/prisma.config.ts`, see the db:* scripts). One set of
// models, one folder per provider: the provider comes from DATABASE_PROVIDER or DATABASE_URL's scheme.
// Paths are built from this file's folder, so the working directory does not matter.

const here = path.dirname(fileURLToPath(import.meta.url));

// Set here, not in the scripts, so a bare `npx prisma ... --config prisma/prisma.config.ts` works offline too.
selectSchemaEngine();

const { provider, url } = resolveDatabaseTarget();
const folder = provider === "sqlite" ? "sqlite" : "postgres";

// `migrate deploy` on a fresh clone must create data/count-us-in.db. Our engine creates missing folders
// itself; doing it here as well keeps that true with Prisma's native engine, whatever its version does.
if (url && provider === "sqlite") ensureSqliteDirectory(sqliteFilePath(url));

export default defineConfig({
  schema: path.join(here, folder),
  migrations: { path: path.join(here, folder, "migrations") },
  // Empty only for DATABASE_PROVIDER=postgresql without DATABASE_URL: `generate` still works; migrate
  // commands fail with a message asking for DATABASE_URL (our engine needs a database even for diffs).
  datasource: url ? { url } : {},
});
