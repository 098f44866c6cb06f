import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { open, seal } from "@/lib/security/field-cipher";
import { loadKeyRing } from "@/lib/security/key-ring-config";
import { logger } from "@/lib/platform/log";

// Where the volunteer keys come from: VOLUNTEER_KEYS / VOLUNTEER_KEY_ID when set; on the embedded SQLite
// default without them, a key generated once into DATA_DIR; with PostgreSQL (production) without them, the
// app refuses to start rather than keep health data under a key nobody chose.

const b64 = (key: Buffer) => key.toString("base64url");
const k1 = crypto.randomBytes(32);
const k2 = crypto.randomBytes(32);

let dataDir: string;
let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cui-volunteer-keys-"));
  warn = vi.spyOn(logger, "warn").mockImplementation(() => {});
});
afterEach(() => {
  warn.mockRestore();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const fromEnv = (keysFromEnv: string | undefined, currentFromEnv?: string, embedded = false) =>
  loadKeyRing({ keysFromEnv, currentFromEnv, embedded, dataDir });

describe("VOLUNTEER_KEYS and VOLUNTEER_KEY_ID", () => {
  it("reads every key; the first seals unless VOLUNTEER_KEY_ID names another", () => {
    const list = `2026a:${b64(k1)},2025b:${b64(k2)}`;
    const ring = fromEnv(list);
    expect(ring.currentKeyId).toBe("2026a");
    expect([...ring.keys.keys()]).toEqual(["2026a", "2025b"]);
    expect(ring.keys.get("2026a")!.equals(k1)).toBe(true);
    expect(ring.keys.get("2025b")!.equals(k2)).toBe(true);
    expect(fromEnv(list, "2025b").currentKeyId).toBe("2025b");
  });

  it("tolerates spaces and a trailing comma", () => {
    const ring = fromEnv(` 2026a:${b64(k1)} , 2025b:${b64(k2)} ,`);
    expect([...ring.keys.keys()]).toEqual(["2026a", "2025b"]);
  });

  it("wins over a generated key file, even on the embedded database, and writes nothing", () => {
    const ring = fromEnv(`env1:${b64(k1)}`, undefined, true);
    expect(ring.currentKeyId).toBe("env1");
    expect(fs.readdirSync(dataDir)).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    [
      "an entry without a colon",
      `2026a${b64(k1)}`,
      "VOLUNTEER_KEYS entries look like id:base64urlkey, separated by commas",
    ],
    [
      "an entry without a key",
      "2026a:",
      "VOLUNTEER_KEYS entries look like id:base64urlkey, separated by commas",
    ],
    [
      "an entry without an id",
      `:${b64(k1)}`,
      "VOLUNTEER_KEYS entries look like id:base64urlkey, separated by commas",
    ],
    ["no entries at all", " , ", "VOLUNTEER_KEYS names no keys"],
    [
      "a 16-byte key",
      `short:${b64(crypto.randomBytes(16))}`,
      'Key "short" must be 32 bytes (AES-256), not 16',
    ],
    ["a key id with a dot", `a.b:${b64(k1)}`, 'Key id "a.b" must be 1–32 letters, digits, _ or -'],
  ])("refuses %s with a message saying what is wrong", (_, list, message) => {
    expect(() => fromEnv(list)).toThrow(message);
  });

  it("refuses a VOLUNTEER_KEY_ID that is not among the keys", () => {
    expect(() => fromEnv(`2026a:${b64(k1)}`, "2027a")).toThrow(
      'The current key "2027a" is not in the key ring',
    );
  });
});

describe("no keys configured", () => {
  const keyFile = () => path.join(dataDir, "volunteer-keys.txt");

  it("on PostgreSQL (not embedded) refuses to start, says why, and generates nothing", () => {
    expect(() => fromEnv(undefined, undefined, false)).toThrow(
      /VOLUNTEER_KEYS is not set.*production \(PostgreSQL\) refuses to start/,
    );
    expect(() => fromEnv("", undefined, false)).toThrow(/VOLUNTEER_KEYS is not set/);
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("on the embedded database generates one key into DATA_DIR, readable by the owner only, with a warning", () => {
    const nested = path.join(dataDir, "not", "yet", "made");
    const ring = loadKeyRing({
      keysFromEnv: undefined,
      currentFromEnv: undefined,
      embedded: true,
      dataDir: nested,
    });
    const file = path.join(nested, "volunteer-keys.txt");

    expect(ring.currentKeyId).toBe("local1");
    expect(ring.keys.get("local1")).toHaveLength(32);
    const content = fs.readFileSync(file, "utf8");
    expect(content).toMatch(/^local1:[A-Za-z0-9_-]{43}\n$/);
    expect(Buffer.from(content.trim().split(":")[1]!, "base64url").equals(ring.keys.get("local1")!)).toBe(
      true,
    );
    if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    expect(warn).toHaveBeenCalledTimes(1);
    const warning = String(warn.mock.calls[0]![0]);
    expect(warning).toContain(file);
    // The warning says where the key is, never what it is.
    expect(warning).not.toContain(content.trim().split(":")[1]!);
  });

  it("later starts read the same key back, without warning, so data sealed earlier still opens", () => {
    const first = fromEnv(undefined, undefined, true);
    const sealed = seal(first, "volunteer.name", "Kept across restarts");
    warn.mockClear();

    const second = fromEnv(undefined, undefined, true);
    expect(second.currentKeyId).toBe(first.currentKeyId);
    expect(second.keys.get("local1")!.equals(first.keys.get("local1")!)).toBe(true);
    expect(open(second, "volunteer.name", sealed)).toBe("Kept across restarts");
    expect(warn).not.toHaveBeenCalled();
  });

  it("reads a key file an operator extended with older keys, one per line", () => {
    fs.writeFileSync(keyFile(), `new2:${b64(k2)}\nold1:${b64(k1)}\n`);
    const ring = fromEnv(undefined, undefined, true);
    expect(ring.currentKeyId).toBe("new2");
    expect([...ring.keys.keys()]).toEqual(["new2", "old1"]);
    expect(fromEnv(undefined, "old1", true).currentKeyId).toBe("old1");
  });

  it("refuses a key file that holds no usable key", () => {
    fs.writeFileSync(keyFile(), "\n");
    expect(() => fromEnv(undefined, undefined, true)).toThrow("names no keys");
    fs.writeFileSync(keyFile(), `local1:${b64(crypto.randomBytes(8))}\n`);
    expect(() => fromEnv(undefined, undefined, true)).toThrow('Key "local1" must be 32 bytes');
  });
});
