import { Writable } from "node:stream";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readServiceHealth } from "@/lib/admin/service-health";
import { noJobLocks } from "@/lib/platform/advisory-lock";
import { createLogger } from "@/lib/platform/log";
import type { SweepStep } from "@/lib/retention/sweep-runner";
import { runSweepRound } from "@/lib/retention/sweep-round";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import { PROVIDERS } from "@/tests/support/pledge-fixtures";

// One clean-up step breaks (a bad migration, a locked table). The others still do their job, the server
// log says which step failed and how, without quoting any value, and the staff dashboard says so until
// the step works again, on whichever instance ran it.

const HOUR = 60 * 60 * 1000;
const start = new Date("2026-11-25T10:00:00Z");
const later = (hours: number) => new Date(start.getTime() + hours * HOUR);

/** A database error whose message quotes a value, as real ones do. */
function failure(): Error {
  const error = new Error('Unique constraint failed on value "morag@example.scot"');
  error.name = "PrismaClientKnownRequestError";
  return error;
}

function captureLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger(stream, "info"), lines };
}

describe.each(PROVIDERS)("a clean-up step that fails, on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await database.client.jobRun.deleteMany();
  });

  /** Three steps; the middle one fails while `broken` is set. Counts what each step did. */
  function steps(state: { broken: boolean }) {
    const ran = { first: 0, emailRecords: 0, last: 0 };
    const list: SweepStep[] = [
      { name: "unconfirmedSignatures", run: async () => ++ran.first },
      {
        name: "emailRecords",
        run: async () => {
          if (state.broken) throw failure();
          return ++ran.emailRecords;
        },
      },
      { name: "auditEvents", run: async () => ++ran.last, perInstance: true },
    ];
    return { list, ran };
  }

  it("lets the later steps run, logs the error's name only, and shows it on the dashboard", async () => {
    const db = database.client;
    const state = { broken: true };
    const { list, ran } = steps(state);
    const { log, lines } = captureLog();

    const report = await runSweepRound(db, list, noJobLocks, { log, now: () => start });
    expect(ran).toEqual({ first: 1, emailRecords: 0, last: 1 });
    expect(report.failed).toEqual([{ name: "emailRecords", error: "PrismaClientKnownRequestError" }]);

    const logged = lines.join("");
    expect(logged).toContain('"step":"emailRecords"');
    expect(logged).toContain('"errorName":"PrismaClientKnownRequestError"');
    expect(logged).not.toContain("morag");

    const health = await readServiceHealth(db, later(0.5));
    expect(health.jobs.failing).toEqual([
      {
        name: "emailRecords",
        errorName: "PrismaClientKnownRequestError",
        failingSince: start,
        lastOkAt: null,
      },
    ]);
    expect(health.jobs.okCount).toBe(2);
    expect(health.jobs.stale).toBe(false);
    // Nothing a value could hide in: the table holds names, times and the error's name.
    expect(JSON.stringify(await db.jobRun.findMany())).not.toContain("morag");
  });

  it("keeps the time the failures began while they go on, and clears the notice once the step works", async () => {
    const db = database.client;
    const state = { broken: false };
    const { list } = steps(state);
    const { log } = captureLog();

    await runSweepRound(db, list, noJobLocks, { log, now: () => start });
    state.broken = true;
    await runSweepRound(db, list, noJobLocks, { log, now: () => later(1) });
    await runSweepRound(db, list, noJobLocks, { log, now: () => later(2) });
    const failing = (await readServiceHealth(db, later(2))).jobs.failing;
    expect(failing).toEqual([
      {
        name: "emailRecords",
        errorName: "PrismaClientKnownRequestError",
        failingSince: later(1),
        lastOkAt: start,
      },
    ]);

    state.broken = false;
    await runSweepRound(db, list, noJobLocks, { log, now: () => later(3) });
    const health = await readServiceHealth(db, later(3));
    expect(health.jobs.failing).toEqual([]);
    expect(health.jobs.okCount).toBe(3);
    expect(await db.jobRun.findUniqueOrThrow({ where: { name: "emailRecords" } })).toMatchObject({
      lastRunAt: later(3),
      lastOkAt: later(3),
      lastError: null,
      failingSince: null,
    });
  });

  it("says so when no step has run for hours: the schedule itself has stopped", async () => {
    const db = database.client;
    expect((await readServiceHealth(db, start)).jobs).toMatchObject({ stale: false, lastRunAt: null });
    await runSweepRound(db, steps({ broken: false }).list, noJobLocks, {
      log: captureLog().log,
      now: () => start,
    });
    expect((await readServiceHealth(db, later(2))).jobs.stale).toBe(false);
    expect((await readServiceHealth(db, later(4))).jobs).toMatchObject({ stale: true, lastRunAt: start });
  });

  it("a step another instance ran this round is neither recorded nor reported as failed here", async () => {
    const db = database.client;
    const { list, ran } = steps({ broken: true });
    // Another instance holds every shared step's lock; only this instance's own step runs.
    const lockedElsewhere = { runExclusive: async () => ({ ran: false as const }), close: async () => {} };
    const report = await runSweepRound(db, list, lockedElsewhere, {
      log: captureLog().log,
      now: () => start,
    });
    expect(report).toMatchObject({ skipped: ["unconfirmedSignatures", "emailRecords"], failed: [] });
    expect(ran.last).toBe(1);
    expect((await db.jobRun.findMany()).map((row) => row.name)).toEqual(["auditEvents"]);
  });
});
