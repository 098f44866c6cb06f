import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sealedWith } from "@/lib/security/field-cipher";
import type { DbClient } from "@/lib/platform/db";
import { volunteerConsent } from "@/lib/volunteers/consent";
import { rotateVolunteerKeys } from "@/lib/volunteers/rotate-keys";
import { openPersonal, sealPersonal, type VolunteerPersonal } from "@/lib/volunteers/sealed-fields";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  clearVolunteerTables,
  confirmationFor,
  emailsTo,
  newKey,
  newSecret,
  newVolunteerService,
  rawSealedValues,
  ringOf,
  someClient,
  volunteerInput,
} from "@/tests/support/volunteer-fixtures";

// Rotating the volunteer key: data sealed under the old key A is re-sealed under the new key B, after
// which A can be thrown away and everything still opens, with B alone, to exactly what people typed.

const A = newKey();
const B = newKey();
const ringA = ringOf("A", { A });
const ringAB = ringOf("B", { A, B });
const ringB = ringOf("B", { B });

/** More than one batch of the rotation command (it reads 200 rows at a time). */
const BULK = 250;

describe.each(PROVIDERS)("rotating the volunteer key on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(() => clearVolunteerTables(db));

  /** Volunteers as people typed them, registered through the service under key A. */
  const people: VolunteerPersonal[] = [
    {
      name: "Ailsa Rotation",
      email: "ailsa.rotation@example.org",
      phone: "+447912345678",
      note: "Before the rotation.",
    },
    { name: "Brodie Nophone", email: "brodie@example.org", note: "No phone given." },
    { name: "Catriona Nonote", email: "catriona@example.org", phone: "+441414960000" },
    { name: "Dòmhnall Bare", email: "domhnall@example.org" },
  ];

  async function registerUnderA() {
    const service = newVolunteerService(db, secret, ringA);
    for (const person of people)
      await service.register(
        volunteerInput(secret, {
          ...person,
          phone: person.phone ?? undefined,
          note: person.note ?? undefined,
          contactBy: person.phone ? "phone" : "email",
        }),
        someClient(),
      );
  }

  /** Rows written straight to the table, as an older release would have left them. */
  async function bulkUnderA(count: number) {
    const at = new Date();
    await db.volunteer.createMany({
      data: Array.from({ length: count }, (_, i) => ({
        emailLookup: `bulk-lookup-${i}`,
        ...sealPersonal(ringA, {
          name: `Bulk Person ${i}`,
          email: `bulk${i}@example.org`,
          ...(i % 2 ? { phone: "+447912345678" } : {}),
          ...(i % 3 ? { note: `Note ${i}` } : {}),
        }),
        healthBoard: "Fife",
        helpWith: "media",
        contactBy: "email",
        healthConsentVersion: volunteerConsent.version,
        healthConsentAt: at,
        clientHash: "test",
      })),
    });
  }

  async function keysInUse(): Promise<Set<string | undefined>> {
    const rows = await rawSealedValues(database);
    return new Set(
      rows
        .flatMap((row) => [row.nameSealed, row.emailSealed, row.phoneSealed, row.noteSealed])
        .filter((value): value is string => value !== null)
        .map(sealedWith),
    );
  }

  it("re-seals everything under the new key; the old key is then not needed; a re-run re-seals 0", async () => {
    await registerUnderA();
    await bulkUnderA(BULK);
    const total = people.length + BULK;
    expect(await keysInUse()).toEqual(new Set(["A"]));
    const before = new Map((await db.volunteer.findMany()).map((row) => [row.id, openPersonal(ringA, row)]));

    expect(await rotateVolunteerKeys(db, ringAB)).toEqual({ resealed: total, checked: total });
    expect(await keysInUse()).toEqual(new Set(["B"]));

    // With key A gone, every value opens to what it was.
    const after = new Map((await db.volunteer.findMany()).map((row) => [row.id, openPersonal(ringB, row)]));
    expect(after).toEqual(before);
    for (const person of people) expect([...after.values()]).toContainEqual(person);

    expect(await rotateVolunteerKeys(db, ringAB)).toEqual({ resealed: 0, checked: total });
    expect(await rotateVolunteerKeys(db, ringB)).toEqual({ resealed: 0, checked: total });
  });

  it("only what is still under the old key is rewritten, so a stopped rotation can simply be re-run", async () => {
    await bulkUnderA(10);
    // A first run stopped half way: some rows already moved to B.
    const rows = await db.volunteer.findMany({ orderBy: { id: "asc" } });
    for (const row of rows.slice(0, 4))
      await db.volunteer.update({
        where: { id: row.id },
        data: sealPersonal(ringB, openPersonal(ringA, row)),
      });
    const moved = await rawSealedValues(database);

    expect(await rotateVolunteerKeys(db, ringAB)).toEqual({ resealed: 6, checked: 10 });
    const now = await rawSealedValues(database);
    // The rows already under B were left exactly as they were.
    expect(now.slice(0, 4)).toEqual(moved.slice(0, 4));
    expect(await keysInUse()).toEqual(new Set(["B"]));
  });

  it("the service keeps working across the rotation: confirming and repeat sign-ups open data with B alone", async () => {
    await registerUnderA();
    await rotateVolunteerKeys(db, ringAB);
    const service = newVolunteerService(db, secret, ringB);

    const { confirmToken } = await confirmationFor(db, "ailsa.rotation@example.org");
    expect(await service.confirm(confirmToken)).toBe("confirmed");
    await service.register(volunteerInput(secret, { email: "Brodie+again@example.org" }), someClient());

    const welcome = (await emailsTo(db, "ailsa.rotation@example.org")).find(
      (e) => e.kind === "volunteer-welcome",
    );
    expect(welcome?.text).toContain("Dear Ailsa Rotation,");
    const repeat = (await emailsTo(db, "brodie@example.org")).find((e) => e.kind === "volunteer-repeat");
    expect(repeat?.text).toContain("Dear Brodie Nophone,");

    // New sign-ups are sealed with B from the start.
    await service.register(volunteerInput(secret, { email: "new.after@example.org" }), someClient());
    expect(await keysInUse()).toEqual(new Set(["B"]));
  });

  it("without the old key, rotation stops with a message naming the missing key and changes nothing", async () => {
    await bulkUnderA(3);
    const before = await rawSealedValues(database);
    await expect(rotateVolunteerKeys(db, ringB)).rejects.toThrow(/No key "A" in the key ring/);
    expect(await rawSealedValues(database)).toEqual(before);
  });
});
