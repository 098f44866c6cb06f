// Outbox throughput, end to end: 10,000 emails enqueued in a fresh SQLite database, delivered by the
// outbox worker to a local SMTP server, timed until the database records every one as sent. Baseline in
// the same run: nodemailer's pooled transport sending the same 10,000 emails straight to the same
// server, with no database. Prints one JSON line. Target: at least 500 messages/s through the outbox.
//
//   npx tsx --conditions=react-server tests/bench/outbox-delivery.ts
//
// (`react-server` lets lib/ modules import `server-only` outside Next.js, as vitest's alias does.)
// Knobs: BENCH_MESSAGES, BENCH_CHUNK_SIZE, BENCH_SMTP_CONNECTIONS, BENCH_DATABASE=postgresql. The
// SMTP server runs in a child process (counting-smtp-sink.ts) so it does not share this event loop.
import { composeEmail } from "@/lib/mail/compose";
import { enqueueEmails } from "@/lib/mail/enqueue";
import { createOutboxWorker, OUTBOX_DEFAULTS } from "@/lib/mail/outbox-worker";
import { createSmtpTransport } from "@/lib/mail/transport";
import type { RenderedEmail } from "@/lib/mail/types";
import { createTestDatabase } from "@/tests/support/databases";
import { startSinkProcess } from "@/tests/bench/counting-smtp-sink-process";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
// Tuning knobs; the defaults are the worker's own.
const CHUNK_SIZE = Number(process.env.BENCH_CHUNK_SIZE ?? OUTBOX_DEFAULTS.chunkSize);
const CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 5);
// sqlite (the brief's figure) or postgresql (a throwaway database on the local server).
const PROVIDER = process.env.BENCH_DATABASE === "postgresql" ? "postgresql" : "sqlite";
const FROM = "Count Us In <no-reply@count-us-in.test>";

function emails(count: number): RenderedEmail[] {
  return Array.from({ length: count }, (_, n) => ({
    to: `supporter-${n}@example.org`,
    subject: "Please confirm your Count Us In signature",
    ...composeEmail({
      greeting: `Dear Supporter ${n},`,
      paragraphs: [
        "Thank you for signing the Count Us In pledge. There is one more step: please confirm your signature so we can count it.",
        "The link works for 7 days. If you did not sign, you do not need to do anything.",
      ],
      action: {
        label: "Confirm my signature",
        url: `https://example.org/pledge/confirm?token=${n.toString(36).padStart(43, "x")}`,
      },
      reason:
        "You are getting this email because someone, hopefully you, signed the Count Us In pledge with this address.",
      links: [
        {
          label: "Withdraw your signature or stop campaign emails",
          url: `https://example.org/pledge/manage?token=${n}`,
        },
      ],
    }),
  }));
}

async function main() {
  const sink = await startSinkProcess();
  const database = await createTestDatabase(PROVIDER);
  const db = database.client;
  const batch = emails(MESSAGES);

  try {
    // Warm-up: JIT, connections, the sink's first sessions. Not measured.
    const warmUp = createSmtpTransport(sink.url, { from: FROM, maxConnections: CONNECTIONS });
    await Promise.all(batch.slice(0, 200).map((email, n) => warmUp.send({ ...email, id: `warm-up-${n}` })));
    await warmUp.close();
    await sink.request({ type: "reset" }, "reset");

    // Baseline: the pooled transport alone (the pool queues everything handed to it).
    const direct = createSmtpTransport(sink.url, { from: FROM, maxConnections: CONNECTIONS });
    const directReached = sink.request({ type: "waitFor", count: MESSAGES }, "reached");
    let started = performance.now();
    await Promise.all(batch.map((email, n) => direct.send({ ...email, id: `direct-${n}` })));
    const directSeconds = (performance.now() - started) / 1000;
    await direct.close();
    const directCheck = await directReached;
    await sink.request({ type: "reset" }, "reset");

    // Enqueue, as domain code would, a thousand per transaction.
    started = performance.now();
    for (let index = 0; index < batch.length; index += 1_000) {
      const slice = batch.slice(index, index + 1_000);
      // Rows hold only a number; the worker's renderer below turns it back into the email.
      await db.$transaction((tx) =>
        enqueueEmails(
          tx,
          slice.map((_, n) => ({ kind: "bench", refId: null, params: { n: index + n } })),
        ),
      );
    }
    const enqueueSeconds = (performance.now() - started) / 1000;

    // Through the outbox: worker start until the database says every message is sent.
    const logs: string[] = [];
    const worker = createOutboxWorker({
      db,
      transport: { smtpUrl: sink.url, from: FROM, maxConnections: CONNECTIONS },
      render: async (row) => ({
        status: "ready",
        email: batch[(JSON.parse(row.params ?? "{}") as { n: number }).n]!,
      }),
      chunkSize: CHUNK_SIZE,
      log: (line) => logs.push(line),
    });
    const outboxReached = sink.request({ type: "waitFor", count: MESSAGES }, "reached");
    started = performance.now();
    worker.start();
    for (;;) {
      if ((await db.outboxMessage.count({ where: { status: "sent" } })) === MESSAGES) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const outboxSeconds = (performance.now() - started) / 1000;
    await worker.stop();
    const outboxCheck = await outboxReached;

    const outboxRate = MESSAGES / outboxSeconds;
    const directRate = MESSAGES / directSeconds;
    console.log(
      JSON.stringify({
        benchmark: "outbox-delivery",
        database: PROVIDER,
        messages: MESSAGES,
        outbox_msgs_per_s: Math.round(outboxRate),
        direct_pooled_msgs_per_s: Math.round(directRate),
        outbox_vs_direct: Number((outboxRate / directRate).toFixed(2)),
        enqueue_msgs_per_s: Math.round(MESSAGES / enqueueSeconds),
        delivered_exactly_once:
          outboxCheck.count === MESSAGES &&
          outboxCheck.unique === MESSAGES &&
          directCheck.unique === MESSAGES,
        target_met: outboxRate >= 500,
        settings: { chunkSize: CHUNK_SIZE, smtpConnections: CONNECTIONS },
        worker_log_lines: logs.length,
      }),
    );
  } finally {
    await database.drop();
    sink.child.send({ type: "close" });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
