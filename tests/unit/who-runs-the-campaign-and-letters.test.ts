import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError } from "@/lib/content/content-error";
import { loadLetters } from "@/lib/content/letters";
import { describeCharityRegistrations, loadOrganisation } from "@/lib/content/organisation";

const contentRoot = path.resolve(__dirname, "../../content");

const scratchDirs: string[] = [];
afterEach(() => {
  for (const dir of scratchDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function scratchRoot(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "content-"));
  scratchDirs.push(root);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

describe("who runs the campaign (content/organisation.yaml)", () => {
  it("names the controller with its company and charity numbers, as the privacy notice and footer show them", () => {
    const org = loadOrganisation(contentRoot);
    expect(org.name).toBe("Breast Cancer Now");
    expect(org.companyNumber).toBe("9347608");
    expect(describeCharityRegistrations(org)).toBe(
      "a registered charity in England and Wales (1160558), Scotland (SC045584) and the Isle of Man (1200)",
    );
    expect(org.checkedAgainst.length).toBeGreaterThan(0);
  });

  it("refuses a file whose registration number is missing, so the footer never prints a blank", () => {
    const original = fs.readFileSync(path.join(contentRoot, "organisation.yaml"), "utf8");
    const root = scratchRoot({ "organisation.yaml": original.replace('number: "1160558"', 'number: ""') });
    expect(() => loadOrganisation(root)).toThrow(/charityRegistrations/);
  });

  it("refuses a contact address that is not an email address", () => {
    const original = fs.readFileSync(path.join(contentRoot, "organisation.yaml"), "utf8");
    const root = scratchRoot({ "organisation.yaml": `${original}\ncampaignsEmail: the campaigns team\n` });
    expect(() => loadOrganisation(root)).toThrow(/campaignsEmail/);
  });
});

describe("letters to representatives (content/letters/)", () => {
  it("has one letter per UK nation, each with its parliament's own finder over https", () => {
    const letters = loadLetters(contentRoot);
    expect(letters.map((letter) => letter.nation)).toEqual([
      "England",
      "Wales",
      "Scotland",
      "Northern Ireland",
    ]);
    const finderHosts = letters.map((letter) => new URL(letter.finder.url).host);
    expect(finderHosts).toEqual([
      "members.parliament.uk",
      "senedd.wales",
      "www.parliament.scot",
      "www.niassembly.gov.uk",
    ]);
    for (const letter of letters) expect(letter.body).toMatch(/\[your name\]/);
  });

  it("names the file and field when a letter's finder link is not https", () => {
    const root = scratchRoot({
      "letters/england.mdx":
        "---\nnation: England\nrecipient: your MP\nfinder:\n  label: Find your MP\n  url: http://example.org/\norder: 0\n---\n\nDear MP,\n",
    });
    expect(() => loadLetters(root)).toThrow(ContentError);
    expect(() => loadLetters(root)).toThrow("letters/england.mdx: finder.url");
  });
});
