import fs from "node:fs";

// Every name, email address and phone number the journeys type in, written down (one JSON line each) in
// the file playwright.config.ts names, so the global teardown can check that none reached the server's
// log (scan-server-log.ts). Appends are small single writes, safe from parallel workers.

export type PersonalDataKind = "name" | "email" | "phone";
export type PersonalDatum = { kind: PersonalDataKind; value: string };

export function recordPersonalData(data: Partial<Record<PersonalDataKind, string | undefined>>): void {
  const file = process.env.E2E_PERSONAL_DATA_FILE;
  if (!file) return;
  const lines = Object.entries(data)
    .filter((entry): entry is [PersonalDataKind, string] => Boolean(entry[1]?.trim()))
    .map(([kind, value]) => `${JSON.stringify({ kind, value })}\n`);
  if (lines.length > 0) fs.appendFileSync(file, lines.join(""));
}

export function readPersonalData(file: string): PersonalDatum[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as PersonalDatum);
}
