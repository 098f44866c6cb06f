import { type ChildProcess, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { SMTPServer } from "smtp-server";
import {
  freePort,
  killGroup,
  LOCALHOST,
  sleep,
  type Spawned,
  spawnKeepingLog,
  waitUntilServing,
} from "@/tests/e2e/support/child-processes";

// Issue #8, "Faults": the production server is SIGKILLed in the middle of a signing load, then started
// again on the same SQLite file, and nothing a supporter was promised is lost or doubled:
//
// - every sign-up that was answered 202 is stored, exactly once;
// - every confirmation email goes out at most once per person, and every one that was still queued at
//   the kill is sent after the restart;
// - an email the killed worker had claimed (`sending`) but not recorded is not silently lost: it stays
//   `sending` until its lease runs out, then the reaper marks it `failed` "interrupted while sending"
//   for staff to send again at /admin/emails (lib/mail/outbox-store.ts, failInterrupted). The lease is 5
//   minutes (OUTBOX_DEFAULTS in lib/mail/outbox-worker.ts), beyond this test, so such rows are counted
//   as interrupted here: sent + interrupted = stored sign-ups, and nobody got two. Claims are two chunks
//   of 10 at most, so a kill leaves at most 20 in doubt.
//
// It runs a second production server of its own (lib/platform/serve.mjs, from the build this config
// made) on a free port, with its own database, data folder and SMTP server, so it shares nothing with
// the app on :3100 the other specs use. Everything stays on 127.0.0.1, and every process it starts is
// killed when it ends, however it ends.

const repoRoot = path.resolve(__dirname, "../..");

/** The worker's lease on a claimed row: OUTBOX_DEFAULTS.sendLeaseMs in lib/mail/outbox-worker.ts. */
const SEND_LEASE_MS = 5 * 60_000;
/** At most this many rows can be claimed at once: PIPELINE_DEPTH × chunkSize in outbox-worker.ts. */
const MOST_IN_FLIGHT = 2 * 10;
/** Sign-up loops running at once: a busy minute after a television mention. */
const CONCURRENT_SIGNERS = 30;
/** The kill comes this long into the load, or a little later: once sends are on the wire... */
const KILL_AFTER_MS = 1_500;
/** ...and the load would have gone on this long. */
const LOAD_MS = 4_000;
/**
 * Before the kill, the mail server answers slowly (this long at MAIL FROM, and again before its 250 for
 * the message), so that the kill always lands while the worker has emails claimed and on the wire, some
 * of them already taken by the server but not yet answered: the case this test is about. After the
 * restart it answers at once.
 */
const SLOW_SMTP_MS = 150;
const DRAIN_TIMEOUT_MS = 30_000;

// ---- the supporters' mail server -----------------------------------------------------------------

type Delivery = { to: string; subject: string; at: number };

/** A real SMTP server (smtp-server) that records every message it accepted, by recipient. */
async function startMailServer() {
  const port = await freePort();
  const deliveries: Delivery[] = [];
  let delayMs = 0;
  let sessionsWaiting = 0;
  /** Answers after delayMs: a slow server, while slowDown() is on. */
  const later = (answer: () => void) => {
    if (delayMs === 0) return answer();
    sessionsWaiting += 1;
    setTimeout(() => {
      sessionsWaiting -= 1;
      answer();
    }, delayMs);
  };
  const server = new SMTPServer({
    name: "fault-sink.test",
    logger: false,
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    disableReverseLookup: true,
    closeTimeout: 200,
    onMailFrom(_address, _session, callback) {
      later(callback);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const subject = /^Subject:\s*(.*)$/im.exec(raw.slice(0, raw.indexOf("\r\n\r\n")))?.[1] ?? "";
        // Counted once the whole message is in, as a real server that queues it before answering 250: if
        // the sender dies before it reads the 250, the message goes out all the same.
        for (const rcpt of session.envelope.rcptTo)
          deliveries.push({ to: rcpt.address.toLowerCase(), subject, at: Date.now() });
        later(() => callback(null));
      });
    },
  });
  // A client that dies mid-session (the kill) is an error on its connection, not the server's.
  server.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, LOCALHOST, () => resolve());
  });
  return {
    url: `smtp://${LOCALHOST}:${port}`,
    deliveries,
    /** Sends the app has started and the server not yet answered, right now. */
    get sessionsWaiting() {
      return sessionsWaiting;
    },
    slowDown(ms: number) {
      delayMs = ms;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// ---- the production server -----------------------------------------------------------------------

function startServer(port: number, env: NodeJS.ProcessEnv, running: Set<ChildProcess>): Spawned {
  // Its own process group (detached), so the kill takes Next.js and anything it started with it.
  return spawnKeepingLog(
    process.execPath,
    [path.join(repoRoot, "lib/platform/serve.mjs"), "-p", String(port), "-H", LOCALHOST],
    { cwd: repoRoot, env },
    running,
  );
}

// ---- the load ------------------------------------------------------------------------------------

type LoadResult = {
  /** Addresses answered 202 "check-email" (or 202 with the body cut off by the kill). */
  accepted: string[];
  /** Addresses whose request got no answer (the kill cut it): stored or not, either is right. */
  unanswered: string[];
  /** Anything else the server answered, which should not happen. */
  unexpected: string[];
};

/** CONCURRENT_SIGNERS loops signing with new addresses until `until`, or until the server is gone. */
async function signingLoad(url: string, apiKey: string, until: number, runId: string): Promise<LoadResult> {
  const result: LoadResult = { accepted: [], unanswered: [], unexpected: [] };
  await Promise.all(
    Array.from({ length: CONCURRENT_SIGNERS }, async (_, loop) => {
      for (let n = 0; Date.now() < until; n++) {
        const email = `fault-${runId}-${loop}-${n}@example.org`;
        let response: Response;
        try {
          response = await fetch(`${url}/api/pledge`, {
            method: "POST",
            headers: { "Content-Type": "application/json", Authorization: `Bearer ${apiKey}` },
            body: JSON.stringify({ name: `Supporter ${loop}-${n}`, email, nation: "england" }),
            signal: AbortSignal.timeout(10_000),
          });
        } catch {
          result.unanswered.push(email);
          return; // the server is gone: this signer stops
        }
        // The status line is the answer: the kill may cut the body off after it.
        const body = (await response.json().catch(() => undefined)) as { status?: string } | undefined;
        if (response.status === 202 && (body === undefined || body.status === "check-email"))
          result.accepted.push(email);
        else result.unexpected.push(`${email}: ${response.status} ${JSON.stringify(body)}`);
      }
    }),
  );
  return result;
}

// ---- the database, read as staff would ------------------------------------------------------------

type OutboxRow = {
  id: string;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  lockedUntil: string | number | null;
  email: string | null;
};

function readDatabase(file: string) {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const signatures = sqlite.prepare(`SELECT lower("email") AS email, "status" FROM "Signature"`).all() as {
      email: string;
      status: string;
    }[];
    const outbox = sqlite
      .prepare(
        `SELECT o."id", o."kind", o."status", o."attempts", o."lastError", o."lockedUntil", lower(s."email") AS email
         FROM "OutboxMessage" o LEFT JOIN "Signature" s ON s."id" = o."refId"`,
      )
      .all() as OutboxRow[];
    return { signatures, outbox };
  } finally {
    sqlite.close();
  }
}

/** How many outbox rows are in each status now (while the server runs: SQLite's WAL lets us read). */
function outboxStatuses(file: string): Map<string, number> {
  try {
    const sqlite = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const rows = sqlite
        .prepare(`SELECT "status", COUNT(*) AS n FROM "OutboxMessage" GROUP BY "status"`)
        .all() as { status: string; n: number }[];
      return new Map(rows.map((row) => [row.status, row.n]));
    } finally {
      sqlite.close();
    }
  } catch {
    return new Map(); // busy for a moment: ask again
  }
}

/** A DateTime column as Prisma's SQLite adapter stores it (epoch milliseconds or ISO text). */
function timeOf(value: string | number | null): number {
  if (value === null) return NaN;
  return typeof value === "number" ? value : new Date(/^\d+$/.test(value) ? Number(value) : value).getTime();
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

// ---- the test ------------------------------------------------------------------------------------

test.describe("The server survives being killed", () => {
  const running = new Set<ChildProcess>();
  let tempDir: string | undefined;
  let mail: Awaited<ReturnType<typeof startMailServer>> | undefined;

  test.afterAll(async () => {
    for (const child of running) killGroup(child);
    running.clear();
    await mail?.close();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  });

  test("killed mid-signing and restarted: every accepted sign-up stored once, every email sent at most once, none silently lost", async () => {
    test.setTimeout(90_000);
    const startedAt = Date.now();

    if (!fs.existsSync(path.join(repoRoot, ".next/BUILD_ID")))
      throw new Error(
        "No production build (.next/BUILD_ID): run `npm run build` first. This test starts the production " +
          "server (lib/platform/serve.mjs) from it.",
      );

    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "count-us-in-fault-"));
    const dbFile = path.join(tempDir, "fault.db");
    const dataDir = path.join(tempDir, "data");
    fs.mkdirSync(dataDir);
    mail = await startMailServer();
    const port = await freePort();
    const url = `http://${LOCALHOST}:${port}`;
    const apiKey = crypto.randomBytes(32).toString("base64url");
    const runId = crypto.randomUUID().slice(0, 8);
    const firstSupporter = `fault-${runId}-first@example.org`;

    // Only what the server needs, not the test runner's environment (which carries the :3100 app's
    // settings and Playwright's own).
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: `file:${dbFile}`,
      DATA_DIR: dataDir,
      SITE_URL: url,
      SMTP_URL: mail.url,
      APP_SECRET: crypto.randomBytes(32).toString("base64url"),
      VOLUNTEER_KEYS: `fault:${crypto.randomBytes(32).toString("base64url")}`,
      TRUSTED_PROXY_HOPS: "1",
      PLEDGE_API_KEYS: `fault:${apiKey}`,
      MAIL_WORKER: "true",
    };

    await test.step("a fresh database, migrated as `npm start` does", () => {
      const migrate = spawnSync("npm", ["run", "--silent", "db:deploy"], {
        cwd: repoRoot,
        env,
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(migrate.status, `db:deploy failed:\n${migrate.stdout}\n${migrate.stderr}`).toBe(0);
    });

    const first = startServer(port, env, running);
    await test.step("the production server starts", async () => {
      await waitUntilServing(url, first, 30_000);
      // Next.js loads a route on its first request, and the first sign-up opens the database and the mail
      // pool: one supporter signs first, so the load below meets a warm server.
      const warmUp = await fetch(`${url}/api/pledge`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${apiKey}` },
        body: JSON.stringify({ name: "First Supporter", email: firstSupporter, nation: "england" }),
      });
      expect(warmUp.status, "the first sign-up is accepted").toBe(202);
      await expect
        .poll(() => mail!.deliveries.length, { message: "the first confirmation email", timeout: 20_000 })
        .toBe(1);
    });

    mail.slowDown(SLOW_SMTP_MS);
    let load!: LoadResult;
    let killedAt = 0;
    await test.step(`${CONCURRENT_SIGNERS} supporters sign at once; the server is SIGKILLed mid-load`, async () => {
      const loadStarted = Date.now();
      const loading = signingLoad(url, apiKey, loadStarted + LOAD_MS, runId);
      await sleep(KILL_AFTER_MS);
      // The kill comes while the worker has sends on the wire and more emails wait behind them (nearly
      // always so by now), and within the load.
      while (Date.now() < loadStarted + LOAD_MS - 200) {
        if (mail!.sessionsWaiting > 0 && (outboxStatuses(dbFile).get("pending") ?? 0) > 0) break;
        await sleep(25);
      }
      killGroup(first.child);
      killedAt = Date.now();
      await first.exited;
      load = await loading;
    });
    load.accepted.push(firstSupporter);
    const answeredBeforeKill = load.accepted.length;
    const deliveredBeforeKill = mail.deliveries.length;
    test.info().annotations.push({
      type: "load",
      description:
        `${answeredBeforeKill} sign-ups answered 202 before the kill, ${load.unanswered.length} cut off; ` +
        `${deliveredBeforeKill} emails delivered before it`,
    });
    expect(load.unexpected, "every answer the server gave was 202 check-email").toEqual([]);
    expect(answeredBeforeKill, "sign-ups were being accepted when the server was killed").toBeGreaterThan(0);
    expect(
      load.unanswered.length,
      "the kill cut requests off: it came in the middle of the load",
    ).toBeGreaterThan(0);

    mail.slowDown(0);
    const second = startServer(port, env, running);
    await test.step("the server starts again on the same database", () =>
      waitUntilServing(url, second, 30_000));

    let database!: ReturnType<typeof readDatabase>;
    await test.step("the outbox drains: nothing left queued, nothing in flight but what the kill interrupted", async () => {
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      for (;;) {
        try {
          database = readDatabase(dbFile);
        } catch (error) {
          if (Date.now() > deadline) throw error;
          await sleep(250); // the database busy for a moment: read again
          continue;
        }
        // Claimed by the killed process: leased until at most 5 minutes after the kill. Anything leased
        // later is the restarted worker's, still in flight.
        const stillMoving = database.outbox.filter(
          (row) =>
            row.status === "pending" ||
            (row.status === "sending" && timeOf(row.lockedUntil) > killedAt + SEND_LEASE_MS),
        );
        if (stillMoving.length === 0) break;
        if (Date.now() > deadline)
          throw new Error(
            `${stillMoving.length} email(s) still queued or in flight ${DRAIN_TIMEOUT_MS} ms after the ` +
              `restart (${JSON.stringify([...countBy(database.outbox, (row) => row.status)])}):\n${second.log()}`,
          );
        await sleep(250);
      }
    });
    // Let the mail server finish recording anything the worker saw answered.
    await sleep(200);

    const { signatures, outbox } = database;
    const stored = countBy(signatures, (signature) => signature.email);
    const deliveredTo = countBy(mail.deliveries, (delivery) => delivery.to);
    const attempted = new Set([...load.accepted, ...load.unanswered]);

    await test.step("every sign-up answered 202 is stored exactly once, and nothing else is", () => {
      const missing = load.accepted.filter((email) => !stored.has(email));
      expect(missing, "sign-ups answered 202 but not stored").toEqual([]);
      const doubled = [...stored].filter(([, count]) => count > 1).map(([email]) => email);
      expect(doubled, "addresses stored more than once").toEqual([]);
      const unknown = [...stored.keys()].filter((email) => !attempted.has(email));
      expect(unknown, "stored sign-ups nobody sent").toEqual([]);
      expect(new Set(signatures.map((signature) => signature.status)), "all pending confirmation").toEqual(
        new Set(["pending"]),
      );
    });

    const sent = outbox.filter((row) => row.status === "sent");
    const interrupted = outbox.filter(
      (row) =>
        row.status === "sending" ||
        (row.status === "failed" && row.lastError === "interrupted while sending"),
    );

    const deliveredAfterRestart = mail!.deliveries.filter((delivery) => delivery.at > killedAt).length;
    test.info().annotations.push({
      type: "outcome",
      description:
        `${stored.size} stored (${load.accepted.length} answered 202), ${sent.length} sent ` +
        `(${deliveredAfterRestart} after the restart), ${interrupted.length} interrupted by the kill ` +
        `(${interrupted.filter((row) => deliveredTo.has(row.email!)).length} of them had reached the mail ` +
        `server, the rest wait for the lease and staff); ` +
        `${Math.round((Date.now() - startedAt) / 100) / 10} s`,
    });

    await test.step("each stored sign-up has one confirmation email, sent or visibly interrupted", () => {
      expect(new Set(outbox.map((row) => row.kind)), "only confirmation emails were queued").toEqual(
        new Set(["pledge-confirm"]),
      );
      const perSignature = countBy(outbox, (row) => row.email ?? `(no signature: ${row.id})`);
      expect(
        [...perSignature].filter(([email, count]) => count !== 1 || !stored.has(email)),
        "confirmation emails per stored sign-up other than one",
      ).toEqual([]);
      expect(perSignature.size, "one confirmation email per stored sign-up").toBe(stored.size);
      const otherwise = outbox.filter((row) => !sent.includes(row) && !interrupted.includes(row));
      expect(
        otherwise.map((row) => `${row.email}: ${row.status} ${row.lastError ?? ""}`),
        "emails neither sent nor interrupted by the kill (failed for another reason, or still queued)",
      ).toEqual([]);
      expect(sent.length + interrupted.length, "sent + interrupted = stored sign-ups").toBe(stored.size);
    });

    await test.step("every confirmation email reaches its supporter once (at most once if interrupted), queued ones after the restart", () => {
      const twice = [...deliveredTo].filter(([, count]) => count > 1).map(([email]) => email);
      expect(twice, "supporters who got the confirmation email more than once").toEqual([]);
      expect(
        [...deliveredTo.keys()].filter((email) => !stored.has(email)),
        "emails to addresses that are not stored",
      ).toEqual([]);
      expect(
        mail!.deliveries.filter(
          (delivery) => delivery.subject !== "Please confirm your Count Us In signature",
        ),
        "only confirmation emails",
      ).toEqual([]);
      const sentButNotReceived = sent.filter((row) => deliveredTo.get(row.email!) !== 1);
      expect(
        sentButNotReceived.map((row) => row.email),
        "recorded as sent, but not received exactly once",
      ).toEqual([]);
      // An interrupted email may have reached the mail server just before the kill (answered, but not yet
      // recorded): at most once, then.
      const interruptedTo = new Set(interrupted.map((row) => row.email));
      const acceptedUnaccountedFor = load.accepted.filter(
        (email) => deliveredTo.get(email) !== 1 && !interruptedTo.has(email),
      );
      expect(
        acceptedUnaccountedFor,
        "sign-ups answered 202 whose email was neither received once nor kept as interrupted",
      ).toEqual([]);
    });

    await test.step("an email the kill interrupted is kept for staff, not silently dropped or resent", () => {
      expect(
        outbox
          .filter((row) => row.attempts !== 1)
          .map((row) => `${row.email}: ${row.status}, ${row.attempts} claims`),
        "emails claimed more than once: resent after the kill, which can mail someone twice",
      ).toEqual([]);
      expect(
        interrupted.length,
        "the kill landed while emails were claimed (the slow mail server)",
      ).toBeGreaterThan(0);
      expect(interrupted.length, "a kill leaves at most two small chunks in doubt").toBeLessThanOrEqual(
        MOST_IN_FLIGHT,
      );
      for (const row of interrupted) {
        // Claimed once, by the killed worker; the restarted one leaves it alone until the lease passes,
        // then the reaper marks it failed, "interrupted while sending" (never resent: it may have gone).
        expect(row.attempts, `${row.email}: claimed once`).toBe(1);
        if (row.status === "sending")
          expect(timeOf(row.lockedUntil), `${row.email}: leased by the killed worker`).toBeLessThanOrEqual(
            killedAt + SEND_LEASE_MS,
          );
      }
    });

    killGroup(second.child);
    await second.exited;
  });
});
