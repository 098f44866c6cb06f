import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDbClient, type DbClient } from "@/lib/platform/db";
import { enqueueEmail } from "@/lib/mail/enqueue";
import {
  createWakeSender,
  listenForOutboxWakes,
  OUTBOX_WAKE_STATEMENT,
  type OutboxWakeListener,
} from "@/lib/mail/outbox-wake";
import { createOutboxWorker, type OutboxWorker } from "@/lib/mail/outbox-worker";
import type { MailTransport } from "@/lib/mail/transport";
import { type JobLocks, noJobLocks, openJobLocks } from "@/lib/platform/advisory-lock";
import { runSweep, type SweepStep } from "@/lib/retention/sweep-runner";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";

// Several instances on one PostgreSQL database: an email enqueued on one is sent at once by a worker on
// another (LISTEN/NOTIFY), and a sweep every instance schedules runs on one of them at a time (advisory
// locks). Each "instance" has its own Prisma client, and its own pg connections, as a process would.

const WORKER_POLL_MS = 60_000; // so only a notification can explain a prompt send

function recordingTransport() {
  const sent: string[] = [];
  const transport: MailTransport = {
    send: async (message) => void sent.push(message.id),
    close: async () => undefined,
  };
  return { sent, transport };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(20);
  }
}

describe("instances on one PostgreSQL database", () => {
  let database: TestDatabase;
  let otherInstance: DbClient;
  const cleanups: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    otherInstance = createDbClient(database.url);
  });
  // Each test's workers and listeners stop with it, so no earlier worker claims a later test's email.
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  afterAll(async () => {
    await otherInstance?.$disconnect();
    await database?.drop();
  });

  function workerOn(
    db: DbClient,
    transport: MailTransport,
  ): { worker: OutboxWorker; wakes: OutboxWakeListener } {
    const worker = createOutboxWorker({
      db,
      transport,
      render: async () => ({
        status: "ready",
        email: { to: "someone@example.org", subject: "Hello", text: "Hello", html: "<p>Hello</p>" },
      }),
      pollIntervalMs: WORKER_POLL_MS,
      log: () => undefined,
    });
    const wakes = listenForOutboxWakes({
      connectionString: database.url,
      onWake: worker.notify,
      log: () => undefined,
    });
    cleanups.push(
      () => wakes.stop(),
      () => worker.stop(),
    );
    return { worker, wakes };
  }

  it("an email enqueued on one instance is sent by the worker on another, woken by NOTIFY", async () => {
    const { sent, transport } = recordingTransport();
    const { worker, wakes } = workerOn(otherInstance, transport);
    worker.start(); // finds nothing, then sleeps for a whole poll interval
    await wakes.ready;
    // Long enough for its first, empty look even on a machine busy with the rest of the suite (at 200 ms
    // a slow first look found the email below, and the test took that for a wake-up that never came).
    await sleep(1_500);

    // The instance that signs runs no worker: it enqueues, commits, and notifies.
    const notifyOthers = createWakeSender(() => database.client.$executeRawUnsafe(OUTBOX_WAKE_STATEMENT));
    const id = await database.client.$transaction((tx) =>
      enqueueEmail(tx, { kind: "test", refId: null, params: {} }),
    );
    await sleep(300);
    expect(sent).toEqual([]); // the worker is asleep: committing alone wakes nobody on another instance
    notifyOthers();

    await eventually(() => sent.length > 0, 5_000); // far inside the 60 s poll
    expect(sent).toEqual([`${id}`]);
  });

  it("each email is sent once when every instance's worker is woken for it", async () => {
    const { sent, transport } = recordingTransport();
    const workers = [workerOn(database.client, transport), workerOn(otherInstance, transport)];
    for (const { worker } of workers) worker.start();
    await Promise.all(workers.map(({ wakes }) => wakes.ready));

    const notifyOthers = createWakeSender(() => otherInstance.$executeRawUnsafe(OUTBOX_WAKE_STATEMENT));
    await otherInstance.$transaction((tx) =>
      Promise.all(
        Array.from({ length: 30 }, () => enqueueEmail(tx, { kind: "test", refId: null, params: {} })),
      ),
    );
    notifyOthers();

    await eventually(() => sent.length >= 30, 5_000);
    await sleep(300); // room for a duplicate to show up
    expect(sent).toHaveLength(30);
    expect(new Set(sent).size).toBe(30);
  });

  it("a listener whose connection is cut reconnects and wakes its worker again", async () => {
    const wakesSeen: number[] = [];
    const listener = listenForOutboxWakes({
      connectionString: database.url,
      onWake: () => void wakesSeen.push(Date.now()),
      log: () => undefined,
    });
    cleanups.push(() => listener.stop());
    await listener.ready;

    // What a database restart or a dropped network does to the listening session.
    await database.client.$executeRawUnsafe(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN count_us_in_outbox' AND pid <> pg_backend_pid()",
    );
    await eventually(() => wakesSeen.length >= 1, 5_000); // the reconnect itself wakes (wakes may have been missed)
    const before = wakesSeen.length;
    await database.client.$executeRawUnsafe(OUTBOX_WAKE_STATEMENT);
    await eventually(() => wakesSeen.length > before, 5_000);
  });

  it("two schedulers running the same sweep step at once: it runs once, and the other steps still run", async () => {
    const locks: JobLocks[] = [await openJobLocks(database.url), await openJobLocks(database.url)];
    cleanups.push(...locks.map((lock) => () => lock.close()));
    const runs: string[] = [];
    const inside = gate();
    const release = gate();
    const steps: SweepStep[] = [
      {
        name: "slowShared",
        run: async () => {
          runs.push("slowShared");
          inside.open();
          await release.opened;
          return 1;
        },
      },
      {
        name: "failing",
        run: async () => {
          runs.push("failing");
          throw new TypeError("boom");
        },
      },
      { name: "afterTheFailure", run: async () => (runs.push("afterTheFailure"), 2) },
    ];

    const first = runSweep(steps, locks[0]!);
    await inside.opened; // the first scheduler holds slowShared's lock
    const second = await runSweep(steps, locks[1]!);
    release.open();
    const firstReport = await first;

    expect(runs.filter((step) => step === "slowShared")).toHaveLength(1);
    expect(second.skipped).toEqual(["slowShared"]);
    expect(firstReport.done).toEqual({ slowShared: 1, afterTheFailure: 2 });
    expect(firstReport.failed).toEqual([{ name: "failing", error: "TypeError" }]);
    expect(second.done).toEqual({ afterTheFailure: 2 });

    // Released after the round: the next round, on either instance, runs it again.
    const next = await runSweep(steps.slice(2), locks[1]!);
    expect(next.done).toEqual({ afterTheFailure: 2 });
    const again = await runSweep([{ name: "slowShared", run: async () => 3 }], locks[1]!);
    expect(again.done).toEqual({ slowShared: 3 });
  });

  it("per-instance steps run on every instance, lock or no lock", async () => {
    const holder = await openJobLocks(database.url);
    const other = await openJobLocks(database.url);
    cleanups.push(
      () => holder.close(),
      () => other.close(),
    );
    const release = gate();
    const held = holder.runExclusive("retention:ownFiles", () => release.opened);
    const report = await runSweep([{ name: "ownFiles", run: async () => 4, perInstance: true }], other);
    release.open();
    await held;
    expect(report.done).toEqual({ ownFiles: 4 });
  });
});

describe("one instance on SQLite", () => {
  it("runs every sweep step without locks, one failing step never stopping the others", async () => {
    const report = await runSweep(
      [
        { name: "a", run: async () => 1 },
        { name: "b", run: () => Promise.reject(new RangeError("no")) },
        { name: "c", run: async () => 3 },
      ],
      noJobLocks,
    );
    expect(report).toEqual({
      done: { a: 1, c: 3 },
      skipped: [],
      failed: [{ name: "b", error: "RangeError" }],
    });
  });
});
