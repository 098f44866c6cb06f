import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { issueLinkToken } from "@/lib/security/link-tokens";
import { volunteerLinks } from "@/lib/volunteers/links";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  SITE_URL,
  TEAM_EMAIL,
  clearVolunteerTables,
  confirmationFor,
  emailsTo,
  newKey,
  newSecret,
  newVolunteerService,
  ringOf,
  someClient,
  volunteerInput,
} from "@/tests/support/volunteer-fixtures";

// The volunteer follows the link in the confirmation email. Opening the page (GET) changes nothing, so
// link scanners and previews cannot confirm for them; pressing the button (POST) confirms once, however
// many times it is pressed, and sends one welcome to the volunteer and one notice to the campaigns team.

const DAY_MS = 24 * 60 * 60 * 1000;
const EMAIL = "fiona.confirm@example.org";

describe.each(PROVIDERS)("confirming a volunteer's email on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();
  const ring = ringOf("k1", { k1: newKey() });
  const service = () => newVolunteerService(db, secret, ring);

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(() => clearVolunteerTables(db));

  async function registerFiona(overrides: Parameters<typeof volunteerInput>[1] = {}) {
    await service().register(
      volunteerInput(secret, { name: "Fiona Confirm", email: EMAIL, ...overrides }),
      someClient(),
    );
    return confirmationFor(db, EMAIL);
  }

  /** Everything the database holds, to show that something changed nothing. */
  async function snapshot() {
    return {
      volunteers: await db.volunteer.findMany({ orderBy: { id: "asc" } }),
      emails: await db.outboxMessage.findMany({ orderBy: { id: "asc" } }),
    };
  }

  it("opening the confirm page changes nothing, however often", async () => {
    const { confirmToken } = await registerFiona();
    const before = await snapshot();
    for (let i = 0; i < 3; i += 1) expect(await service().inspectConfirm(confirmToken)).toBe("valid");
    expect(await snapshot()).toEqual(before);
    expect(before.volunteers[0]).toMatchObject({ status: "pending", confirmedAt: null });
  });

  it("20 presses at once confirm once: one welcome to the volunteer, one notice to the team", async () => {
    const { confirmToken } = await registerFiona({ contactBy: "phone" });
    const svc = service();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => svc.confirm(confirmToken)));
    expect(outcomes).toEqual(Array<string>(20).fill("confirmed"));

    const [row] = await db.volunteer.findMany();
    expect(row).toMatchObject({ status: "confirmed" });
    expect(row!.confirmedAt).toBeInstanceOf(Date);

    const queued = await db.outboxMessage.findMany({ orderBy: { createdAt: "asc" } });
    expect(queued.map((email) => email.kind).sort()).toEqual([
      "volunteer-confirm",
      "volunteer-team-notification",
      "volunteer-welcome",
    ]);
    // Rendered now, the confirmation (had it not gone out yet) is dropped: there is nothing left to confirm.
    const toVolunteer = await emailsTo(db, EMAIL);
    expect(toVolunteer.map((email) => email.kind)).toEqual(["volunteer-welcome"]);
    const welcome = toVolunteer[0]!;
    expect(welcome.subject).toBe("Thank you for volunteering with Count Us In");
    expect(welcome.text).toContain("Dear Fiona Confirm,");
    expect(welcome.text).toContain("someone from the team will get in touch by phone");

    const toTeam = await emailsTo(db, TEAM_EMAIL);
    expect(toTeam.map((email) => email.kind)).toEqual(["volunteer-team-notification"]);
    expect(await db.outboxMessage.count()).toBe(3);

    // Pressing again later is harmless, and the page still says all is well.
    expect(await svc.confirm(confirmToken)).toBe("confirmed");
    expect(await svc.inspectConfirm(confirmToken)).toBe("valid");
    expect(await db.outboxMessage.count()).toBe(3);
    expect((await db.volunteer.findFirstOrThrow()).confirmedAt).toEqual(row!.confirmedAt);
  });

  it("the welcome says the team will email when that is what the volunteer chose", async () => {
    const { confirmToken } = await registerFiona({ contactBy: "email" });
    await service().confirm(confirmToken);
    const welcome = (await emailsTo(db, EMAIL)).find((email) => email.kind === "volunteer-welcome")!;
    expect(welcome.text).toContain("someone from the team will get in touch by email");
  });

  it("forged, altered, mis-purposed and foreign tokens are refused and change nothing", async () => {
    const { confirmToken, manageToken } = await registerFiona();
    const id = (await db.volunteer.findFirstOrThrow()).id;
    const flip = (token: string, at: number) =>
      token.slice(0, at) + (token[at] === "A" ? "B" : "A") + token.slice(at + 1);
    const forged = [
      "",
      "nonsense",
      "a.b",
      `${confirmToken}x`,
      confirmToken.slice(0, -1),
      flip(confirmToken, 3), // the volunteer id part
      flip(confirmToken, 25), // the expiry part
      flip(confirmToken, confirmToken.length - 3), // the signature
      manageToken, // right volunteer, wrong purpose
      issueLinkToken(secret, "confirm", id), // a pledge confirm token for the same id
      issueLinkToken(Buffer.alloc(32, 1), "volunteer-confirm", id), // signed with another secret
      issueLinkToken(secret, "volunteer-confirm", crypto.randomUUID()), // genuine, for nobody
    ];
    const before = await snapshot();
    for (const token of forged) {
      expect(await service().inspectConfirm(token), token).toBe("unknown");
      expect(await service().confirm(token), token).toBe("unknown");
    }
    expect(await snapshot()).toEqual(before);
  });

  it("an expired link is recognised, confirms nothing, and a fresh link still works", async () => {
    await registerFiona();
    const id = (await db.volunteer.findFirstOrThrow()).id;
    const old = volunteerLinks(secret, SITE_URL, id, new Date(Date.now() - 8 * DAY_MS)).confirmUrl;
    const expired = old.split("/").at(-1)!;

    const before = await snapshot();
    expect(await service().inspectConfirm(expired)).toBe("expired");
    expect(await service().confirm(expired)).toBe("expired");
    expect(await snapshot()).toEqual(before);

    // The link from the email, pressed 8 days on, has expired too.
    const { confirmToken } = await confirmationFor(db, EMAIL);
    expect(await service().confirm(confirmToken, new Date(Date.now() + 8 * DAY_MS))).toBe("expired");
    expect(await db.volunteer.findFirstOrThrow()).toMatchObject({ status: "pending" });

    expect(await service().confirm(confirmToken)).toBe("confirmed");
    // Once confirmed, an old link just says so, and sends nothing more.
    expect(await service().confirm(expired)).toBe("confirmed");
    expect(await service().inspectConfirm(expired)).toBe("valid");
    expect(await db.outboxMessage.count()).toBe(3);
  });

  it("a link for a volunteer who has since withdrawn finds nobody", async () => {
    const { confirmToken, manageToken } = await registerFiona();
    expect(await service().withdrawAndErase(manageToken)).toBe(true);
    expect(await service().inspectConfirm(confirmToken)).toBe("unknown");
    expect(await service().confirm(confirmToken)).toBe("unknown");
    expect(await db.volunteer.count()).toBe(0);
    expect(await emailsTo(db, TEAM_EMAIL)).toEqual([]);
  });
});
