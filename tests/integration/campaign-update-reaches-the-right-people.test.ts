import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { createOutboxWorker } from "@/lib/mail/outbox-worker";
import { createTemplateRenderer } from "@/lib/mail/templates";
import { stopCampaignEmailsFor, withdrawSignature } from "@/lib/pledge/manage";
import { issueLinkToken, verifyLinkToken } from "@/lib/security/link-tokens";
import { createOneClick } from "@/lib/updates/one-click";
import { readProgress } from "@/lib/updates/progress";
import { createCampaignUpdates } from "@/lib/updates/updates";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import { type ReceivedMessage, startSmtpSink } from "@/tests/support/smtp-sink";

// Issue #13's test: an update sent to 10,000 signers through a real SMTP server reaches exactly the people
// it should, once each, on both databases. Beside the 10,000 sit everyone who must not get it: pending,
// held, no campaign emails, another nation, a paper pledge without an address, and people who withdrew,
// unsubscribed or were erased after it was queued. Every message carries the RFC 8058 header pair, and a
// one-click POST to its address stops campaign emails.

const SITE = "https://count-us-in.example";
const FROM = "Count Us In <no-reply@count-us-in.test>";
const ELIGIBLE = 10_000;
const EACH_INELIGIBLE = 40;
const secret = crypto.randomBytes(32);
const staff = { email: "campaigner@count-us-in.test" };

type Seed = {
  email: string;
  nation?: string;
  status?: string;
  campaignEmails?: boolean;
  partnerCode?: string | null;
  source?: string;
};

/** Multi-row inserts of 1,000: quick enough for 10,000, each far below SQLite's variable limit. */
async function seed(db: DbClient, seeds: Seed[]): Promise<Map<string, string>> {
  const at = new Date(Date.now() - 86_400_000);
  const rows = seeds.map((s) => ({
    id: crypto.randomUUID(),
    name: `Signer ${s.email}`,
    email: s.email,
    emailKey: s.email || `paper:${crypto.randomUUID()}`,
    nation: s.nation ?? "scotland",
    country: s.nation === "other" ? "FR" : "GB",
    status: s.status ?? "confirmed",
    campaignEmails: s.campaignEmails ?? true,
    consentVersion: "test",
    consentAt: at,
    clientHash: "test",
    createdAt: at,
    confirmedAt: (s.status ?? "confirmed") === "confirmed" ? at : null,
    partnerCode: s.partnerCode ?? null,
    source: s.source ?? "online",
    campaignEmailsAt: at,
  }));
  for (let start = 0; start < rows.length; start += 1_000)
    await db.signature.createMany({ data: rows.slice(start, start + 1_000) });
  return new Map(rows.map((row) => [row.email || row.emailKey, row.id]));
}

function range<T>(count: number, make: (n: number) => T): T[] {
  return Array.from({ length: count }, (_, n) => make(n));
}

/** A header's value from the raw message, unfolded. */
function header(raw: Buffer, name: string): string | undefined {
  const head = raw
    .subarray(0, raw.indexOf("\r\n\r\n"))
    .toString("utf8")
    .replace(/\r\n[ \t]+/g, " ");
  const line = head.split("\r\n").find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}

describe.each(["sqlite", "postgresql"] as const)("a campaign update on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());

  it("reaches every eligible signer exactly once, and nobody else, with a working one-click unsubscribe", async () => {
    const eligible = range(ELIGIBLE, (n) => `reader-${n}@example.org`);
    // Eligible when queued, then withdrew, unsubscribed or were erased before their turn.
    const leaveLater = range(EACH_INELIGIBLE, (n) => `withdraws-${n}@example.org`);
    const stopLater = range(EACH_INELIGIBLE, (n) => `unsubscribes-${n}@example.org`);
    const eraseLater = range(EACH_INELIGIBLE, (n) => `erased-${n}@example.org`);
    const ids = await seed(db, [
      ...[...eligible, ...leaveLater, ...stopLater, ...eraseLater].map((email) => ({ email })),
      ...range(EACH_INELIGIBLE, (n) => ({ email: `pending-${n}@example.org`, status: "pending" })),
      ...range(EACH_INELIGIBLE, (n) => ({ email: `held-${n}@example.org`, status: "held" })),
      ...range(EACH_INELIGIBLE, (n) => ({ email: `no-emails-${n}@example.org`, campaignEmails: false })),
      ...range(EACH_INELIGIBLE, (n) => ({ email: `england-${n}@example.org`, nation: "england" })),
      ...range(EACH_INELIGIBLE, () => ({ email: "", source: "paper" })),
    ]);

    const updates = createCampaignUpdates(db, { provider, secret, siteUrl: SITE });
    const id = await updates.create(
      {
        subject: "News from the campaign",
        body: "We met the **minister**.",
        nation: "scotland",
        ratePerMinute: 600,
      },
      staff,
    );
    const draft = await updates.read(id);
    expect(draft?.audience).toBe(ELIGIBLE + 3 * EACH_INELIGIBLE);

    const queuedAt = Date.now();
    expect(await updates.send(id, staff)).toBe(ELIGIBLE + 3 * EACH_INELIGIBLE);
    const queueSeconds = (Date.now() - queuedAt) / 1000;
    // A second press queues nothing more.
    expect(await updates.send(id, staff)).toBeUndefined();

    // Spaced at the rate chosen: 600 a minute is one every 100 ms.
    const due = await db.outboxMessage.findMany({
      where: { campaignUpdateId: id },
      orderBy: { nextAttemptAt: "asc" },
      select: { nextAttemptAt: true, kind: true, params: true },
      take: 3,
    });
    expect(due.map((row) => row.nextAttemptAt.getTime() - due[0]!.nextAttemptAt.getTime())).toEqual([
      0, 100, 200,
    ]);
    expect(due[0]).toMatchObject({ kind: "campaign-update", params: JSON.stringify({ updateId: id }) });

    // After queueing: withdrawals (their unsent emails are deleted), unsubscribes and erasures (their rows
    // stay; the template finds nobody to write to at send time).
    for (const email of leaveLater)
      expect(await withdrawSignature(db, secret, issueLinkToken(secret, "manage", ids.get(email)!))).toBe(
        true,
      );
    for (const email of stopLater)
      expect(await stopCampaignEmailsFor(db, secret, issueLinkToken(secret, "manage", ids.get(email)!))).toBe(
        "stopped",
      );
    await db.signature.updateMany({
      where: { email: { in: eraseLater } },
      data: { name: "Erased", email: "", campaignEmails: false },
    });

    // Everything due now, so the test measures the worker, not the rate.
    await db.outboxMessage.updateMany({
      where: { campaignUpdateId: id },
      data: { nextAttemptAt: new Date(0) },
    });
    const sink = await startSmtpSink({ parse: false });
    const worker = createOutboxWorker({
      db,
      transport: { smtpUrl: sink.url, from: FROM },
      render: createTemplateRenderer({
        db,
        secret,
        ring: { currentKeyId: "k1", keys: new Map([["k1", crypto.randomBytes(32)]]) },
        siteUrl: SITE,
        teamEmail: "team@example.org",
      }),
      pollIntervalMs: 100,
      log: () => {},
    });
    const started = Date.now();
    worker.start();
    let messages: readonly ReceivedMessage[];
    try {
      messages = await sink.waitForMessages(ELIGIBLE, 120_000);
      // Nothing more trickles in once the queue is empty.
      for (;;) {
        const progress = await readProgress(db, { id, recipients: ELIGIBLE + 3 * EACH_INELIGIBLE });
        if (progress.finished) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await worker.stop();
      await sink.close();
    }
    const sendSeconds = (Date.now() - started) / 1000;
    messages = sink.messages;
    console.info(
      `${provider}: queued ${ELIGIBLE + 3 * EACH_INELIGIBLE} in ${queueSeconds.toFixed(2)} s; ` +
        `sent ${messages.length} in ${sendSeconds.toFixed(1)} s (${Math.round(messages.length / sendSeconds)}/s)`,
    );

    // Exactly the right people, once each.
    const perAddress = new Map<string, number>();
    for (const message of messages)
      for (const to of message.envelopeTo) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    expect(messages.length).toBe(ELIGIBLE);
    expect([...perAddress.keys()].sort()).toEqual([...eligible].sort());
    expect([...perAddress.values()].every((count) => count === 1)).toBe(true);

    // Every message: the RFC 8058 pair, its one-click address naming this recipient's own signature.
    const oneClickUrls = new Map<string, string>();
    for (const message of messages) {
      const to = message.envelopeTo[0]!;
      expect(header(message.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
      const value = header(message.raw, "List-Unsubscribe") ?? "";
      const url = /^<(https:\/\/count-us-in\.example\/api\/pledge\/unsubscribe\?token=[^>]+)>$/.exec(
        value,
      )?.[1];
      expect(url, `List-Unsubscribe of ${to}`).toBeDefined();
      const token = new URL(url!).searchParams.get("token")!;
      expect(verifyLinkToken(secret, "manage", token)?.signatureId).toBe(ids.get(to));
      oneClickUrls.set(to, url!);
    }

    // Progress as staff see it.
    const progress = await readProgress(db, { id, recipients: ELIGIBLE + 3 * EACH_INELIGIBLE });
    expect(progress).toEqual({
      recipients: ELIGIBLE + 3 * EACH_INELIGIBLE,
      queued: 0,
      sent: ELIGIBLE,
      notSent: 3 * EACH_INELIGIBLE,
      stopped: 0,
      failed: 0,
      finished: true,
    });
    expect((await updates.read(id))?.status).toBe("sent");

    // A mail provider's one-click POST stops campaign emails at once, and says so in the audit log.
    const oneClick = createOneClick(db, () => secret, SITE);
    const sample = eligible.slice(0, 25);
    for (const email of sample) {
      const response = await oneClick.post(
        new Request(oneClickUrls.get(email)!, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: "List-Unsubscribe=One-Click",
        }),
      );
      expect(response.status).toBe(200);
    }
    const after = await db.signature.findMany({
      where: { email: { in: sample } },
      select: { id: true, campaignEmails: true },
    });
    expect(after.every((signature) => !signature.campaignEmails)).toBe(true);
    const audited = await db.auditEvent.findMany({
      where: { action: "unsubscribe", actor: "supporter (email link)" },
    });
    expect(audited.map((event) => event.subject).sort()).toEqual(
      after.map((signature) => signature.id).sort(),
    );
    expect(audited.every((event) => event.detail === null)).toBe(true);
    // Sending and its audit: who, to how many, with which filters; nobody's address.
    const sent = await db.auditEvent.findMany({ where: { action: "update-send", subject: id } });
    expect(sent).toHaveLength(1);
    expect(JSON.parse(sent[0]!.detail!)).toEqual({
      nation: "scotland",
      partnerCode: null,
      ratePerMinute: 600,
      recipients: ELIGIBLE + 3 * EACH_INELIGIBLE,
    });
  }, 180_000);
});
