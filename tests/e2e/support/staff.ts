import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { expect, type Locator, type Page } from "@playwright/test";
import type { Role } from "@/lib/admin/access/roles";
import config from "@/tests/e2e/playwright.config";
import { emailsTo, hrefsIn, linkIn, newSupporterAddress, waitForEmail } from "@/tests/e2e/support/mail";

// Staff, as the campaigns team meets the admin area: added from the command line, signed in with a
// one-time link from the mail catcher. And the admin area's map, read from the app/ folder, so a page or
// route added tomorrow is covered by the guard checks without anyone listing it here.

const repoRoot = path.resolve(__dirname, "../../..");
const run = promisify(execFile);

export const signInLinkSubject = "Your Count Us In admin sign-in link";

/**
 * The environment playwright.config.ts starts the app with (DATABASE_URL names this run's throwaway
 * database), so the command line talks to the very database the app under test uses.
 */
export function appEnvironment(): Record<string, string> {
  const servers = [config.webServer ?? []].flat();
  const app = servers.find((server) => server.env?.DATABASE_URL);
  if (!app?.env) throw new Error("playwright.config.ts starts no web server with DATABASE_URL");
  return Object.fromEntries(
    Object.entries(app.env).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
}

export type StaffMember = { email: string; role: Role };

/** Adds someone to the staff list the way an admin does on the server: `npm run admin:add`. */
export async function addStaffMember(
  role: Role,
  label: string = role,
  environment: Record<string, string> = appEnvironment(),
): Promise<StaffMember> {
  const email = newSupporterAddress(`staff-${label}`);
  const { stdout } = await run("npm", ["run", "--silent", "admin:add", "--", email, role], {
    cwd: repoRoot,
    // DATA_DIR and the rest as the app has them: inherited from this process, then the app's own settings.
    env: { ...process.env, ...environment },
    timeout: 60_000,
  });
  expect(stdout, "npm run admin:add says who was added").toContain(
    `${email} can now sign in at /admin as ${role}`,
  );
  return { email, role };
}

/**
 * Staff sign-ins are limited to 5 a minute per client address (lib/security/limits.ts), and the whole
 * suite runs from 127.0.0.1, so later sign-ins would be refused. Each member of staff signs in from an
 * address of their own (the documentation range, 2001:db8::/32), as real staff do; the app reads the last
 * X-Forwarded-For hop, which `next start` leaves as the client sent it. The limit itself is checked in
 * staff-signs-in-with-a-one-time-link.spec.ts.
 */
export async function signInFromAnAddressOfTheirOwn(page: Page, address = newClientAddress()): Promise<void> {
  await page.setExtraHTTPHeaders({ "X-Forwarded-For": address });
}

export const newClientAddress = () => `2001:db8::${crypto.randomBytes(2).toString("hex")}`;

/** Asks for a sign-in link on /admin/sign-in and lands on "Check your email". */
export async function askForSignInLink(page: Page, email: string): Promise<void> {
  await signInFromAnAddressOfTheirOwn(page);
  await sendSignInForm(page, email);
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expect(page).toHaveURL("/admin/sign-in/check-email");
}

/** Fills in and sends the sign-in form, from whatever address the page already uses. */
export async function sendSignInForm(page: Page, email: string): Promise<void> {
  await page.goto("/admin/sign-in");
  await page.getByLabel("Your staff email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
}

/** Asks for a link and returns it from the email that arrives (checked for subject and both parts). */
export async function requestSignInLink(page: Page, email: string): Promise<string> {
  const had = (await emailsTo(email)).length;
  await askForSignInLink(page, email);
  const message = await waitForEmail(email, had + 1);
  expect.soft(message.subject, "subject").toBe(signInLinkSubject);
  expect.soft(message.from.name, "From shows the campaign's name").toBe("Count Us In");
  const link = linkIn(message, "/admin/sign-in/verify");
  expect(link, "a sign-in link to /admin/sign-in/verify?token=…").toBeDefined();
  expect(new URL(link!).searchParams.get("token"), "the link carries a token").toBeTruthy();
  expect.soft(hrefsIn(message), "the HTML part has the same link").toContain(link);
  return link!;
}

/** Opens an emailed sign-in link and presses its button (the only thing that spends it). */
export async function followSignInLink(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in to the admin area" })).toBeVisible();
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in with a fresh link and lands on the dashboard. */
export async function signIn(page: Page, staff: StaffMember): Promise<void> {
  const link = await requestSignInLink(page, staff.email);
  await followSignInLink(page, link);
  await expect(page).toHaveURL("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
}

/** A new member of staff with `role`, signed in on `page`. */
export async function signedInStaff(
  page: Page,
  role: Role,
  label: string = role,
  environment?: Record<string, string>,
): Promise<StaffMember> {
  const staff = await addStaffMember(role, label, environment);
  await signIn(page, staff);
  return staff;
}

export const adminNavigation = (page: Page) => page.getByRole("navigation", { name: "Admin" });

// ---- CSV downloads ----------------------------------------------------------------------------------------

export type CsvDownload = {
  filename: string;
  /** Whether the file starts with a UTF-8 byte-order mark (so Excel reads accents right). */
  hasBom: boolean;
  header: string[];
  /** Each data row as header → cell. */
  rows: Record<string, string>[];
  /** Every cell, header included, for checks that apply to all of them. */
  cells: string[];
};

/** Clicks `link` and reads the CSV the browser downloads, as a spreadsheet would. */
export async function downloadCsv(page: Page, link: Locator): Promise<CsvDownload> {
  const downloading = page.waitForEvent("download");
  await link.click();
  const download = await downloading;
  const failure = await download.failure();
  expect(failure, "the download completes").toBeNull();
  const bytes = fs.readFileSync((await download.path())!);
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const [header = [], ...data] = parseCsv(bytes.subarray(hasBom ? 3 : 0).toString("utf8"));
  return {
    filename: download.suggestedFilename(),
    hasBom,
    header,
    rows: data.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index] ?? ""]))),
    cells: [header, ...data].flat(),
  };
}

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks; records end in CRLF. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** What a spreadsheet would run as a formula: = + - @, tab, carriage return, and their full-width forms. */
export const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** An ISO 8601 instant in UTC, as the exports write every date. */
export const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
