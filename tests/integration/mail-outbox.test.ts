import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDbClient, type DbClient } from "@/lib/platform/db";
import { enqueueEmail, enqueueEmails } from "@/lib/mail/enqueue";
import { createOutboxStore } from "@/lib/mail/outbox-store";
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from "@/lib/mail/outbox-worker";
import { createTemplateRenderer, type Renderer } from "@/lib/mail/templates";
import { createSmtpTransport, type MailTransport } from "@/lib/mail/transport";
import type { QueuedEmail } from "@/lib/mail/types";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import { type SmtpSink, type SmtpSinkOptions, startSmtpSink } from "@/tests/support/smtp-sink";

// The outbox end to end: real database (SQLite and PostgreSQL), real SMTP (tests/support/smtp-sink.ts).
// Domain code enqueues inside its transaction; the worker delivers each message at most once, retrying
// only sends that definitely failed. Rows hold no personal data: a "test" template renders message n
// from its parameters here; every other kind goes through the app's real templates.

const FROM = "Count Us In <no-reply@count-us-in.test>";
// Short waits so outages of a second or two play out quickly.
const FAST = { pollIntervalMs: 100, backoff: { baseMs: 150, maxMs: 1_000 }, reapIntervalMs: 200 } as const;

function email(n: number, extra: { refused?: boolean } = {}): QueuedEmail {
  return { kind: "test", refId: null, params: { n, ...extra } };
}

/** Message n, as a template would render it at send time. */
function renderTest(params: string | null) {
  const { n, refused } = JSON.parse(params ?? "{}") as { n: number; refused?: boolean };
  return {
    status: "ready" as const,
    email: {
      to: refused ? `nobody-${n}@example.org` : `supporter-${n}@example.org`,
      subject: `Message ${n}`,
      text: `Hello number ${n}.\n\nLink: https://example.org/confirm?n=${n}`,
      html: `<p>Hello number <strong>${n}</strong>.</p>`,
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await check();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(50);
  }
}

describe.each(["sqlite", "postgresql"] as const)("the email outbox on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const cleanups: Array<() => Promise<unknown>> = [];
  const logs: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    // Nothing personal reaches the log, whatever happened in the test.
    expect(logs.join("\n")).not.toMatch(/@example\.org|Hello number|Message \d/);
    logs.length = 0;
    await db.outboxMessage.deleteMany();
  });

  // Any kind but "test" is rendered by the app's templates, with keys of this test's own.
  const render: Renderer = async (row) => {
    if (row.kind === "test") return renderTest(row.params);
    return createTemplateRenderer({
      db,
      secret: crypto.randomBytes(32),
      ring: { currentKeyId: "k1", keys: new Map([["k1", crypto.randomBytes(32)]]) },
      siteUrl: "https://count-us-in.example",
      teamEmail: "team@example.org",
    })(row);
  };

  async function sink(options?: SmtpSinkOptions): Promise<SmtpSink> {
    const started = await startSmtpSink(options);
    cleanups.push(() => started.close());
    return started;
  }

  function worker(smtp: SmtpSink, options: Partial<OutboxWorkerOptions> = {}): OutboxWorker {
    const created = createOutboxWorker({
      db,
      transport: { smtpUrl: smtp.url, from: FROM },
      render,
      log: (line) => logs.push(line),
      ...FAST,
      ...options,
    });
    cleanups.push(() => created.stop());
    created.start();
    return created;
  }

  const rows = () => db.outboxMessage.findMany({ orderBy: { id: "asc" } });

  function expectEachOnce(smtp: SmtpSink, count: number) {
    const ids = smtp.messages.map((message) => message.messageId);
    expect(smtp.acceptedCount).toBe(count);
    expect(new Set(ids).size).toBe(count);
  }

  it("delivers an enqueued email once, with its text and HTML", async () => {
    const smtp = await sink();
    const id = await db.$transaction((tx) => enqueueEmail(tx, email(1)));
    const started = Date.now();
    worker(smtp).notify();

    const [received] = await smtp.waitForMessages(1);
    const elapsed = Date.now() - started;
    expect(received!.parsed?.subject).toBe("Message 1");
    expect(received!.parsed?.text?.trimEnd()).toBe(
      "Hello number 1.\n\nLink: https://example.org/confirm?n=1",
    );
    expect(received!.parsed?.html).toBe("<p>Hello number <strong>1</strong>.</p>");
    expect(received!.envelopeTo).toEqual(["supporter-1@example.org"]);
    expect(received!.envelopeFrom).toBe("no-reply@count-us-in.test");
    expect(received!.messageId).toBe(`<${id}@count-us-in.test>`);
    // notify() wakes the worker: no waiting for a poll.
    expect(elapsed).toBeLessThan(2_000);

    const row = await eventually(async () => {
      const found = await db.outboxMessage.findUniqueOrThrow({ where: { id } });
      return found.status === "sent" ? found : undefined;
    });
    // Sent: the parameters are blanked, the row keeps only which email it was, and when.
    expect(row).toMatchObject({ attempts: 1, lockedUntil: null, lastError: null, params: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    await sleep(300);
    expectEachOnce(smtp, 1);
  });

  it("sends nothing for an email enqueued in a transaction that rolled back", async () => {
    const smtp = await sink();
    await expect(
      db.$transaction(async (tx) => {
        await enqueueEmail(tx, email(1));
        throw new Error("the signature could not be saved");
      }),
    ).rejects.toThrow("the signature could not be saved");
    await db.$transaction((tx) => enqueueEmail(tx, email(2)));
    worker(smtp).notify();

    await smtp.waitForMessage((message) => message.parsed?.subject === "Message 2");
    await sleep(300);
    expect(smtp.messages.map((message) => message.parsed?.subject)).toEqual(["Message 2"]);
    expect(await db.outboxMessage.count()).toBe(1);
  });

  it("delivers every message exactly once when the SMTP server refuses connections for a while", async () => {
    const smtp = await sink({ startRefusing: true });
    await db.$transaction((tx) =>
      enqueueEmails(
        tx,
        Array.from({ length: 50 }, (_, n) => email(n)),
      ),
    );
    worker(smtp).notify();
    await sleep(2_000);
    expect(smtp.acceptedCount).toBe(0);
    expect(await db.outboxMessage.count({ where: { attempts: { gt: 0 } } })).toBe(50);
    expect(await db.outboxMessage.count({ where: { status: { in: ["sent", "failed"] } } })).toBe(0);
    await smtp.acceptConnections();

    await smtp.waitForMessages(50, 15_000);
    const settled = await eventually(async () => {
      const all = await rows();
      return all.every((row) => row.status === "sent") ? all : undefined;
    });
    expect(settled.every((row) => row.attempts > 1)).toBe(true);
    await sleep(500);
    expectEachOnce(smtp, 50);
    expect(
      logs.some((line) => /not sent, will retry \(could not connect \(ECONNREFUSED\)\)/.test(line)),
    ).toBe(true);
  });

  it("delivers every message exactly once when the server answers 4xx for a while", async () => {
    const smtp = await sink();
    // 451 after the whole message: the server had it and said "not now". That is a definite failure.
    smtp.tempFailFor("data", 1_500);
    await db.$transaction((tx) =>
      enqueueEmails(
        tx,
        Array.from({ length: 30 }, (_, n) => email(n)),
      ),
    );
    worker(smtp).notify();

    await smtp.waitForMessages(30, 15_000);
    await eventually(async () =>
      (await db.outboxMessage.count({ where: { status: "sent" } })) === 30 ? true : undefined,
    );
    await sleep(500);
    expectEachOnce(smtp, 30);
    expect(logs.some((line) => line.includes("SMTP 451 after DATA"))).toBe(true);
  });

  it("delivers each message exactly once with two workers on one database", async () => {
    const smtp = await sink();
    // Two app instances: each its own database client and its own SMTP pool.
    const secondClient = createDbClient(database.url);
    cleanups.push(() => secondClient.$disconnect());
    await db.$transaction((tx) =>
      enqueueEmails(
        tx,
        Array.from({ length: 300 }, (_, n) => email(n)),
      ),
    );
    const sentBy = [0, 0];
    const counted = (index: number): MailTransport => {
      const smtpTransport = createSmtpTransport(smtp.url, { from: FROM });
      cleanups.push(() => smtpTransport.close());
      return {
        send: (message) => smtpTransport.send(message).then(() => void (sentBy[index]! += 1)),
        close: smtpTransport.close,
      };
    };
    const options = { chunkSize: 10 };
    worker(smtp, { ...options, transport: counted(0) }).notify();
    worker(smtp, { ...options, transport: counted(1), db: secondClient }).notify();

    await smtp.waitForMessages(300, 20_000);
    await eventually(async () =>
      (await db.outboxMessage.count({ where: { status: "sent" } })) === 300 ? true : undefined,
    );
    await sleep(500);
    expectEachOnce(smtp, 300);
    expect((await rows()).every((row) => row.attempts === 1)).toBe(true);
    console.info(`two workers on ${provider}: ${sentBy.join(" + ")} messages`);
    expect(sentBy[0]! + sentBy[1]!).toBe(300);
  });

  it("never lets two claimers take the same message, however they race", async () => {
    await db.$transaction((tx) =>
      enqueueEmails(
        tx,
        Array.from({ length: 100 }, (_, n) => email(n)),
      ),
    );
    const clients = [db, createDbClient(database.url), createDbClient(database.url)];
    cleanups.push(() => Promise.all(clients.slice(1).map((client) => client.$disconnect())));
    // Open every connection first, so the claims below really run at the same time.
    await Promise.all(
      clients.flatMap((client) => Array.from({ length: 4 }, () => client.outboxMessage.count())),
    );
    const lease = new Date(Date.now() + 60_000);
    // Twelve claims at once, each going for all 100 rows.
    const claims = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        createOutboxStore(clients[n % clients.length]!).claim(new Date(), 100, lease),
      ),
    );
    const all = claims.flatMap((claim) => claim.emails.map((claimed) => claimed.id));
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(100);
  });

  it("marks a message a crashed worker left 'sending' as failed, and does not resend it", async () => {
    const smtp = await sink();
    const stranded = await db.outboxMessage.create({
      data: {
        kind: "test",
        params: JSON.stringify({ n: 1 }),
        status: "sending",
        attempts: 1,
        lockedUntil: new Date(Date.now() - 1_000),
      },
    });
    worker(smtp).notify();

    const row = await eventually(async () => {
      const found = await db.outboxMessage.findUniqueOrThrow({ where: { id: stranded.id } });
      return found.status === "failed" ? found : undefined;
    });
    expect(row.lastError).toBe("interrupted while sending");
    expect(row.params).toBeNull();
    await sleep(300);
    expect(smtp.acceptedCount).toBe(0);
  });

  it("fails a message the server refuses for good, recording why without the address", async () => {
    const smtp = await sink({ rejectRecipient: (address) => address.startsWith("nobody") });
    await db.$transaction((tx) => enqueueEmails(tx, [email(1, { refused: true }), email(2)]));
    worker(smtp).notify();

    const refused = await eventually(
      async () => (await db.outboxMessage.findFirst({ where: { status: "failed" } })) ?? undefined,
    );
    expect(refused.attempts).toBe(1);
    expect(refused.params).toBeNull();
    expect(refused.lastError).toBe("rejected: SMTP 550 after RCPT TO");
    await smtp.waitForMessage((message) => message.parsed?.subject === "Message 2");
  });

  it("gives up after the last attempt", async () => {
    const smtp = await sink({ startRefusing: true });
    await db.$transaction((tx) => enqueueEmail(tx, email(1)));
    worker(smtp, { maxAttempts: 3, backoff: { baseMs: 50, maxMs: 100 } }).notify();

    const row = await eventually(
      async () => (await db.outboxMessage.findFirst({ where: { status: "failed" } })) ?? undefined,
    );
    expect(row.attempts).toBe(3);
    expect(row.lastError).toBe("gave up after 3 attempts: could not connect (ECONNREFUSED)");
  });

  it("stops cleanly: sends in flight finish and their answers are recorded", async () => {
    const smtp = await sink();
    await db.$transaction((tx) =>
      enqueueEmails(
        tx,
        Array.from({ length: 400 }, (_, n) => email(n)),
      ),
    );
    const first = worker(smtp, { chunkSize: 20 });
    first.notify();
    await smtp.waitForMessages(1);
    await first.stop();

    const all = await rows();
    const sent = all.filter((row) => row.status === "sent");
    expect(all.filter((row) => row.status === "sending")).toEqual([]);
    expect(sent.length).toBeLessThan(400);
    // Untouched: a new worker can take them at once.
    expect(all.filter((row) => row.status === "pending").every((row) => row.attempts === 0)).toBe(true);
    await sleep(200);
    expect(smtp.acceptedCount).toBe(sent.length);

    worker(smtp).notify();
    await smtp.waitForMessages(400, 15_000);
    await sleep(300);
    expectEachOnce(smtp, 400);
  });

  it("fails a row no template can render, without crashing, and keeps sending the rest", async () => {
    const smtp = await sink();
    await db.$transaction((tx) =>
      enqueueEmails(tx, [
        { kind: "no-such-email", refId: crypto.randomUUID(), params: { issuedAt: "2026-12-01" } },
        { kind: "pledge-confirm", refId: crypto.randomUUID() }, // no issuedAt: no link can be built
        email(3),
      ]),
    );
    worker(smtp).notify();

    await smtp.waitForMessage((message) => message.parsed?.subject === "Message 3");
    const failed = await eventually(async () => {
      const found = await db.outboxMessage.findMany({
        where: { status: "failed" },
        orderBy: { kind: "asc" },
      });
      return found.length === 2 ? found : undefined;
    });
    expect(failed.map((row) => [row.kind, row.lastError, row.params])).toEqual([
      ["no-such-email", 'not sent: no template for kind "no-such-email"', null],
      ["pledge-confirm", "not sent: pledge-confirm without issuedAt", null],
    ]);
    expect(failed.every((row) => row.attempts === 1)).toBe(true);
    await sleep(300);
    expectEachOnce(smtp, 1);
  });

  it("cancels, without sending, an email whose person no longer exists", async () => {
    const smtp = await sink();
    // Queued for a signature and a volunteer that were withdrawn before the worker got to them.
    await db.$transaction((tx) =>
      enqueueEmails(tx, [
        {
          kind: "pledge-confirm",
          refId: crypto.randomUUID(),
          params: { issuedAt: new Date().toISOString() },
        },
        { kind: "volunteer-welcome", refId: crypto.randomUUID() },
        email(3),
      ]),
    );
    worker(smtp).notify();

    await smtp.waitForMessage((message) => message.parsed?.subject === "Message 3");
    const cancelled = await eventually(async () => {
      const found = await db.outboxMessage.findMany({ where: { status: "cancelled" } });
      return found.length === 2 ? found : undefined;
    });
    for (const row of cancelled) expect(row).toMatchObject({ refId: null, params: null, lastError: null });
    await sleep(300);
    expectEachOnce(smtp, 1);
  });
});
