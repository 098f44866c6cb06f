import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createStaffAuth } from "@/lib/admin/access/staff-auth";
import { createSignIn } from "@/lib/admin/access/sign-in";
import { createSignInLimits, SIGN_IN_REFUSALS } from "@/lib/admin/access/sign-in-limits";
import { addStaff } from "@/lib/admin/access/staff";
import type { DbClient } from "@/lib/platform/db";
import { databaseLimiters, memoryLimiters } from "@/lib/security/limiter-store";
import { STAFF_SIGN_IN, type StaffSignInLimits } from "@/lib/security/limits";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import { PROVIDERS } from "@/tests/support/volunteer-fixtures";

// Someone who knows a staff member's address asks for their sign-in link again and again, from many
// networks. That must never lock the staff member out: the limits count per requesting network (and a
// site-wide cap on emails), never per target address alone, so from their own network they still get a
// link and sign in. Every refusal shows in the audit log, without an address in it.

const STAFF_EMAIL = "morag.staff@example.org";
const SITE_URL = "https://count-us-in.example";
const headers = () => new Headers({ "user-agent": "vitest" });
const network = (i: number) => `198.51.100.${i}`;

describe.each(PROVIDERS)("staff sign-in under a flood on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  let staffId: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await db.outboxMessage.deleteMany();
    await db.auditEvent.deleteMany();
    await db.rateLimitCounter.deleteMany();
    await db.staffUser.deleteMany();
    staffId = await addStaff(db, { email: STAFF_EMAIL, role: "campaigner" }, "setup");
    await db.auditEvent.deleteMany();
  });

  /** The sign-in as the app builds it, on this database, with the counters where the app keeps them. */
  function staffSignIn(numbers: StaffSignInLimits = STAFF_SIGN_IN) {
    const secret = crypto.randomBytes(32);
    const limiters = provider === "sqlite" ? memoryLimiters() : databaseLimiters(db);
    const limits = createSignInLimits(db, { secret, limiters, numbers });
    const auth = createStaffAuth({
      db,
      databaseUrl: database.url,
      siteUrl: SITE_URL,
      secret,
      mayEmailLink: (id) => limits.mayEmailLink(id),
    });
    return createSignIn(
      db,
      () => auth,
      () => limits,
    );
  }

  async function linksQueued(): Promise<string[]> {
    const rows = await db.outboxMessage.findMany({
      where: { kind: "staff-sign-in", refId: staffId },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((row) => (JSON.parse(row.params ?? "{}") as { url: string }).url);
  }

  const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;

  async function refusals() {
    return db.auditEvent.findMany({ where: { action: "sign-in-refused" }, orderBy: { at: "asc" } });
  }

  it("a flood from other networks does not stop the staff member signing in from their own", async () => {
    const signIn = staffSignIn();
    const answers: string[] = [];
    for (let flooder = 1; flooder <= 8; flooder++)
      for (let attempt = 0; attempt < 5; attempt++)
        answers.push(await signIn.requestLink(STAFF_EMAIL, network(flooder), headers()));
    // Each flooding network gets 3 links to one address in 10 minutes, then is told to slow down.
    expect(answers.filter((a) => a === "slow-down")).toHaveLength(8 * 2);
    expect(await linksQueued()).toHaveLength(8 * 3);

    // The staff member, from their own network, asks once and gets a link that signs them in.
    expect(await signIn.requestLink(STAFF_EMAIL, "203.0.113.7", headers())).toBe("sent-if-staff");
    const links = await linksQueued();
    expect(links).toHaveLength(8 * 3 + 1);
    expect(await signIn.complete(tokenOf(links.at(-1)!), headers())).toBe(true);
    expect(await db.auditEvent.count({ where: { action: "sign-in", actor: STAFF_EMAIL } })).toBe(1);

    // The log shows one refusal per flooding network (not one per refused request), naming the staff
    // member by id and the network by a hash prefix: no address, no IP.
    const logged = await refusals();
    expect(logged).toHaveLength(8);
    for (const entry of logged) {
      expect(entry.subject).toBe(staffId);
      expect(JSON.parse(entry.detail!).reason).toBe(SIGN_IN_REFUSALS["network-and-address"]);
      expect(`${entry.actor} ${entry.detail}`).not.toMatch(/@|198\.51\.100|203\.0\.113/);
    }
    expect(new Set(logged.map((e) => JSON.parse(e.detail!).network)).size).toBe(8);
  });

  it("one network asking too often is slowed down whoever it asks for, and that is logged", async () => {
    const signIn = staffSignIn();
    const stranger = (i: number) => `someone${i}@example.org`;
    for (let i = 1; i <= STAFF_SIGN_IN.perAddress.limit; i++)
      expect(await signIn.requestLink(stranger(i), network(1), headers())).toBe("sent-if-staff");
    // Over the limit: the same answer for a staff address as for anyone else.
    expect(await signIn.requestLink(STAFF_EMAIL, network(1), headers())).toBe("slow-down");
    expect(await signIn.requestLink(stranger(99), network(1), headers())).toBe("slow-down");
    expect(await linksQueued()).toEqual([]);
    // Other networks are unaffected.
    expect(await signIn.requestLink(STAFF_EMAIL, network(2), headers())).toBe("sent-if-staff");
    expect(await linksQueued()).toHaveLength(1);

    const logged = await refusals();
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!.detail!).reason).toBe(
      "staff sign-in refused: too many requests from one network",
    );
    expect(logged[0]!.subject).toBeNull();
  });

  it("past the site-wide cap no more links are emailed, the page still says 'check your email', and the log says why", async () => {
    const signIn = staffSignIn({ ...STAFF_SIGN_IN, linksOverall: { limit: 3, windowMs: 60 * 60_000 } });
    for (let i = 1; i <= 5; i++)
      expect(await signIn.requestLink(STAFF_EMAIL, network(i), headers())).toBe("sent-if-staff");
    expect(await linksQueued()).toHaveLength(3);
    const logged = await refusals();
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ subject: staffId });
    expect(JSON.parse(logged[0]!.detail!)).toEqual({ reason: SIGN_IN_REFUSALS.overall });
  });
});
