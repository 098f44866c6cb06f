import { describe, expect, it } from "vitest";
import { checkRowFields } from "@/lib/paper/check";
import { templateCsv } from "@/lib/paper/columns";
import { parsePaperCsv } from "@/lib/paper/parse";
import { decodeUploadNotice, encodeUploadNotice } from "@/lib/paper/upload-notice";

// Reading a paper pledges file as staff save it from a spreadsheet: headings in any case and order, a
// byte-order mark, blank lines, quoted cells; and each row's cells turned into what the online form sends.

const read = (text: string) => {
  const parsed = parsePaperCsv(Buffer.from(text));
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed;
};

describe("reading a paper pledges CSV", () => {
  it("reads the template it offers for download", () => {
    const { rows, ignoredColumns } = read(`\uFEFF${templateCsv}\r\n`);
    expect(ignoredColumns).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        cells: {
          name: "Alex Example",
          email: "alex@example.org",
          nation: "England",
          country: "",
          campaignEmails: "yes",
        },
      },
    ]);
    expect(checkRowFields(rows)).toMatchObject({
      problems: [],
      valid: [{ row: 2, campaignEmails: true, country: "GB" }],
    });
  });

  it("matches headings ignoring case, spaces and punctuation, in any order, and names the ones it ignores", () => {
    const { rows, ignoredColumns } = read(
      "CAMPAIGN_EMAILS,E-mail,  full name ,Nation,Notes\nno,a@example.org,Ann Lee,wales,met at stall\n",
    );
    expect(ignoredColumns).toEqual(["Notes"]);
    expect(rows[0]!.cells).toEqual({
      campaignEmails: "no",
      email: "a@example.org",
      name: "Ann Lee",
      nation: "wales",
    });
  });

  it("numbers rows as a spreadsheet shows them, skipping blank lines, and reads quoted cells", () => {
    const { rows } = read(
      'Name,Email,Nation,Campaign emails\n\n"Smith, Jo",,England,yes\n,,,\nKim "KJ" Park,,Scotland,no\n',
    );
    expect(rows.map((row) => [row.row, row.cells.name])).toEqual([
      [3, "Smith, Jo"],
      [5, 'Kim "KJ" Park'],
    ]);
  });

  it("reads UTF-8 names, with or without a byte-order mark", () => {
    const { rows } = read("\uFEFFName,Email,Nation,Campaign emails\nZoë Brûlée,,Northern Ireland,Y\n");
    expect(checkRowFields(rows).valid).toMatchObject([
      { name: "Zoë Brûlée", nation: "northern-ireland", email: "" },
    ]);
  });

  it("refuses a file that is not UTF-8 with what to do about it", () => {
    const latin1 = Buffer.from("Name,Email,Nation,Campaign emails\nZo\xeb,,England,no\n", "latin1");
    const parsed = parsePaperCsv(latin1);
    expect(parsed).toMatchObject({
      ok: false,
      message: expect.stringContaining('"CSV UTF-8 (Comma delimited)"'),
    });
  });
});

describe("checking a row's cells", () => {
  const row = (cells: Record<string, string>, at = 2) => ({
    row: at,
    cells: { name: "Ann Lee", email: "", nation: "England", country: "", campaignEmails: "no", ...cells },
  });

  it("accepts the nation and country as people write them", () => {
    const { valid, problems } = checkRowFields([
      row({ nation: "outside the UK", country: "France" }),
      row({ nation: "Other", country: "de" }),
      row({ nation: "northern-ireland" }),
      row({ campaignEmails: "YES" }),
    ]);
    expect(problems).toEqual([]);
    expect(valid.map((r) => [r.nation, r.country, r.campaignEmails])).toEqual([
      ["other", "FR", false],
      ["other", "DE", false],
      ["northern-ireland", "GB", false],
      ["england", "GB", true],
    ]);
  });

  it("says which row and column is wrong, in words staff can act on", () => {
    const { valid, problems } = checkRowFields([
      row({ name: "" }, 2),
      row({ nation: "Kent" }, 3),
      row({ nation: "Outside the UK", country: "Narnia" }, 4),
      row({ campaignEmails: "maybe" }, 5),
      row({ email: "+44 7700 900000" }, 6),
      row({ name: "Visit www.spam.com" }, 7),
    ]);
    expect(valid).toEqual([]);
    expect(problems).toEqual([
      { row: 2, column: "Name", message: "Enter your full name" },
      {
        row: 3,
        column: "Nation",
        message: "Write England, Scotland, Wales, Northern Ireland or Outside the UK.",
      },
      { row: 4, column: "Country", message: "Select a country from the list" },
      { row: 5, column: "Campaign emails", message: "Write yes if the box was ticked, or no." },
      { row: 6, column: "Email", message: expect.stringContaining("spreadsheet formula") },
      { row: 7, column: "Name", message: "Your name cannot contain a web address" },
    ]);
  });

  it("refuses every cell a spreadsheet would run as a formula", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      const { valid, problems } = checkRowFields([row({ name: `${start}1+1` })]);
      expect(valid, JSON.stringify(start)).toEqual([]);
      expect(problems[0]!.message).toContain("looks like a spreadsheet formula");
    }
  });
});

describe("the upload's refusal, carried back to the form", () => {
  it("survives the cookie round trip, and a tampered cookie reads as nothing", () => {
    const notice = {
      message: "The file is empty.",
      fieldErrors: { eventName: "Enter the event's name" },
      values: { eventDate: "2026-03-14" },
    };
    expect(decodeUploadNotice(encodeUploadNotice(notice))).toEqual(notice);
    expect(decodeUploadNotice("not-base64-json")).toBeUndefined();
  });
});
