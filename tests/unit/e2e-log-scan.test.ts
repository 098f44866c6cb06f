import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { personalDataKindsIn } from "@/tests/e2e/support/log-scan";
import type { PersonalDatum } from "@/tests/e2e/support/personal-data";
import { scanServerLog } from "@/tests/e2e/support/scan-server-log";

// The e2e run's last check (tests/e2e/support/scan-server-log.ts) must be able to fail: here it is given
// logs with a planted name, address or phone number, in the forms a log line could hold them.

const people: PersonalDatum[] = [
  { kind: "name", value: "Siobhán O'Neill" },
  { kind: "email", value: "keyboard.1a2b3c4d@example.org" },
  { kind: "phone", value: "07700 900123" },
];
const clean = [
  '{"level":"info","time":"2026-12-01T10:00:00.000Z","reqId":"3f2c8a4e-1b7d-4c3e-9f0a-2b6d8e1c4a7f","method":"POST","path":"/pledge","status":303,"ms":12.5,"msg":"request"}',
  '{"level":"info","msg":"mail: wrote data/outbox/20261201T100000Z-cm1x2y3z.eml"}',
].join("\n");

describe("finding personal data in the server's log", () => {
  it("finds nothing in a clean log", () => {
    expect(personalDataKindsIn(clean, people)).toEqual([]);
  });

  it.each([
    ["a name in another case", "Error: no signature for SIOBHÁN O'NEILL", ["name"]],
    ["a name escaped in JSON", JSON.stringify({ msg: "x", who: "Siobhán O'Neill" }), ["name"]],
    ["an address in a query string", "/admin/people?q=keyboard.1a2b3c4d%40example.org", ["email"]],
    ["a phone number in international form", '{"msg":"sent to +447700900123"}', ["phone"]],
    ["a phone number as digits", "phone=07700900123", ["phone"]],
    ["all three", "Siobhán O'Neill keyboard.1a2b3c4d@example.org 07700 900123", ["email", "name", "phone"]],
  ])("finds %s", (_what, planted, kinds) => {
    expect(personalDataKindsIn(`${clean}\n${planted}\n`, people)).toEqual(kinds);
  });
});

describe("the global teardown's scan", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cui-log-scan-"));
  const logFile = path.join(dir, "server.log");
  const dataFile = path.join(dir, "personal-data.jsonl");
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function prepare(log: string) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(logFile, log);
    fs.writeFileSync(dataFile, people.map((datum) => JSON.stringify(datum)).join("\n"));
  }

  it("fails naming the kinds found, never the data, and keeps the log", async () => {
    prepare(`${clean}\n{"level":"error","msg":"could not send to Siobhán O'Neill"}\n`);
    const error = await scanServerLog(logFile, dataFile).catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain("(name)");
    expect((error as Error).message).not.toContain("Siobh");
    expect(fs.existsSync(logFile)).toBe(true);
  });

  it("passes on a clean log and removes both files", async () => {
    prepare(clean);
    await scanServerLog(logFile, dataFile);
    expect(fs.existsSync(logFile)).toBe(false);
    expect(fs.existsSync(dataFile)).toBe(false);
  });
});
