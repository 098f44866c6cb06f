import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdmission } from "@/lib/pledge/admission";
import { createHeldQueue } from "@/lib/pledge/held";
import { createSigningLimits } from "@/lib/pledge/limits";
import { createSigner } from "@/lib/pledge/sign";
import { verifyChallenge } from "@/lib/security/challenge";
import { solvedChallenge } from "@/tests/support/challenge";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import { PROVIDERS, clearPledgeTables, newSecret, pledgeInput } from "@/tests/support/pledge-fixtures";

// One address is often thousands of people: a mobile network's shared address, a university, a
// hospital. Everyone genuine must be counted once they confirm; a script must not be able to make the
// site send more than the free allowance; and nothing is ever dropped without a word.

const FREE_PER_HOUR = 20;
const SHARED = "203.0.113.7";

describe.each(PROVIDERS)("sign-ups from one busy network on %s", (provider) => {
  let database: TestDatabase;
  const secret = newSecret();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(async () => database?.drop());
  beforeEach(async () => {
    await clearPledgeTables(database.client);
    await database.client.allowedRange.deleteMany();
    await database.client.signingLimits.deleteMany();
  });

  function setUp() {
    const db = database.client;
    const limits = createSigningLimits(db, { freePerAddressPerHour: FREE_PER_HOUR });
    const sign = createSigner(db, {
      secret,
      admit: createAdmission(limits),
      concurrentBatches: provider === "sqlite" ? 1 : 4,
    });
    // What lib/pledge/index.ts's signFromForm does: check the challenge, then sign.
    const signFromForm = async (email: string, options: { altcha?: string; address?: string } = {}) =>
      sign(pledgeInput(secret, { email, name: `Person ${email.split("@")[0]}`, altcha: options.altcha }), {
        clientAddress: options.address ?? SHARED,
        solvedChallenge: await verifyChallenge(secret, options.altcha ?? ""),
      });
    return { db, limits, signFromForm, held: createHeldQueue(db) };
  }

  const confirmationEmails = (db: TestDatabase["client"]) =>
    db.outboxMessage.count({ where: { kind: "pledge-confirm" } });

  it("100 people signing within a minute from one address, in browsers, all get their confirmation email", async () => {
    const { db, signFromForm } = setUp();
    const solutions = await Promise.all(Array.from({ length: 100 }, () => solvedChallenge(secret)));
    const outcomes = await Promise.all(
      solutions.map((altcha, i) => signFromForm(`person${i}@example.org`, { altcha })),
    );
    expect(outcomes.every((outcome) => outcome === "check-email")).toBe(true);
    expect(await db.signature.count({ where: { status: "pending" } })).toBe(100);
    expect(await confirmationEmails(db)).toBe(100);
  });

  it("without JavaScript, the allowance is emailed at once and the rest are held and told so, never dropped", async () => {
    const { db, signFromForm } = setUp();
    const outcomes = [];
    for (let i = 0; i < 30; i++) outcomes.push(await signFromForm(`nojs${i}@example.org`));
    expect(outcomes.filter((o) => o === "check-email")).toHaveLength(FREE_PER_HOUR);
    expect(outcomes.slice(FREE_PER_HOUR).every((o) => o === "held")).toBe(true);
    expect(await db.signature.count({ where: { status: "held", heldReason: "over-allowance" } })).toBe(10);
    expect(await confirmationEmails(db)).toBe(FREE_PER_HOUR);
    // Another network is unaffected.
    expect(await signFromForm("elsewhere@example.org", { address: "192.0.2.44" })).toBe("check-email");
  });

  it("a script sending 5,000 addresses from one address, solving nothing, gets no more emails than the allowance", async () => {
    const { db, signFromForm, held } = setUp();
    const outcomes = await Promise.all(
      Array.from({ length: 5_000 }, (_, i) => signFromForm(`script${i}@example.net`)),
    );
    expect(outcomes.filter((o) => o === "check-email")).toHaveLength(FREE_PER_HOUR);
    expect(await confirmationEmails(db)).toBe(FREE_PER_HOUR);
    const summary = await held.summary();
    expect(summary.total).toBe(5_000 - FREE_PER_HOUR);
    expect(summary.networks).toBe(1);
    expect(summary.busiest[0]!.count).toBe(5_000 - FREE_PER_HOUR);
    expect(summary.busiest[0]!.label).toMatch(/^Network [0-9A-Z_-]{6}$/);
  }, 60_000);

  it("a forged, tampered or reused solution is not a solution", async () => {
    const { db, signFromForm } = setUp();
    await db.signingLimits.create({ data: { id: "signing", freePerAddressPerHour: 1, updatedBy: "test" } });
    const good = await solvedChallenge(secret);
    const fromAnotherSite = await solvedChallenge(newSecret());
    const decoded = JSON.parse(Buffer.from(good, "base64").toString());
    decoded.solution.derivedKey = decoded.solution.derivedKey.replace(/^./, (c: string) =>
      c === "0" ? "1" : "0",
    );
    const tampered = Buffer.from(JSON.stringify(decoded)).toString("base64");

    expect(await signFromForm("first@example.org")).toBe("check-email"); // the allowance of 1
    expect(await signFromForm("forged@example.org", { altcha: fromAnotherSite })).toBe("held");
    expect(await signFromForm("tampered@example.org", { altcha: tampered })).toBe("held");
    expect(await signFromForm("garbage@example.org", { altcha: "not base64 json" })).toBe("held");
    expect(await signFromForm("good@example.org", { altcha: good })).toBe("check-email");
    expect(await signFromForm("replayed@example.org", { altcha: good })).toBe("held");
  });

  it("held sign-ups are released (then emailed) or discarded in bulk by staff", async () => {
    const { db, signFromForm, held } = setUp();
    for (let i = 0; i < FREE_PER_HOUR + 6; i++) await signFromForm(`busy${i}@example.org`);
    await signFromForm("bot@example.org", { address: "192.0.2.9" }); // within its own allowance
    expect((await held.summary()).total).toBe(6);

    const released = await held.release({ reason: "over-allowance" });
    expect(released).toBe(6);
    expect(await db.signature.count({ where: { status: "held" } })).toBe(0);
    expect(await db.signature.count({ where: { status: "pending" } })).toBe(FREE_PER_HOUR + 7);
    expect(await confirmationEmails(db)).toBe(FREE_PER_HOUR + 7);

    for (let i = 0; i < 4; i++) await signFromForm(`more${i}@example.org`);
    expect(await held.discard({})).toBe(4);
    expect(await db.signature.count({ where: { email: { startsWith: "more" } } })).toBe(0);
  });

  it("a filled honeypot is held, and an address range staff allowed signs without limit until it ends", async () => {
    const { db, limits, signFromForm } = setUp();
    const sign = createSigner(db, {
      secret,
      admit: createAdmission(limits),
      concurrentBatches: 1,
    });
    expect(
      await sign(pledgeInput(secret, { email: "honey@example.org", website: "https://spam.example" }), {
        clientAddress: "192.0.2.50",
        solvedChallenge: true,
      }),
    ).toBe("held");
    expect((await db.signature.findFirst({ where: { email: "honey@example.org" } }))?.heldReason).toBe(
      "honeypot",
    );

    await limits.allowRange(
      { cidr: "203.0.113.0/24", note: "Conference", until: new Date(Date.now() + 60 * 60_000) },
      "staff@example.org",
    );
    const outcomes = [];
    for (let i = 0; i < FREE_PER_HOUR * 2; i++)
      outcomes.push(await signFromForm(`conference${i}@example.org`));
    expect(outcomes.every((o) => o === "check-email")).toBe(true);
    expect(await limits.isAllowed("203.0.113.200")).toBe(true);
    expect(await limits.isAllowed("203.0.114.1")).toBe(false);
  });

  it("a held sign-up tells nobody whether the address had signed: the outcome is the same for a known address", async () => {
    const { db, signFromForm } = setUp();
    await db.signingLimits.create({ data: { id: "signing", freePerAddressPerHour: 1, updatedBy: "test" } });
    expect(await signFromForm("known@example.org")).toBe("check-email");
    expect(await signFromForm("known@example.org")).toBe("held");
    expect(await signFromForm("unknown@example.org")).toBe("held");
    // The known address's row is untouched by the held attempt; no email went to it on that attempt.
    expect(await db.signature.count({ where: { email: "known@example.org" } })).toBe(1);
    expect(await db.outboxMessage.count()).toBe(1);
  });
});
