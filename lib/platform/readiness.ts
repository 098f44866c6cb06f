import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { db, type DbClient } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { providerFromUrl } from "@/prisma/database-target";
import { logger } from "@/lib/platform/log";

// Readiness for a load balancer (GET /api/ready): send this instance traffic only when its database
// answers and carries every migration this build was made with. Liveness (GET /api/health) is separate
// and never touches the database, so a database outage takes instances out of rotation instead of
// getting them restarted.

export type Readiness = { ready: true } | { ready: false; reason: string };

// Below the ~2 s a balancer's probe usually waits: an unreachable or hung database answers "not ready"
// in time instead of timing the probe out (pg's own connection timeout is 5 s, lib/platform/db.ts).
const CHECK_TIMEOUT_MS = 1_500;

const migrationLists = new Map<string, Promise<string[]>>();

/** The migration folders shipped with this build; read once, they cannot change while it runs. */
function expectedMigrations(dir: string): Promise<string[]> {
  let list = migrationLists.get(dir);
  if (!list) {
    list = fs
      .readdir(dir, { withFileTypes: true })
      .then((entries) => entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name));
    // A failed read is tried again at the next probe rather than remembered.
    list.catch(() => migrationLists.delete(dir));
    migrationLists.set(dir, list);
  }
  return list;
}

async function check(client: DbClient, migrationsDir: string): Promise<Readiness> {
  try {
    await client.$queryRaw`SELECT 1`;
  } catch {
    return { ready: false, reason: "database unavailable" };
  }
  let expected: string[];
  try {
    expected = await expectedMigrations(migrationsDir);
  } catch {
    return { ready: false, reason: "migration list unreadable" };
  }
  let applied: Set<string>;
  try {
    const rows = await client.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
    applied = new Set(rows.map((row) => row.migration_name));
  } catch {
    // No _prisma_migrations table: the database was never migrated.
    return { ready: false, reason: "migrations not applied" };
  }
  const missing = expected.filter((name) => !applied.has(name)).length;
  if (missing > 0) return { ready: false, reason: `${missing} migration(s) not applied` };
  return { ready: true };
}

/** Whether `client`'s database answers and has every migration in `migrationsDir`, within `timeoutMs`. */
export async function checkReadiness(
  client: DbClient,
  migrationsDir: string,
  timeoutMs: number = CHECK_TIMEOUT_MS,
): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, reason: "database did not answer in time" }), timeoutMs);
  });
  try {
    return await Promise.race([check(client, migrationsDir), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/** The migrations folder for the database DATABASE_URL names (prisma/sqlite or prisma/postgres). */
export function migrationsDirFor(databaseUrl: string, root: string = process.cwd()): string {
  const folder = providerFromUrl(databaseUrl) === "sqlite" ? "sqlite" : "postgres";
  return path.join(root, "prisma", folder, "migrations");
}

/** The answer to a probe: 200 when ready, else 503 with Retry-After and a reason that names no setting. */
export function readinessResponse(readiness: Readiness): Response {
  const headers = { "Cache-Control": "no-store" };
  if (readiness.ready) return Response.json({ status: "ready" }, { headers });
  return Response.json(
    { status: "not ready", reason: readiness.reason },
    { status: 503, headers: { ...headers, "Retry-After": "5" } },
  );
}

let lastReady: boolean | undefined;

/** This instance's readiness; logs only when it changes, as probes come every few seconds. */
export async function appReadiness(): Promise<Readiness> {
  const readiness = await checkReadiness(db, migrationsDirFor(env.DATABASE_URL));
  if (readiness.ready !== lastReady) {
    if (readiness.ready) logger.info("ready: database reachable, migrations applied");
    else logger.warn({ reason: readiness.reason }, "not ready");
    lastReady = readiness.ready;
  }
  return readiness;
}
