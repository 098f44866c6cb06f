// A campaign update to 10,000 signers, beside the outbox's own rate, in the same run against the same
// counting SMTP server (counting-smtp-sink.ts, in its own process):
//   - baseline: 10,000 ready-made emails through the outbox worker (as outbox-delivery.ts measures it);
//   - the update: 10,000 confirmed signers seeded, the update queued by lib/updates (one transaction),
//     then every row made due at once and sent by the same worker, each rendered from its signature
//     (two reads, Markdown cached, the List-Unsubscribe pair) as in production.
// The update's own rate limit is taken out (all rows due now) to measure how fast it can go; the rate staff
// set only ever slows it. Prints one JSON line.
//
//   npx tsx --conditions=react-server tests/bench/campaign-update.ts
//
// Knobs: BENCH_MESSAGES (10,000), BENCH_DATABASE=postgresql.
import crypto from "node:crypto";
import { composeEmail } from "@/lib/mail/compose";
import { enqueueEmails } from "@/lib/mail/enqueue";
import { createOutboxWorker } from "@/lib/mail/outbox-worker";
import { createTemplateRenderer, type Renderer } from "@/lib/mail/templates";
import type { RenderedEmail } from "@/lib/mail/types";
import type { DbClient } from "@/lib/platform/db";
import { createCampaignUpdates } from "@/lib/updates/updates";
import { createTestDatabase } from "@/tests/support/databases";
import { startSinkProcess } from "@/tests/bench/counting-smtp-sink-process";

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 10_000);
const PROVIDER = process.env.BENCH_DATABASE === "postgresql" ? "postgresql" : "sqlite";
const FROM = "Count Us In <no-reply@count-us-in.test>";
const SITE = "https://count-us-in.example";

function readyMadeEmails(count: number): RenderedEmail[] {
  return Array.from({ length: count }, (_, n) => ({
    to: `supporter-${n}@example.org`,
    subject: "News from the campaign",
    ...composeEmail({
      greeting: `Dear Supporter ${n},`,
      paragraphs: ["We met the minister this week. Thank you for making it possible."],
      reason: "You signed the Count Us In pledge and asked for emails about the campaign.",
      links: [{ label: "Stop campaign emails", url: `https://example.org/pledge/manage/${n}` }],
    }),
  }));
}

async function seedSigners(db: DbClient, count: number) {
  const at = new Date();
  for (let start = 0; start < count; start += 1_000)
    await db.signature.createMany({
      data: Array.from({ length: Math.min(1_000, count - start) }, (_, index) => {
        const email = `signer-${start + index}@example.org`;
        return {
          name: `Signer ${start + index}`,
          email,
          emailKey: email,
          nation: "scotland",
          country: "GB",
          status: "confirmed",
          campaignEmails: true,
          consentVersion: "bench",
          consentAt: at,
          clientHash: "bench",
        };
      }),
    });
}

/** Starts the worker and times it until `sent` rows reach `count`. */
async function drain(db: DbClient, smtpUrl: string, render: Renderer, count: number): Promise<number> {
  const worker = createOutboxWorker({ db, transport: { smtpUrl, from: FROM }, render, log: () => {} });
  const started = performance.now();
  worker.start();
  for (;;) {
    if ((await db.outboxMessage.count({ where: { status: "sent" } })) >= count) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  await worker.stop();
  return seconds;
}

async function main() {
  const sink = await startSinkProcess();
  const database = await createTestDatabase(PROVIDER);
  const db = database.client;
  try {
    // Baseline: the outbox with emails that need no database read to render.
    const batch = readyMadeEmails(MESSAGES);
    for (let index = 0; index < MESSAGES; index += 1_000)
      await db.$transaction((tx) =>
        enqueueEmails(
          tx,
          batch
            .slice(index, index + 1_000)
            .map((_, n) => ({ kind: "bench", refId: null, params: { n: index + n } })),
        ),
      );
    let reached = sink.request({ type: "waitFor", count: MESSAGES }, "reached");
    const outboxSeconds = await drain(
      db,
      sink.url,
      async (row) => ({
        status: "ready",
        email: batch[(JSON.parse(row.params ?? "{}") as { n: number }).n]!,
      }),
      MESSAGES,
    );
    const outboxCheck = await reached;
    await db.outboxMessage.deleteMany();
    await sink.request({ type: "reset" }, "reset");

    // The update: seeded signers, queued through lib/updates, rendered from each signature at send time.
    await seedSigners(db, MESSAGES);
    const updates = createCampaignUpdates(db, {
      provider: PROVIDER,
      secret: crypto.randomBytes(32),
      siteUrl: SITE,
    });
    const staff = { email: "bench@count-us-in.test" };
    const id = await updates.create(
      { subject: "News from the campaign", body: "We met the **minister** this week.", ratePerMinute: 600 },
      staff,
    );
    let started = performance.now();
    const queued = await updates.send(id, staff);
    const queueSeconds = (performance.now() - started) / 1000;
    await db.outboxMessage.updateMany({
      where: { campaignUpdateId: id },
      data: { nextAttemptAt: new Date(0) },
    });
    // Re-spacing every waiting row, as a rate change while it sends does.
    started = performance.now();
    await updates.setRate(id, 60, staff);
    const respaceSeconds = (performance.now() - started) / 1000;
    await db.outboxMessage.updateMany({
      where: { campaignUpdateId: id },
      data: { nextAttemptAt: new Date(0) },
    });

    const render = createTemplateRenderer({
      db,
      secret: crypto.randomBytes(32),
      ring: { currentKeyId: "k1", keys: new Map([["k1", crypto.randomBytes(32)]]) },
      siteUrl: SITE,
      teamEmail: "team@example.org",
    });
    reached = sink.request({ type: "waitFor", count: MESSAGES }, "reached");
    const updateSeconds = await drain(db, sink.url, render, MESSAGES);
    const updateCheck = await reached;

    const outboxRate = MESSAGES / outboxSeconds;
    const updateRate = MESSAGES / updateSeconds;
    console.log(
      JSON.stringify({
        benchmark: "campaign-update",
        database: PROVIDER,
        messages: MESSAGES,
        outbox_msgs_per_s: Math.round(outboxRate),
        update_msgs_per_s: Math.round(updateRate),
        update_vs_outbox: Number((updateRate / outboxRate).toFixed(2)),
        update_queue_seconds: Number(queueSeconds.toFixed(2)),
        update_respace_seconds: Number(respaceSeconds.toFixed(2)),
        queued,
        delivered_exactly_once:
          outboxCheck.count === MESSAGES &&
          outboxCheck.unique === MESSAGES &&
          updateCheck.count === MESSAGES &&
          updateCheck.unique === MESSAGES,
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
