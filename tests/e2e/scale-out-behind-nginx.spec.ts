import crypto from "node:crypto";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import type { PledgeCounts } from "@/lib/pledge/counts";
import { hrefsIn, linkIn } from "@/tests/e2e/support/mail";
import {
  confirmFromEmail,
  expectAPledgeEmail,
  newSupporter,
  signThePledge,
} from "@/tests/e2e/support/mail-round-trip";
import { type ScaleOutStack, sleep, startScaleOutStack } from "@/tests/e2e/support/scale-out-stack";
import { downloadCsv, followSignInLink, sendSignInForm, signInLinkSubject } from "@/tests/e2e/support/staff";
import {
  confirmVolunteerFromEmail,
  confirmEmailSubject as volunteerConfirmSubject,
  expectAVolunteerEmail,
  newVolunteer,
  offerToHelp,
} from "@/tests/e2e/support/volunteer";

// Issue #9, point 7: production's shape, tested. Debian's nginx, with the configuration file production
// uses (tests/support/nginx/count-us-in.conf.template), in front of two instances of the production
// server on one PostgreSQL database of this spec's own (tests/e2e/support/scale-out-stack.ts):
//
// - the supporter's, the volunteer's and the staff member's journeys work through it, in a browser;
// - 400 people each signing twice, once through each instance, at the same moment: exactly 400 rows,
//   every person emailed, nobody more than a confirmation and one repeat notice, no 5xx; and once some
//   confirm, both instances show the same count, equal to the confirmations, within 5 s;
// - X-Forwarded-For is trusted to exactly one hop, nginx's: whatever a visitor writes there, the app
//   counts them as the address nginx saw.
//
// The steps share one stack and run in order; each leaves the count as the next expects.

const CONFIRM_SUBJECT = "Please confirm your Count Us In signature";
/** The free allowance per network in this stack: small, so "one allowance, not one per forged address" shows. */
const FREE_PER_ADDRESS = 2;
const PEOPLE = 400;
/** How many of the 400 confirm afterwards. */
const CONFIRMING = 40;

test.describe.configure({ mode: "serial" });

test.describe("Two instances behind nginx, on one PostgreSQL", () => {
  let stack: ScaleOutStack;
  let context: BrowserContext;
  let page: Page;
  const runId = crypto.randomUUID().slice(0, 8);
  const supporter = newSupporter("scale-js", { name: "Nia Example", livesIn: "Wales" });

  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    test.setTimeout(150_000);
    stack = await startScaleOutStack({
      label: "scale",
      env: {
        SIGNUPS_FREE_PER_ADDRESS_PER_HOUR: String(FREE_PER_ADDRESS),
        SIGNUPS_PER_IP_PER_MINUTE: "1000",
      },
    });
    // The site as visitors reach it: through nginx.
    context = await browser.newContext({ baseURL: stack.url });
    page = await context.newPage();
  });

  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus && stack)
      await testInfo.attach("instances, nginx and PostgreSQL logs", {
        body: stack.logs(),
        contentType: "text/plain",
      });
  });

  test.afterAll(async () => {
    await context?.close();
    await stack?.close();
  });

  /** The count as an instance (or nginx) answers it now. */
  async function countAt(base: string): Promise<number> {
    const response = await fetch(`${base}/api/pledge/count`, { signal: AbortSignal.timeout(5_000) });
    expect(response.status, `${base}/api/pledge/count answers 200`).toBe(200);
    return ((await response.json()) as PledgeCounts).total;
  }

  async function confirmedInDatabase(): Promise<number> {
    const [row] = await stack.postgres.query<{ n: string }>(
      `SELECT count(*) AS n FROM "Signature" WHERE status = 'confirmed'`,
    );
    return Number(row!.n);
  }

  // What the app keeps of the client's address is a keyed hash of it (Signature.clientHash): the key to
  // its allowance. Equal hashes mean the app took the requests for one network.
  const hashes = async (emails: string[]) => {
    const rows = await stack.postgres.query<{ email: string; clientHash: string; status: string }>(
      `SELECT email, "clientHash", status FROM "Signature" WHERE email = ANY($1)`,
      [emails],
    );
    return new Map(rows.map((row) => [row.email, row]));
  };

  /** Sign-up through the partner API, returning the status; `via` is nginx or one instance. */
  async function signViaApi(via: string, email: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${via}/api/pledge`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Authorization: `Bearer ${stack.apiKey}`,
        ...headers,
      },
      body: JSON.stringify({ name: "Pat Example", email, nation: "england" }),
      signal: AbortSignal.timeout(60_000),
    });
    return { status: response.status, body: await response.text() };
  }

  test("a supporter signs through nginx in a browser, confirms from the email, and is counted within 5 s", async () => {
    test.setTimeout(60_000);
    const before = await countAt(stack.url);

    await test.step("signs at nginx's /pledge, with JavaScript", () => signThePledge(page, supporter));

    const email =
      await test.step("gets the confirmation email, its links on the public address", async () => {
        const [email] = await stack.waitForEmails(supporter.email, 1);
        expectAPledgeEmail(email!, CONFIRM_SUBJECT);
        const confirmUrl = linkIn(email!, "/pledge/confirm/");
        expect(confirmUrl, "the link points at nginx (SITE_URL), not at an instance").toMatch(
          new RegExp(`^${stack.url}/pledge/confirm/`),
        );
        expect(hrefsIn(email!)).toContain(confirmUrl);
        return email!;
      });

    await test.step("confirms, through nginx", () => confirmFromEmail(page, email));

    await test.step("the count through nginx moves by one within 5 s", async () => {
      await expect
        .poll(() => countAt(stack.url), { message: "count through nginx", timeout: 5_000, intervals: [250] })
        .toBe(before + 1);
    });
  });

  test("a volunteer offers to help through nginx, and confirms from the email", async () => {
    test.setTimeout(60_000);
    const volunteer = newVolunteer("scale-volunteer", { name: "Ailsa Example" });
    await test.step("fills the form in and lands on Check your email", () => offerToHelp(page, volunteer));
    const [email] = await stack.waitForEmails(volunteer.email, 1);
    expectAVolunteerEmail(email!, volunteerConfirmSubject);
    await test.step("confirms from the email", () => confirmVolunteerFromEmail(page, email!));
    await test.step("the campaigns team hears that someone is waiting", async () => {
      const [notice] = await stack.waitForEmails(stack.campaignsTeamEmail, 1);
      expect(notice!.subject).toBe("A new volunteer is waiting");
    });
  });

  test("a campaigner signs in with the emailed link and exports the signatures, through nginx", async () => {
    test.setTimeout(90_000);
    const staffEmail = `staff-scale.${runId}@example.org`;
    await test.step("is added with `npm run admin:add`", () => stack.addStaff(staffEmail, "campaigner"));

    await test.step("asks for a link, follows it, and lands on the dashboard", async () => {
      await sendSignInForm(page, staffEmail);
      await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
      const [message] = await stack.waitForEmails(staffEmail, 1);
      expect(message!.subject).toBe(signInLinkSubject);
      const link = linkIn(message!, "/admin/sign-in/verify");
      expect(link, "the sign-in link is on nginx's address").toMatch(new RegExp(`^${stack.url}/`));
      await followSignInLink(page, link!);
      await expect(page).toHaveURL("/admin");
      await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    });

    await test.step("downloads the signatures CSV and finds the supporter, confirmed", async () => {
      await page.goto("/admin/signatures");
      const csv = await downloadCsv(page, page.getByRole("link", { name: /^Download CSV/ }));
      expect(csv.filename).toMatch(/^signatures-\d{4}-\d{2}-\d{2}\.csv$/);
      const row = csv.rows.find((candidate) => candidate.Email === supporter.email);
      expect(row, `${supporter.email} is in the export`).toBeDefined();
      expect(row!.Name).toBe(supporter.name);
      expect(row!.Status).toBe("confirmed");
      expect(row!.Nation).toBe("wales");
    });
  });

  test("X-Forwarded-For is trusted to exactly one hop: a forged address counts as the address nginx saw", async () => {
    test.setTimeout(60_000);
    const address = (label: string) => `xff-${label}.${runId}@example.org`;
    const [app1, app2] = stack.instances;

    await test.step("partner sign-ups with forged X-Forwarded-For through nginx, and straight to the instances", async () => {
      const sent: [string, string, Record<string, string>][] = [
        [address("nginx-plain"), stack.url, {}],
        [address("nginx-forged-1"), stack.url, { "X-Forwarded-For": "203.0.113.1" }],
        [address("nginx-forged-2"), stack.url, { "X-Forwarded-For": "203.0.113.2" }],
        [address("nginx-forged-chain"), stack.url, { "X-Forwarded-For": "198.51.100.9, 203.0.113.3" }],
        // Straight to an instance from 127.0.0.1 (the address nginx connects from), no header...
        [address("direct-plain"), app1!.url, {}],
        // ...and as if a proxy had appended 203.0.113.1: the one hop the app trusts.
        [address("direct-one-hop"), app2!.url, { "X-Forwarded-For": "203.0.113.1" }],
      ];
      for (const [email, via, headers] of sent)
        expect((await signViaApi(via, email, headers)).status, `${email} accepted`).toBe(202);
      const stored = await hashes(sent.map(([email]) => email));
      const hashOf = (label: string) => stored.get(address(label))?.clientHash;
      const nginxView = hashOf("nginx-plain");
      expect(nginxView, "stored with a client hash").toBeTruthy();
      for (const label of ["nginx-forged-1", "nginx-forged-2", "nginx-forged-chain"])
        expect(hashOf(label), `${label}: a forged X-Forwarded-For through nginx changes nothing`).toBe(
          nginxView,
        );
      expect(hashOf("direct-plain"), "nginx's view of the client is 127.0.0.1, as a direct call's").toBe(
        nginxView,
      );
      expect(
        hashOf("direct-one-hop"),
        "one hop is trusted: the last X-Forwarded-For entry before the connection counts",
      ).not.toBe(nginxView);
    });
  });

  test(`${PEOPLE} people each sign twice, once through each instance, at the same moment`, async () => {
    test.setTimeout(150_000);
    const people = Array.from(
      { length: PEOPLE },
      (_, i) => `twice-${runId}-${String(i).padStart(3, "0")}@example.org`,
    );
    const [app1, app2] = stack.instances;
    const startedAt = Date.now();

    const answers =
      await test.step(`${2 * PEOPLE} sign-ups at once: in one order through one instance, the reverse through the other`, async () => {
        // Opposite orders are what deadlocked overlapping batches (issue #9, point 1).
        const through = (instance: typeof app1, order: string[]) =>
          order.map(async (email) => ({
            email,
            instance: instance!.name,
            ...(await signViaApi(instance!.url, email)),
          }));
        return Promise.all([...through(app1, people), ...through(app2, [...people].reverse())]);
      });
    const signedIn = Date.now() - startedAt;

    await test.step("every one answered 202, none 5xx", () => {
      const tally = new Map<number, number>();
      for (const answer of answers) tally.set(answer.status, (tally.get(answer.status) ?? 0) + 1);
      test.info().annotations.push({
        type: "answers",
        description: `${JSON.stringify(Object.fromEntries(tally))} in ${signedIn} ms`,
      });
      const failed = answers.filter((answer) => answer.status !== 202);
      expect(
        failed
          .slice(0, 10)
          .map(
            (answer) => `${answer.instance} ${answer.email}: ${answer.status} ${answer.body.slice(0, 200)}`,
          ),
        `${failed.length} sign-ups not answered 202`,
      ).toEqual([]);
    });

    await test.step(`exactly ${PEOPLE} rows, one per person`, async () => {
      const rows = await stack.postgres.query<{ email: string; n: string }>(
        `SELECT email, count(*) AS n FROM "Signature" WHERE email LIKE $1 GROUP BY email`,
        [`twice-${runId}-%`],
      );
      expect(rows.length, "people stored").toBe(PEOPLE);
      expect(
        rows.filter((row) => Number(row.n) !== 1),
        "nobody stored twice",
      ).toEqual([]);
    });

    await test.step("everyone is emailed: their confirmation, and at most one repeat notice", async () => {
      // Every email is queued with its sign-up; wait until none is left to send.
      await expect
        .poll(
          async () => {
            const [row] = await stack.postgres.query<{ n: string }>(
              `SELECT count(*) AS n FROM "OutboxMessage" WHERE status IN ('pending', 'sending')`,
            );
            return Number(row!.n);
          },
          { message: "the outbox drains", timeout: 60_000, intervals: [250] },
        )
        .toBe(0);
      // Every message the mail server took, parsed.
      await sleep(300);
      await expect.poll(() => stack.mail.messages.length).toBe(stack.mail.acceptedCount);
      // A repeat notice to someone still unconfirmed carries the same subject as the confirmation (with a
      // fresh link): it is told apart by what it says (lib/pledge/emails.ts, alreadySignedEmail).
      const byPerson = new Map<string, { confirmations: number; repeats: number }>(
        people.map((email) => [email, { confirmations: 0, repeats: 0 }]),
      );
      for (const message of stack.mail.messages)
        for (const to of message.envelopeTo) {
          const person = byPerson.get(to.toLowerCase());
          if (!person) continue;
          if (isRepeatNotice(message.parsed?.text ?? "")) person.repeats += 1;
          else person.confirmations += 1;
        }
      const repeats = [...byPerson.values()].filter((person) => person.repeats > 0).length;
      test.info().annotations.push({
        type: "emails",
        description: `${PEOPLE} people: ${PEOPLE - repeats} got a confirmation only, ${repeats} a confirmation and a repeat notice`,
      });
      const wrong = [...byPerson].filter(([, person]) => person.confirmations !== 1 || person.repeats > 1);
      expect(
        wrong.slice(0, 10).map(([email, person]) => `${email}: ${JSON.stringify(person)}`),
        `${wrong.length} people without exactly one confirmation, or with more than one repeat notice`,
      ).toEqual([]);
      const queued = await stack.postgres.query<{ email: string; confirms: string; repeats: string }>(
        `SELECT s.email,
                count(o.id) FILTER (WHERE o.kind = 'pledge-confirm') AS confirms,
                count(o.id) FILTER (WHERE o.kind <> 'pledge-confirm') AS repeats
           FROM "Signature" s LEFT JOIN "OutboxMessage" o ON o."refId" = s.id
          WHERE s.email LIKE $1 GROUP BY s.email`,
        [`twice-${runId}-%`],
      );
      expect(
        queued
          .filter((row) => Number(row.confirms) !== 1 || Number(row.repeats) > 1)
          .map((row) => `${row.email}: ${row.confirms} confirmations, ${row.repeats} others queued`),
        "the outbox: one confirmation each, at most one repeat notice",
      ).toEqual([]);
    });

    await test.step(`${CONFIRMING} of them confirm; both instances show the same count, equal to the confirmations, within 5 s`, async () => {
      const confirming = people.slice(0, CONFIRMING);
      const outcomes = await Promise.all(
        confirming.map(async (email) => {
          const message = stack.emailsTo(email).find((caught) => !isRepeatNotice(caught.text))!;
          return confirmByFormPost(linkIn(message, "/pledge/confirm/")!, stack.url);
        }),
      );
      expect(
        outcomes.filter((outcome) => outcome !== "/pledge/confirmed"),
        "every confirmation went through",
      ).toEqual([]);
      const confirmedAt = Date.now();
      const confirmed = await confirmedInDatabase();
      let counts: number[] = [];
      await expect
        .poll(
          async () => {
            counts = await Promise.all(stack.instances.map((instance) => countAt(instance.url)));
            return counts;
          },
          { message: "both instances' /api/pledge/count", timeout: 5_000, intervals: [200] },
        )
        .toEqual([confirmed, confirmed]);
      test.info().annotations.push({
        type: "count",
        description: `both instances showed ${confirmed} (the confirmed rows) ${Date.now() - confirmedAt} ms after the last confirmation`,
      });
      expect(confirmed, "the journey's supporter and the confirmations here").toBe(1 + CONFIRMING);
    });
  });

  test("both instances give a network one free allowance between them, whatever X-Forwarded-For says", async ({
    browser,
  }) => {
    test.setTimeout(60_000);
    const address = (label: string) => `xff-${label}.${runId}@example.org`;
    await test.step(`without JavaScript, ${2 * FREE_PER_ADDRESS} sign-ups each forging a new address share one allowance of ${FREE_PER_ADDRESS}`, async () => {
      const noScript = await browser.newContext({ baseURL: stack.url, javaScriptEnabled: false });
      try {
        const visitor = await noScript.newPage();
        const landedOn: string[] = [];
        for (let i = 0; i < 2 * FREE_PER_ADDRESS; i += 1) {
          // A new "address" every time: were it believed, each would come with a fresh allowance.
          await visitor.setExtraHTTPHeaders({ "X-Forwarded-For": `203.0.113.${10 + i}` });
          await visitor.goto("/pledge");
          await visitor.getByLabel("Full name").fill("Rhys Example");
          await visitor.getByLabel("Email address").fill(address(`form-${i}`));
          await visitor
            .getByRole("group", { name: "Where do you live?" })
            .getByLabel("Wales", { exact: true })
            .check();
          await visitor.getByRole("button", { name: "Sign the pledge" }).click();
          await visitor.waitForURL(/\/pledge\/(check-email|received)$/);
          landedOn.push(new URL(visitor.url()).pathname);
        }
        const emails = Array.from({ length: 2 * FREE_PER_ADDRESS }, (_, i) => address(`form-${i}`));
        const stored = await hashes(emails);
        expect(
          new Set([...stored.values()].map((row) => row.clientHash)).size,
          "one network, as nginx saw it",
        ).toBe(1);
        const statuses = emails.map((email) => stored.get(email)?.status);
        test.info().annotations.push({
          type: "allowance",
          description: `forged-address sign-ups: ${statuses.join(", ")}`,
        });
        // Both instances behind one nginx give the one allowance between them (issue #9, point 2): the first
        // FREE_PER_ADDRESS are emailed, the rest held for staff. If each forged address were believed, all
        // would be pending; if each instance kept its own allowance, up to 2 × FREE_PER_ADDRESS would be.
        expect(statuses, "the allowance is spent once, whatever X-Forwarded-For says").toEqual([
          ...Array<string>(FREE_PER_ADDRESS).fill("pending"),
          ...Array<string>(FREE_PER_ADDRESS).fill("held"),
        ]);
        expect(landedOn).toEqual([
          ...Array<string>(FREE_PER_ADDRESS).fill("/pledge/check-email"),
          ...Array<string>(FREE_PER_ADDRESS).fill("/pledge/received"),
        ]);
      } finally {
        await noScript.close();
      }
    });
  });
});

/**
 * Presses "Confirm my signature" as a browser without JavaScript does: the page's form is a server action,
 * posted back to the page as multipart with its hidden fields. Returns where the answer redirects.
 */
async function confirmByFormPost(confirmUrl: string, origin: string): Promise<string> {
  const page = await fetch(confirmUrl, { signal: AbortSignal.timeout(30_000) });
  expect(page.status, `${confirmUrl} answers 200`).toBe(200);
  const html = await page.text();
  const form = /<form\b[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1];
  expect(form, "the confirmation page has a form").toBeDefined();
  const body = new FormData();
  for (const input of form!.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(input[0])?.[1];
    if (!name) continue;
    body.append(decodeEntities(name), decodeEntities(/\bvalue="([^"]*)"/.exec(input[0])?.[1] ?? ""));
  }
  const response = await fetch(confirmUrl, {
    method: "POST",
    body,
    headers: { Origin: origin },
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  expect([303, 307, 302], `confirming answers a redirect, not ${response.status}`).toContain(response.status);
  return new URL(response.headers.get("location") ?? "", confirmUrl).pathname;
}

function isRepeatNotice(text: string): boolean {
  return /tried to sign the Count Us In pledge again/.test(text.replace(/\s+/g, " "));
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
