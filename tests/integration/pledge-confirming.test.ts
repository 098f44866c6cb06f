import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { confirmSignature, inspectConfirmLink, resendConfirmation } from "@/lib/pledge/confirm";
import { createCountReader } from "@/lib/pledge/counts";
import { issueLinkToken } from "@/lib/security/link-tokens";
import { CONFIRM_LINK_DAYS } from "@/lib/pledge/links";
import { REPEAT_EMAILS_PER_DAY } from "@/lib/pledge/repeat-cap";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  clearPledgeTables,
  confirmTokenFor,
  confirmTokenIn,
  emailsTo,
  manageTokenIn,
  newSecret,
  newSigner,
  pledgeInput,
  signatureRows,
  someClient,
} from "@/tests/support/pledge-fixtures";

// A supporter confirms from the link in their email. Pressing the button (POST) confirms, once, however
// many times it is pressed at once; opening the page (GET) never does; forged and expired links do nothing.

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(PROVIDERS)("confirming a signature on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();
  const readCounts = () => createCountReader(db, 0)();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(() => clearPledgeTables(db));

  /** Signs up `email` and returns the token from its confirmation email. */
  async function signUp(email: string, overrides: Parameters<typeof pledgeInput>[1] = {}): Promise<string> {
    await newSigner(db, provider, secret)(pledgeInput(secret, { email, ...overrides }), someClient());
    return confirmTokenFor(db, email);
  }

  it("100 presses of the same link at once confirm once, and every press is told it worked", async () => {
    const token = await signUp("eager@example.org", { nation: "northern-ireland" });
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, () => confirmSignature(db, secret, token)),
    );

    expect(new Set(outcomes)).toEqual(new Set(["confirmed"]));
    const rows = await db.signature.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "confirmed" });
    expect(rows[0]!.confirmedAt).not.toBeNull();
    expect(rows[0]!.confirmedOn).toBe(rows[0]!.confirmedAt!.toISOString().slice(0, 10));
    const counts = await readCounts();
    expect(counts.total).toBe(1);
    expect(counts.byNation).toEqual({ "northern-ireland": 1 });
    // Confirming sends nothing more.
    expect(await db.outboxMessage.count()).toBe(1);
  });

  it("pressing again later still says confirmed and changes nothing", async () => {
    const token = await signUp("twice@example.org");
    expect(await confirmSignature(db, secret, token)).toBe("confirmed");
    const before = await signatureRows(db);
    expect(await confirmSignature(db, secret, token)).toBe("confirmed");
    expect(await inspectConfirmLink(db, secret, token)).toBe("valid");
    // Even after the link has expired, a confirmed signature is reported as confirmed.
    expect(await confirmSignature(db, secret, token, new Date(Date.now() + 30 * DAY_MS))).toBe("confirmed");
    expect(await signatureRows(db)).toEqual(before);
  });

  it("opening the confirm page never confirms", async () => {
    const token = await signUp("looker@example.org");
    const before = await signatureRows(db);
    for (let i = 0; i < 5; i += 1) expect(await inspectConfirmLink(db, secret, token)).toBe("valid");
    expect(await signatureRows(db)).toEqual(before);
    expect(before[0]).toMatchObject({ status: "pending", confirmedAt: null, confirmedOn: null });
    expect((await readCounts()).total).toBe(0);
  });

  it("refuses forged, altered and misused links, and changes nothing", async () => {
    const token = await signUp("target@example.org");
    const [row] = await db.signature.findMany();
    const manageToken = manageTokenIn((await emailsTo(db, "target@example.org"))[0]!.text);
    const [payload, mac] = token.split(".") as [string, string];
    // A different character in the middle (the last one of each part also carries padding bits).
    const altered = (part: string) => `${part.slice(0, 10)}${part[10] === "A" ? "B" : "A"}${part.slice(11)}`;
    const forgeries = [
      issueLinkToken(newSecret(), "confirm", row!.id, new Date(Date.now() + DAY_MS)), // someone else's key
      manageToken, // the withdraw link is not a confirm link
      `${payload}.${altered(mac)}`,
      `${altered(payload)}.${mac}`, // another signature id or expiry, with this link's MAC
      token.slice(0, -1),
      `${token}x`,
      "",
      ".",
      "not-a-token",
      row!.id,
    ];
    const before = await signatureRows(db);
    for (const forged of forgeries) {
      expect(await inspectConfirmLink(db, secret, forged)).toBe("unknown");
      expect(await confirmSignature(db, secret, forged)).toBe("unknown");
    }
    expect(await signatureRows(db)).toEqual(before);
    expect(before[0]!.status).toBe("pending");
  });

  it("a link for a signature that no longer exists is unknown", async () => {
    const token = issueLinkToken(secret, "confirm", crypto.randomUUID(), new Date(Date.now() + DAY_MS));
    expect(await inspectConfirmLink(db, secret, token)).toBe("unknown");
    expect(await confirmSignature(db, secret, token)).toBe("unknown");
    expect(await db.signature.count()).toBe(0);
  });

  it(`refuses an expired link (older than ${CONFIRM_LINK_DAYS} days) and leaves the signature pending`, async () => {
    const token = await signUp("late@example.org");
    const before = await signatureRows(db);
    const justAfter = new Date(Date.now() + CONFIRM_LINK_DAYS * DAY_MS + 60_000);
    expect(await confirmSignature(db, secret, token, justAfter)).toBe("expired");
    expect(await signatureRows(db)).toEqual(before);

    // The page, opened with a link whose time is up, says so too, and confirms nothing.
    const [row] = await db.signature.findMany();
    const expired = issueLinkToken(secret, "confirm", row!.id, new Date(Date.now() - 1_000));
    expect(await inspectConfirmLink(db, secret, expired)).toBe("expired");
    expect(await confirmSignature(db, secret, expired)).toBe("expired");
    expect(await signatureRows(db)).toEqual(before);
    expect((await readCounts()).total).toBe(0);

    // Just before expiry the same link still works.
    const justBefore = new Date(Date.now() + CONFIRM_LINK_DAYS * DAY_MS - 60_000);
    expect(await confirmSignature(db, secret, token, justBefore)).toBe("confirmed");
  });

  it("“send me a new link” from an expired link emails a working link to the signer's own address", async () => {
    await signUp("Resend.Me@example.org");
    const [row] = await db.signature.findMany();
    const expired = issueLinkToken(secret, "confirm", row!.id, new Date(Date.now() - 1_000));

    await resendConfirmation(db, secret, expired);
    const emails = await emailsTo(db, "Resend.Me@example.org");
    expect(emails.map((email) => email.kind)).toEqual(["pledge-confirm", "pledge-confirm"]);
    const fresh = confirmTokenIn(emails[1]!.text)!;
    expect(await inspectConfirmLink(db, secret, fresh)).toBe("valid");
    expect(await confirmSignature(db, secret, fresh)).toBe("confirmed");

    // Nothing more for a confirmed signature, nor for forged links.
    await resendConfirmation(db, secret, expired);
    await resendConfirmation(db, secret, "forged.token");
    expect(await db.outboxMessage.count()).toBe(2);
  });

  it("“send me a new link” pressed 50 times at once sends at most 3 emails", async () => {
    await signUp("impatient@example.org");
    const [row] = await db.signature.findMany();
    const expired = issueLinkToken(secret, "confirm", row!.id, new Date(Date.now() - 1_000));
    await Promise.all(Array.from({ length: 50 }, () => resendConfirmation(db, secret, expired)));
    expect(await db.outboxMessage.count()).toBe(1 + REPEAT_EMAILS_PER_DAY);
    expect(await db.signature.findFirst()).toMatchObject({ repeatEmailCount: REPEAT_EMAILS_PER_DAY });
  });
});
