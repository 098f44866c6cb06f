import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { createOutboxStore } from "@/lib/mail/outbox-store";
import { createTemplateRenderer } from "@/lib/mail/templates";
import { readProgress } from "@/lib/updates/progress";
import { settleFinishedUpdates } from "@/lib/updates/settle";
import { deleteOldEmailRecords } from "@/lib/retention/sweeps";
import { createCampaignUpdates } from "@/lib/updates/updates";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";

// What staff do with an update besides sending it: limit it to a partner's signers, change the rate while
// it sends (the waiting emails are spaced again), stop it (the waiting emails are cancelled), each in the
// audit log; and a draft that has gone out can no longer be changed.

const SITE = "https://count-us-in.example";
const secret = crypto.randomBytes(32);
const staff = { email: "campaigner@count-us-in.test" };
const MINUTE = 60_000;

async function seed(db: DbClient, count: number, extra: { partnerCode?: string; nation?: string } = {}) {
  const at = new Date();
  await db.signature.createMany({
    data: Array.from({ length: count }, () => {
      const email = `${crypto.randomUUID()}@example.org`;
      return {
        name: "Signer",
        email,
        emailKey: email,
        nation: extra.nation ?? "wales",
        country: "GB",
        status: "confirmed",
        campaignEmails: true,
        consentVersion: "test",
        consentAt: at,
        clientHash: "test",
        partnerCode: extra.partnerCode ?? null,
      };
    }),
  });
}

describe.each(["sqlite", "postgresql"] as const)("campaign update controls on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const updates = () => createCampaignUpdates(db, { provider, secret, siteUrl: SITE });
  const draft = (extra: { partnerCode?: string; ratePerMinute?: number } = {}) => ({
    subject: "News",
    body: "Hello.",
    ratePerMinute: 60,
    ...extra,
  });
  const dueTimes = async (id: string) =>
    (
      await db.outboxMessage.findMany({
        where: { campaignUpdateId: id, status: "pending" },
        orderBy: { nextAttemptAt: "asc" },
        select: { nextAttemptAt: true },
      })
    ).map((row) => row.nextAttemptAt.getTime());

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await db.outboxMessage.deleteMany();
    await db.signature.deleteMany();
    await db.campaignUpdate.deleteMany();
  });

  it("goes only to a partner's signers when limited to that partner", async () => {
    await seed(db, 30, { partnerCode: "charity-x" });
    await seed(db, 20);
    const id = await updates().create(draft({ partnerCode: "charity-x" }), staff);
    expect((await updates().read(id))?.audience).toBe(30);
    expect(await updates().send(id, staff)).toBe(30);
    const refs = await db.outboxMessage.findMany({
      where: { campaignUpdateId: id },
      select: { refId: true },
    });
    const partners = await db.signature.findMany({
      where: { id: { in: refs.map((row) => row.refId!) } },
      select: { partnerCode: true },
    });
    expect(partners.map((row) => row.partnerCode)).toEqual(Array(30).fill("charity-x"));
  });

  it("queues rows the worker sees as due exactly when their turn comes, with ids like any other", async () => {
    await seed(db, 5);
    const id = await updates().create(draft({ ratePerMinute: 1 }), staff);
    const before = Date.now();
    await updates().send(id, staff);
    const rows = await db.outboxMessage.findMany({ where: { campaignUpdateId: id } });
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row).toMatchObject({ status: "pending", attempts: 0, kind: "campaign-update" });
      expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1);
    }
    const store = createOutboxStore(db);
    const lease = new Date(Date.now() + MINUTE * 10);
    // One a minute: one due now, the next a minute later, and so on.
    expect((await store.claim(new Date(), 10, lease)).emails).toHaveLength(1);
    expect((await store.claim(new Date(), 10, lease)).emails).toHaveLength(0);
    expect((await store.claim(new Date(Date.now() + MINUTE + 1_000), 10, lease)).emails).toHaveLength(1);
    expect((await store.claim(new Date(Date.now() + 4 * MINUTE + 1_000), 10, lease)).emails).toHaveLength(3);
  });

  it("can be changed while a draft, not once sent", async () => {
    await seed(db, 3);
    const id = await updates().create(draft(), staff);
    expect(await updates().edit(id, { ...draft(), subject: "Better news" }, staff)).toBe(true);
    expect((await updates().read(id))?.preview.subject).toBe("Better news");
    await updates().send(id, staff);
    expect(await updates().edit(id, { ...draft(), subject: "Too late" }, staff)).toBe(false);
    expect((await updates().read(id))?.subject).toBe("Better news");
    expect(await db.auditEvent.count({ where: { action: "update-save", subject: id } })).toBe(2);
  });

  it("sends at the rate set, and a new rate spaces the waiting emails again from now", async () => {
    await seed(db, 120);
    const id = await updates().create(draft({ ratePerMinute: 60 }), staff);
    const before = Date.now();
    await updates().send(id, staff);
    // 60 a minute: one a second, the last about two minutes out.
    let times = await dueTimes(id);
    expect(times).toHaveLength(120);
    expect(times[1]! - times[0]!).toBe(1_000);
    expect(times[119]! - times[0]!).toBe(119_000);

    // Faster: everything waiting is due within a few seconds of now.
    expect(await updates().setRate(id, 6_000, staff)).toBe(true);
    times = await dueTimes(id);
    expect(times).toHaveLength(120);
    expect(Math.max(...times) - before).toBeLessThan(10_000);

    // Slower: one a minute, spread over two hours.
    expect(await updates().setRate(id, 1, staff)).toBe(true);
    times = await dueTimes(id);
    // Rows share a due time per slot (a few hundred slots at most), so allow one slot of rounding.
    expect(times[119]! - times[0]!).toBeGreaterThanOrEqual(118 * MINUTE);
    expect((await updates().read(id))?.ratePerMinute).toBe(1);

    const changes = await db.auditEvent.findMany({
      where: { action: "update-send", subject: id },
      orderBy: { id: "asc" },
    });
    const details = changes.map((event) => JSON.parse(event.detail!));
    expect(details).toContainEqual({ ratePerMinute: { from: 60, to: 6_000 }, respaced: 120 });
    expect(details).toContainEqual({ ratePerMinute: { from: 6_000, to: 1 }, respaced: 120 });
  });

  it("stops: the waiting emails are cancelled and counted as stopped, and a claimed one is not sent", async () => {
    await seed(db, 50);
    const id = await updates().create(draft(), staff);
    await updates().send(id, staff);
    // The worker has claimed one and is about to render it when staff stop the update.
    const [claimed] = await db.outboxMessage.findMany({ where: { campaignUpdateId: id }, take: 1 });
    await db.outboxMessage.update({ where: { id: claimed!.id }, data: { status: "sending" } });

    expect(await updates().stop(id, staff)).toBe(49);
    expect(await updates().stop(id, staff)).toBeUndefined();
    const progress = await readProgress(db, { id, recipients: 50 });
    expect(progress).toMatchObject({ queued: 1, stopped: 49, sent: 0, notSent: 0 });
    expect((await updates().read(id))?.status).toBe("cancelled");
    expect(await updates().setRate(id, 100, staff)).toBe(false);

    const render = createTemplateRenderer({
      db,
      secret,
      ring: { currentKeyId: "k1", keys: new Map([["k1", crypto.randomBytes(32)]]) },
      siteUrl: SITE,
      teamEmail: "team@example.org",
    });
    expect(await render(claimed!)).toEqual({ status: "gone" });
    const stop = await db.auditEvent.findMany({ where: { action: "update-cancel", subject: id } });
    expect(stop.map((event) => JSON.parse(event.detail!))).toEqual([{ cancelled: 49 }]);
  });

  it("renders for a signer who still wants it, and not once they have stopped campaign emails", async () => {
    await seed(db, 1);
    const id = await updates().create({ ...draft(), body: "Hello **everyone**." }, staff);
    await updates().send(id, staff);
    const [row] = await db.outboxMessage.findMany({ where: { campaignUpdateId: id } });
    const render = createTemplateRenderer({
      db,
      secret,
      ring: { currentKeyId: "k1", keys: new Map([["k1", crypto.randomBytes(32)]]) },
      siteUrl: SITE,
      teamEmail: "team@example.org",
    });
    const outcome = await render(row!);
    expect(outcome.status).toBe("ready");
    if (outcome.status !== "ready") return;
    expect(outcome.email.html).toContain("<strong>everyone</strong>");
    expect(outcome.email.headers?.["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    await db.signature.updateMany({ data: { campaignEmails: false } });
    expect(await render(row!)).toEqual({ status: "gone" });
  });

  it("keeps its counts once finished, after the delivery records they came from are deleted", async () => {
    await seed(db, 3);
    const id = await updates().create(draft({ ratePerMinute: 6000 }), staff);
    await updates().send(id, staff);
    const store = createOutboxStore(db);
    const farFuture = new Date(Date.now() + 60 * MINUTE);
    const { emails } = await store.claim(farFuture, 10, new Date(farFuture.getTime() + MINUTE));
    await store.markSent(
      emails.slice(0, 2).map((email) => email.id),
      new Date(),
    );
    // Still one to go: nothing is kept yet, and the hourly step leaves it alone.
    expect(await settleFinishedUpdates(db)).toBe(0);
    await store.markCancelled([emails[2]!.id]);

    // The hourly sweep keeps the counts before it deletes delivery records older than their period.
    expect(await settleFinishedUpdates(db)).toBe(1);
    expect(await settleFinishedUpdates(db)).toBe(0);
    expect(await deleteOldEmailRecords(db, 30, new Date(Date.now() + 31 * 24 * 60 * MINUTE))).toBe(3);
    expect(await db.outboxMessage.count({ where: { campaignUpdateId: id } })).toBe(0);

    const read = await updates().read(id);
    expect(read?.status).toBe("sent");
    expect(read?.progress).toMatchObject({ recipients: 3, sent: 2, notSent: 1, queued: 0, finished: true });
    expect(await updates().progress(id)).toMatchObject({ sent: 2, notSent: 1 });
  });
});
