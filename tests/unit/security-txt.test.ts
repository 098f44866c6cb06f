import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// /.well-known/security.txt (RFC 9116): how someone who finds a vulnerability reaches the charity. It
// expires by design, so this test starts failing a month before it does, while there is time to renew it.

const file = path.resolve(__dirname, "../../public/.well-known/security.txt");
const text = fs.readFileSync(file, "utf8");
const fields = text
  .split("\n")
  .filter((line) => line.trim() && !line.startsWith("#"))
  .map((line) => {
    const match = /^([A-Za-z-]+): (.+)$/.exec(line);
    if (!match) throw new Error(`not a "Field: value" line: ${line}`);
    return { name: match[1]!.toLowerCase(), value: match[2]!.trim() };
  });
const values = (name: string) => fields.filter((field) => field.name === name).map((field) => field.value);
const DAY = 24 * 60 * 60 * 1000;

describe("security.txt", () => {
  it("names at least one way to reach us, as a mailto: or https: address", () => {
    expect(values("contact").length).toBeGreaterThan(0);
    for (const contact of values("contact"))
      expect(contact).toMatch(/^(mailto:[^@\s]+@[^@\s]+\.[a-z]+|https:\/\/\S+)$/);
  });

  it("expires once, in the standard's date format, at most a year ahead", () => {
    const [expires, ...more] = values("expires");
    expect(more, "Expires appears once").toEqual([]);
    expect(expires).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
    expect(new Date(expires!).getTime() - Date.now()).toBeLessThanOrEqual(366 * DAY);
  });

  it("is renewed while it has more than 30 days left: set Expires to a date within the next year", () => {
    const [expires] = values("expires");
    const daysLeft = Math.floor((new Date(expires!).getTime() - Date.now()) / DAY);
    expect(daysLeft, `security.txt expires in ${daysLeft} days`).toBeGreaterThan(30);
  });

  it("says which language to write in, and where the file's own copy lives (https)", () => {
    expect(values("preferred-languages")).toEqual(["en"]);
    const [canonical, ...more] = values("canonical");
    expect(more).toEqual([]);
    expect(canonical).toMatch(/^https:\/\/[^/]+\/\.well-known\/security\.txt$/);
  });

  it("uses only the standard's fields", () => {
    const known = ["acknowledgments", "canonical", "contact", "encryption", "expires", "hiring", "policy"];
    for (const { name } of fields) expect([...known, "preferred-languages"]).toContain(name);
  });
});
