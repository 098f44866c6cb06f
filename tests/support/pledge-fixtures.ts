import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { nationValues } from "@/lib/values/nations";
import { createAdmission } from "@/lib/pledge/admission";
import { alreadySignedEmail, confirmSignatureEmail } from "@/lib/pledge/emails";
import { links } from "@/lib/pledge/links";
import { createSigningLimits } from "@/lib/pledge/limits";
import { createSigner, type SignContext, type SignOutcome } from "@/lib/pledge/sign";
import { signPledgeSchema, type SignPledgeInput } from "@/lib/validation/pledge";
import type { DatabaseProvider } from "@/prisma/database-target";
import { solvedChallenge } from "@/tests/support/challenge";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";

// Shared by the pledge tests: a signer wired as lib/pledge/index.ts wires the app's, sign-up input as the
// form would send it, and the links out of the emails in the outbox.

export const PROVIDERS: readonly DatabaseProvider[] = ["sqlite", "postgresql"];

export const newSecret = (): Buffer => crypto.randomBytes(32);

export type PledgeFields = {
  name?: unknown;
  email?: unknown;
  nation?: unknown;
  country?: unknown;
  campaignEmails?: unknown;
  website?: unknown;
  altcha?: unknown;
};

/** What a person fills in, before validation. Keys set to undefined are left out, as a browser would. */
export function pledgeFields(secret: Buffer, overrides: PledgeFields = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    name: "Jo Bloggs",
    email: "jo.bloggs@example.org",
    nation: "england",
    ...overrides,
  };
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return fields;
}

/** Validated input, exactly as the route and the server action hand it to the signer. */
export function pledgeInput(secret: Buffer, overrides: PledgeFields = {}): SignPledgeInput {
  return signPledgeSchema.parse(pledgeFields(secret, overrides));
}

/** The secret each test database's signer uses, so emailsTo can rebuild the links it signed. */
const secretsOf = new WeakMap<DbClient, Buffer>();

export type TestSigner = (
  input: SignPledgeInput,
  context: Pick<SignContext, "clientAddress"> & Partial<SignContext>,
) => Promise<SignOutcome>;

/**
 * A signer configured as the app's (one batch at a time on SQLite, four on PostgreSQL), with the free
 * allowance per network as given. Context fields left out read as "no challenge solved, no partner".
 */
export function newSigner(
  db: DbClient,
  provider: DatabaseProvider,
  secret: Buffer,
  freePerAddressPerHour = 100_000,
): TestSigner {
  secretsOf.set(db, secret);
  const sign = createSigner(db, {
    secret,
    admit: createAdmission(createSigningLimits(db, { freePerAddressPerHour })),
    concurrentBatches: provider === "sqlite" ? 1 : 4,
  });
  return (input, context) => sign(input, { solvedChallenge: false, ...context });
}

/** A different client address per call, so the per-network allowance stays out of the way unless wanted. */
let clients = 0;
export function someClient(): { clientAddress: string } {
  clients += 1;
  return { clientAddress: `198.51.${Math.floor(clients / 250) % 250}.${clients % 250}` };
}

const confirmPattern = /\/pledge\/confirm\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/;
const managePattern = /\/pledge\/manage\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/;

/** The confirm token in an email's plain text, or undefined when the email has no confirm link. */
export function confirmTokenIn(text: string): string | undefined {
  return confirmPattern.exec(text)?.[1];
}

export function manageTokenIn(text: string): string {
  const token = managePattern.exec(text)?.[1];
  if (!token) throw new Error("email has no manage link");
  return token;
}

/**
 * Every queued email to `address`, oldest first, as the supporter would read it. The outbox holds only
 * the template, the signature's id and when the link was issued; this renders the same wording the
 * worker's templates use (lib/mail/templates/pledge.ts), from the signature as it is now.
 */
export async function emailsTo(db: DbClient, address: string) {
  const secret = secretsOf.get(db);
  if (!secret) throw new Error("emailsTo needs a signer made with newSigner for this database first");
  const signatures = await db.signature.findMany({
    where: { email: address },
    select: { id: true, name: true, email: true, status: true },
  });
  const byId = new Map(signatures.map((signature) => [signature.id, signature]));
  const rows = await db.outboxMessage.findMany({
    where: { refId: { in: [...byId.keys()] } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((row) => {
    const signature = byId.get(row.refId!)!;
    const issuedAt = new Date((JSON.parse(row.params ?? "{}") as { issuedAt: string }).issuedAt);
    const urls = links(secret, signature.id, issuedAt);
    const email =
      row.kind === "pledge-confirm"
        ? confirmSignatureEmail(signature.name, urls)
        : alreadySignedEmail(
            signature.name,
            signature.status === "confirmed" ? { manageUrl: urls.manageUrl } : urls,
          );
    return {
      kind: email.kind,
      subject: email.subject,
      text: email.text,
      html: email.html,
      toAddress: address,
    };
  });
}

/** The confirm token from the one confirmation email queued for `address`. */
export async function confirmTokenFor(db: DbClient, address: string): Promise<string> {
  const emails = await emailsTo(db, address);
  const confirmation = emails.filter((email) => email.kind === "pledge-confirm");
  if (confirmation.length !== 1)
    throw new Error(`expected one confirmation email, found ${confirmation.length}`);
  const token = confirmTokenIn(confirmation[0]!.text);
  if (!token) throw new Error("confirmation email has no confirm link");
  return token;
}

/** Empties the pledge's tables (signatures, their emails, the running totals) between tests. */
export async function clearPledgeTables(db: DbClient): Promise<void> {
  await db.outboxMessage.deleteMany();
  await db.signature.deleteMany();
  await db.pledgeTotal.deleteMany();
}

/** Everything a test may compare in a signature row, with dates as ISO strings. */
export async function signatureRows(db: DbClient) {
  const rows = await db.signature.findMany({ orderBy: { emailKey: "asc" } });
  return rows.map((row) => ({
    ...row,
    consentAt: row.consentAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    repeatWindowStartedAt: row.repeatWindowStartedAt?.toISOString() ?? null,
  }));
}

// ---------------------------------------------------------------------------------------------------------
// POST /api/pledge against a real database. The route uses the app's own `db` (lib/platform/db.ts), which reads
// DATABASE_URL once, at import; so each provider gets its own test file (vitest runs files in separate
// processes), and the route is imported afresh once the environment names the test database.
// The calling file must mock next/headers, which only a running Next.js provides.

type Post = (request: Request) => Promise<Response>;

type BadRequest = {
  what: string;
  contentType: string | undefined;
  body: string;
  extraHeaders?: Record<string, string>;
  status: 413 | 415 | 422;
  /** Fields that must carry a message (422 for fields the schema refused; absent when the body itself is unreadable). */
  fields?: string[];
};

const DELETE = Symbol("delete");
type Corruption = { field: string; value: unknown; fieldLevel: boolean };

/** Values of the wrong JSON type for a text field. */
const wrongType = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

const longText = (min: number, max: number) => fc.integer({ min, max }).map((n) => "x".repeat(n));

/** Field problems a person, a script or an attacker might send. String-valued ones also go as form posts. */
function corruptions(stringOnly: boolean): fc.Arbitrary<Corruption> {
  const typed = (field: string, fieldLevel = true) =>
    stringOnly ? [] : [wrongType.map((value) => ({ field, value, fieldLevel }))];
  const set = (field: string, values: fc.Arbitrary<unknown>, fieldLevel = true) =>
    values.map((value) => ({ field, value, fieldLevel }));
  return fc.oneof(
    // name
    set("name", fc.constant(DELETE)),
    set("name", fc.constantFrom("", " ", "   \t ")),
    set(
      "name",
      fc
        .tuple(
          fc.constantFrom("", " ", "  "),
          fc.constantFrom("=", "+", "-", "@"),
          fc.string({ maxLength: 30 }),
        )
        .map((parts) => parts.join("")),
    ),
    set(
      "name",
      fc
        .tuple(
          fc.constantFrom("Jo ", "Visit ", "", "Jo Bloggs "),
          fc.constantFrom(
            "http://spam.example",
            "https://x.y/z",
            "www.cheap.net",
            "pills.com",
            "win.ru",
            "x.io",
          ),
          fc.constantFrom("", " now", "!"),
        )
        .map((parts) => parts.join("")),
    ),
    set("name", longText(101, 3_000)),
    set(
      "name",
      fc.constantFrom("\u0000", "\u0007", "\u001b", "\u007f", "\u0085").map((c) => `Jo${c}Bloggs`),
    ),
    ...typed("name"),
    // email
    set("email", fc.constant(DELETE)),
    set("email", fc.constantFrom("", "  ")),
    set(
      "email",
      fc.constantFrom(
        "jo",
        "jo@",
        "@example.org",
        "jo@@example.org",
        "jo bloggs@example.org",
        "jo@example",
        "jo@.org",
        "<jo@example.org>",
        "jo@example.org, ann@example.org",
        "jo@exa mple.org",
        "jo@example..org",
        "=jo@example.org;",
      ),
    ),
    set(
      "email",
      fc.integer({ min: 255, max: 1_500 }).map((n) => `${"a".repeat(n - 12)}@example.org`),
    ),
    set(
      "email",
      fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !s.includes("@")),
    ),
    ...typed("email"),
    // nation
    set("nation", fc.constant(DELETE)),
    set(
      "nation",
      fc.oneof(
        fc.constantFrom("England", "UK", "gb", "Other", "britain", "ni", " england", "", "cornwall"),
        fc.string({ maxLength: 12 }).filter((s) => !(nationValues as readonly string[]).includes(s)),
      ),
    ),
    ...typed("nation"),
    // outside the UK, with no country or one that is not on the list (the UK itself included)
    set(
      "other-country",
      fc.constantFrom(DELETE, "", " ", "GB", "gb", " GB ", "UK", "XX", "ZZ", "EU", "USA", "France", "U"),
      false,
    ),
    ...(stringOnly ? [] : [set("other-country", wrongType, true)]),
    // Not corrupted here: the tick box (anything but a tick reads as "no") and the hidden honeypot and
    // timing fields (signals, never errors) cannot make a request invalid; tests/unit/pledge-validation-
    // messages.test.ts proves they are accepted.
  );
}

function applyCorruptions(base: Record<string, unknown>, list: Corruption[]) {
  const body: Record<string, unknown> = { ...base };
  for (const { field, value } of list) {
    if (field === "other-country") {
      body.nation = "other";
      if (value === DELETE) delete body.country;
      else body.country = value;
    } else if (value === DELETE) delete body[field];
    else body[field] = value;
  }
  // Later corruptions overwrite earlier ones (the country one also sets nation): only the last to touch
  // a field is still there to be refused.
  const touched = new Set<string>();
  const effective: Corruption[] = [];
  for (const corruption of [...list].reverse()) {
    const fields = corruption.field === "other-country" ? ["nation", "country"] : [corruption.field];
    if (fields.every((field) => !touched.has(field))) effective.push(corruption);
    fields.forEach((field) => touched.add(field));
  }
  return { body, effective };
}

const jsonTypes = fc.constantFrom("application/json", "application/json; charset=utf-8", "Application/JSON");
const formType = "application/x-www-form-urlencoded";

function badRequests(validBody: () => Record<string, unknown>): fc.Arbitrary<BadRequest> {
  const base = fc.constantFrom<Record<string, unknown>>(
    { name: "Jo Bloggs", email: "jo.bloggs@example.org", nation: "england" },
    {
      name: "Ana María O’Neill",
      email: "Ana.Maria+pledge@gmail.com",
      nation: "northern-ireland",
      campaignEmails: "yes",
    },
    { name: "J.R. Smith", email: "jr@example.co.uk", nation: "other", country: "fr" },
    { name: "李小龍", email: "lee@example.net", nation: "wales", campaignEmails: true },
  );

  const invalidJsonObject = fc
    .tuple(base, fc.array(corruptions(false), { minLength: 1, maxLength: 3 }), jsonTypes)
    .map(([fields, list, contentType]): BadRequest => {
      const { body, effective } = applyCorruptions({ ...fields }, list);
      return {
        what: "invalid fields (JSON)",
        contentType,
        body: JSON.stringify(body),
        status: 422,
        fields: [...new Set(effective.filter((c) => c.fieldLevel).map((c) => c.field))],
      };
    })
    // Several corruptions may cancel out to nothing left to refuse (e.g. country set, then nation reset).
    .filter((request) => request.fields!.length > 0 || !isValidPledge(JSON.parse(request.body)));

  const invalidForm = fc
    .tuple(base, fc.array(corruptions(true), { minLength: 1, maxLength: 3 }))
    .map(([fields, list]): BadRequest => {
      const { body, effective } = applyCorruptions({ ...fields }, list);
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(body)) form.set(key, value === true ? "yes" : String(value));
      return {
        what: "invalid fields (form post)",
        contentType: formType,
        body: form.toString(),
        status: 422,
        fields: [...new Set(effective.filter((c) => c.fieldLevel).map((c) => c.field))],
      };
    })
    .filter((request) => !isValidPledge(Object.fromEntries(new URLSearchParams(request.body))));

  const notAnObject = fc
    .tuple(
      fc.oneof(
        fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
        fc.constant([validBody()]),
        fc.integer(),
        fc.string({ maxLength: 20 }),
        fc.boolean(),
        fc.constant(null),
      ),
      jsonTypes,
    )
    .map(([value, contentType]): BadRequest => ({
      what: "JSON that is not an object",
      contentType,
      body: JSON.stringify(value),
      status: 422,
    }));

  const notJson = fc
    .tuple(
      fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.constantFrom(
          "",
          "{",
          "{name: 'Jo'}",
          "name=Jo&email=jo@example.org",
          "<pledge/>",
          "undefined",
          '{"name":}',
        ),
        fc.constant(JSON.stringify(validBody()).slice(0, -1)),
      ),
      jsonTypes,
    )
    .filter(([text]) => !parsesAsJson(text))
    .map(([text, contentType]): BadRequest => ({
      what: "a body that is not JSON",
      contentType,
      body: text,
      status: 422,
    }));

  // A perfectly good pledge, sent as something we do not read.
  const wrongContentType = fc
    .constantFrom(
      undefined,
      "",
      "text/plain",
      "text/html",
      "multipart/form-data; boundary=xyz",
      "application/xml",
      "text/json",
      "application/jsonp",
      "application/json-patch+json",
      "application/x-www-form-urlencodedx",
      "json",
    )
    .map((contentType): BadRequest => ({
      what: "a good pledge with the wrong content type",
      contentType,
      body: JSON.stringify(validBody()),
      status: 415,
    }));

  // Also a good pledge, padded past 16 KB: refused before it is read in full, however its size is declared.
  const tooLarge = fc
    .tuple(
      fc.integer({ min: 16 * 1024 + 1, max: 64 * 1024 }),
      fc.constantFrom("x", "€", "😀"),
      fc.constantFrom("none", "honest", "lying-small", "lying-large"),
      fc.constantFrom("json", "form"),
    )
    .map(([bytes, pad, declared, kind]): BadRequest => {
      const good = validBody();
      const padding = pad.repeat(Math.ceil(bytes / Buffer.byteLength(pad)));
      const body =
        kind === "json"
          ? JSON.stringify({ ...good, padding })
          : new URLSearchParams({ ...(good as Record<string, string>), padding }).toString();
      const size = Buffer.byteLength(body);
      const extraHeaders: Record<string, string> =
        declared === "honest"
          ? { "content-length": String(size) }
          : declared === "lying-small"
            ? { "content-length": "200" }
            : declared === "lying-large"
              ? { "content-length": String(size + 1_000_000) }
              : {};
      return {
        what: `a body over 16 KB (${declared})`,
        contentType: kind === "json" ? "application/json" : formType,
        body,
        extraHeaders,
        status: 413,
      };
    });

  // A small body that declares itself over 16 KB is refused on its word.
  const declaredTooLarge = fc
    .integer({ min: 16 * 1024 + 1, max: 10_000_000 })
    .map((declared): BadRequest => ({
      what: "a body declared over 16 KB",
      contentType: "application/json",
      body: JSON.stringify(validBody()),
      extraHeaders: { "content-length": String(declared) },
      status: 413,
    }));

  return fc.oneof(
    { weight: 6, arbitrary: invalidJsonObject },
    { weight: 3, arbitrary: invalidForm },
    { weight: 1, arbitrary: notAnObject },
    { weight: 1, arbitrary: notJson },
    { weight: 1, arbitrary: wrongContentType },
    { weight: 1, arbitrary: tooLarge },
    { weight: 1, arbitrary: declaredTooLarge },
  );
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function isValidPledge(input: unknown): boolean {
  return signPledgeSchema.safeParse(input).success;
}

/** Without a content type of our own, fetch labels a string body text/plain: still not JSON, still 415. */
function requestFor(bad: BadRequest): Request {
  const headers = new Headers(bad.extraHeaders);
  if (bad.contentType !== undefined) headers.set("content-type", bad.contentType);
  return new Request("http://localhost/api/pledge", { method: "POST", headers, body: bad.body });
}

/**
 * The production server's fast path (lib/entry/pledge-ingest.ts) on a real node:http server, reached the
 * way a client reaches it: over a socket. A Content-Length that lies about a body under the limit cannot
 * travel over HTTP (the framing would cut the body short), so such a request is sent chunked instead.
 */
async function ingestServer(): Promise<{ post: Post; close: () => Promise<void> }> {
  const { ingestPledge } = await import("@/lib/entry/pledge-ingest");
  const server = http.createServer((req, res) => {
    ingestPledge(req, res).catch(() => {
      res.statusCode = 500;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const post: Post = async (request) => {
    const body = Buffer.from(await request.arrayBuffer());
    const headers: Record<string, string> = Object.fromEntries(request.headers);
    const declared = headers["content-length"];
    if (declared !== undefined && Number(declared) !== body.length && Number(declared) <= 16 * 1024)
      delete headers["content-length"];
    return new Promise<Response>((resolve, reject) => {
      const outgoing = http.request(
        { host: "127.0.0.1", port, method: "POST", path: "/api/pledge", headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("end", () => {
            const answerHeaders = new Headers();
            for (const [name, value] of Object.entries(res.headers))
              if (typeof value === "string") answerHeaders.set(name, value);
            resolve(new Response(Buffer.concat(chunks), { status: res.statusCode, headers: answerHeaders }));
          });
        },
      );
      // Once the answer is in, a connection the server closed on a refused body is no failure.
      outgoing.on("error", reject);
      outgoing.end(body);
    });
  };
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { post, close };
}

const carriers = {
  "the route handler": "route",
  "the production server's fast path": "ingest",
} as const;

/** The shared body of pledge-api-sqlite.test.ts and pledge-api-postgres.test.ts, through both carriers. */
export function describePledgeApi(provider: DatabaseProvider): void {
  for (const [label, carrier] of Object.entries(carriers)) describePledgeApiThrough(provider, label, carrier);
}

function describePledgeApiThrough(
  provider: DatabaseProvider,
  label: string,
  carrier: "route" | "ingest",
): void {
  describe(`POST /api/pledge on ${provider}, through ${label}`, () => {
    let closeIngest: (() => Promise<void>) | undefined;
    let database: TestDatabase;
    let dataDir: string;
    let POST: Post;
    let appDb: DbClient;
    const appSecret = newSecret();
    const settings = ["DATABASE_URL", "DATA_DIR", "APP_SECRET", "PLEDGE_API_KEYS"] as const;
    const partnerKey = crypto.randomBytes(32).toString("base64url");
    const savedEnv = Object.fromEntries(settings.map((name) => [name, process.env[name]]));
    const validBody = () => ({
      name: "Jo Bloggs",
      email: "jo.bloggs@example.org",
      nation: "england",
    });

    beforeAll(async () => {
      database = await createTestDatabase(provider);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cui-pledge-api-"));
      process.env.DATABASE_URL = database.url;
      process.env.DATA_DIR = dataDir;
      process.env.APP_SECRET = appSecret.toString("base64url");
      process.env.PLEDGE_API_KEYS = `partner-example:${partnerKey}`;
      // lib/platform/env.ts and lib/platform/db.ts were already evaluated (the database helpers import them): start afresh,
      // so the route's `db` is bound to the test database. lib/platform/db.ts keeps its client on globalThis.
      vi.resetModules();
      delete (globalThis as { countUsInDb?: unknown }).countUsInDb;
      if (carrier === "route") ({ POST } = await import("@/app/api/pledge/route"));
      else ({ post: POST, close: closeIngest } = await ingestServer());
      ({ db: appDb } = await import("@/lib/platform/db"));
    });

    afterAll(async () => {
      await closeIngest?.();
      await appDb?.$disconnect();
      await database?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
      for (const name of settings)
        if (savedEnv[name] === undefined) delete process.env[name];
        else process.env[name] = savedEnv[name];
    });

    it("answers every bad request with a 4xx and a message, and stores nothing", async () => {
      const db = database.client;
      const seen = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(badRequests(validBody), async (bad) => {
          seen.set(bad.what, (seen.get(bad.what) ?? 0) + 1);
          const response = await POST(requestFor(bad));
          expect(response.status).toBe(bad.status);
          expect(response.headers.get("cache-control")).toBe("no-store");
          const answer = (await response.json()) as {
            message?: unknown;
            fieldErrors?: Record<string, unknown>;
          };
          expect(typeof answer.message).toBe("string");
          expect((answer.message as string).length).toBeGreaterThan(10);
          // One shape for every refusal of input: a sentence, and a message per field it can name.
          if (bad.status === 422) expect(typeof answer.fieldErrors).toBe("object");
          if (bad.fields) {
            const fieldErrors = answer.fieldErrors ?? {};
            expect(Object.keys(fieldErrors).length).toBeGreaterThan(0);
            for (const message of Object.values(fieldErrors)) expect(typeof message).toBe("string");
            for (const field of bad.fields ?? [])
              expect(fieldErrors).toHaveProperty(field === "other-country" ? "country" : field);
          }
        }),
        { numRuns: 2_000 },
      );
      // Every kind of bad request was tried many times (each over-16 KB variant some 35 times).
      expect(seen.size).toBe(10);
      for (const count of seen.values()) expect(count).toBeGreaterThanOrEqual(10);
      expect(await db.signature.count()).toBe(0);
      expect(await db.outboxMessage.count()).toBe(0);
    }, 60_000);

    it("accepts a pledge with a solved challenge or a partner key, as JSON or a form post, with one answer whatever was stored", async () => {
      const db = database.client;
      const post = (contentType: string, body: string, headers: Record<string, string> = {}) =>
        POST(
          new Request("http://localhost/api/pledge", {
            method: "POST",
            headers: { "content-type": contentType, ...headers },
            body,
          }),
        );

      const asJson = await post(
        "application/json",
        JSON.stringify({ ...validBody(), campaignEmails: true, altcha: await solvedChallenge(appSecret) }),
      );
      const asForm = await post(
        formType,
        new URLSearchParams({
          ...validBody(),
          email: "ann@example.org",
          nation: "other",
          country: "ie",
          altcha: await solvedChallenge(appSecret),
        }).toString(),
      );
      const byPartner = await post(
        "application/json",
        JSON.stringify({ ...validBody(), email: "partner.signer@example.org" }),
        { authorization: `Bearer ${partnerKey}` },
      );
      // Already signed: the same answer, and an email (not the page) says so.
      const again = await post(
        "application/json",
        JSON.stringify({ ...validBody(), altcha: await solvedChallenge(appSecret) }),
      );
      const answers = await Promise.all(
        [asJson, asForm, byPartner, again].map(async (r) => [r.status, await r.json()]),
      );
      expect(answers[0]).toEqual([
        202,
        {
          status: "check-email",
          message: "Check your email: we have sent you a link to confirm your signature.",
        },
      ]);
      for (const answer of answers.slice(1)) expect(answer).toEqual(answers[0]);

      const rows = await db.signature.findMany({ orderBy: { email: "asc" } });
      expect(rows.map((row) => [row.email, row.status, row.nation, row.country, row.campaignEmails])).toEqual(
        [
          ["ann@example.org", "pending", "other", "IE", false],
          ["jo.bloggs@example.org", "pending", "england", "GB", true],
          ["partner.signer@example.org", "pending", "england", "GB", false],
        ],
      );
      const emails = await db.outboxMessage.findMany({ orderBy: { kind: "asc" } });
      expect(emails.map((email) => email.kind)).toEqual([
        "pledge-confirm",
        "pledge-confirm",
        "pledge-confirm",
        "pledge-repeat",
      ]);
    });

    it("refuses a call with neither a partner key nor a solved challenge, clearly, and stores nothing", async () => {
      const db = database.client;
      const attempts: Record<string, string>[] = [
        {},
        { authorization: "Bearer not-a-key-of-ours-but-long-enough-to-look-like-one" },
        { authorization: `Basic ${partnerKey}` },
      ];
      for (const headers of attempts) {
        const response = await POST(
          new Request("http://localhost/api/pledge", {
            method: "POST",
            headers: { "content-type": "application/json", ...headers },
            body: JSON.stringify({ ...validBody(), email: "no.key@example.org", altcha: "forged" }),
          }),
        );
        expect(response.status).toBe(401);
        expect(response.headers.get("www-authenticate")).toBe('Bearer realm="pledge"');
        const answer = (await response.json()) as { status: string; message: string };
        expect(answer.status).toBe("unauthorised");
        expect(answer.message).toContain("GET /api/pledge/challenge");
      }
      expect(await db.signature.count({ where: { email: "no.key@example.org" } })).toBe(0);
    });
  });
}
