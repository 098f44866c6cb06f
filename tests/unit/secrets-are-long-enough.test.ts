import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadKeyRing } from "@/lib/security/key-ring-config";
import { logger } from "@/lib/platform/log";
import { readOrCreateSecretRing } from "@/lib/security/local-secret";
import { everySecret, parseSecretRing } from "@/lib/security/secret-ring";

// Every secret is checked where it is read, from the environment or from a file: at least 32 random
// bytes, or the app refuses to start with a message saying which setting or file is wrong, and how to
// make a good one. A message never quotes the key itself.

const b64 = (bytes: number) => crypto.randomBytes(bytes).toString("base64url");

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cui-secrets-"));
  vi.spyOn(logger, "warn").mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.resetModules();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("APP_SECRET, one key or a ring", () => {
  it("reads a single key as a ring of one, and a ring with the current key named by APP_SECRET_ID", () => {
    const single = parseSecretRing("APP_SECRET", b64(32));
    expect([...single.keys.keys()]).toEqual(["1"]);
    const [newer, older] = [crypto.randomBytes(32), crypto.randomBytes(48)];
    const ring = parseSecretRing(
      "APP_SECRET",
      `2026a:${newer.toString("base64url")}, 2025b:${older.toString("base64url")}`,
      "2025b",
    );
    expect(ring.currentId).toBe("2025b");
    expect(everySecret(ring)).toEqual([older, newer]);
  });

  it.each([
    [
      "a 31-byte key",
      () => b64(31),
      /APP_SECRET: key "1" must be at least 32 random bytes, base64url-encoded \(31 found\)/,
    ],
    [
      "a key with characters base64url does not have",
      () => `${b64(32)}!`,
      /must be at least 32 random bytes/,
    ],
    [
      "a short key in a ring",
      () => `new:${b64(32)},old:${b64(16)}`,
      /APP_SECRET: key "old" must be at least 32/,
    ],
    ["two bare keys", () => `${b64(32)},${b64(32)}`, /write each as id:key/],
    ["a repeated id", () => `a:${b64(32)},a:${b64(32)}`, /names the key id "a" twice/],
    ["nothing but separators", () => " , ", /APP_SECRET holds no key/],
  ])("refuses %s, saying what is wrong without quoting it", (_, value, message) => {
    const text = value();
    let error: Error | undefined;
    try {
      parseSecretRing("APP_SECRET", text);
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.message).toMatch(message);
    for (const part of text.split(/[,:\s]+/).filter((p) => p.length > 8))
      expect(error?.message).not.toContain(part);
  });

  it("refuses a current key id that is not in the ring", () => {
    expect(() => parseSecretRing("APP_SECRET", `a:${b64(32)}`, "b")).toThrow(
      'APP_SECRET has no key "b" (named as the current key)',
    );
  });

  it("refuses a short key at start-up even when it passes the environment's length check", async () => {
    // 43 characters, but "=" padding and all: fewer than 32 bytes once decoded.
    vi.stubEnv("APP_SECRET", `${b64(30)}===`);
    vi.stubEnv("DATABASE_URL", "postgresql://u@localhost/db");
    vi.resetModules();
    const { getAppSecret } = await import("@/lib/security/secrets");
    expect(() => getAppSecret()).toThrow(/APP_SECRET: key "1" must be at least 32 random bytes/);
  });
});

describe("secrets read from files under DATA_DIR", () => {
  it("a generated APP_SECRET file holds 32 bytes, 0600, and is read back the same", () => {
    const options = { envName: "APP_SECRET", fromEnv: undefined, embedded: true, dataDir };
    const first = readOrCreateSecretRing(options);
    const file = path.join(dataDir, "app_secret.key");
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(everySecret(first)[0]).toHaveLength(32);
    expect(readOrCreateSecretRing(options)).toEqual(first);
  });

  it("a short key in the APP_SECRET file stops the app, naming the file", () => {
    const file = path.join(dataDir, "app_secret.key");
    fs.writeFileSync(file, b64(16));
    expect(() =>
      readOrCreateSecretRing({ envName: "APP_SECRET", fromEnv: undefined, embedded: true, dataDir }),
    ).toThrow(`${file}: key "1" must be at least 32 random bytes`);
  });

  it("a short key in the volunteer key file stops the app, naming the file", () => {
    const file = path.join(dataDir, "volunteer-keys.txt");
    fs.writeFileSync(file, `local1:${b64(20)}\n`);
    expect(() =>
      loadKeyRing({ keysFromEnv: undefined, currentFromEnv: undefined, embedded: true, dataDir }),
    ).toThrow(`${file}: Key "local1" must be 32 bytes (AES-256), not 20`);
  });
});

describe("the environment's own checks", () => {
  async function loadEnv(settings: Record<string, string>) {
    for (const [key, value] of Object.entries(settings)) vi.stubEnv(key, value);
    vi.resetModules();
    return (await import("@/lib/platform/env")).env;
  }

  it("refuses an APP_SECRET of fewer than 43 characters", async () => {
    await expect(loadEnv({ APP_SECRET: b64(31) })).rejects.toThrow(
      /APP_SECRET: must be at least 32 random bytes/,
    );
  });

  it("refuses a partner key shorter than 32 random bytes, and takes one that long", async () => {
    await expect(loadEnv({ PLEDGE_API_KEYS: `partner:${b64(24)}` })).rejects.toThrow(
      /PLEDGE_API_KEYS: must be "partner-id:secret,…" with secrets of 43\+ URL-safe characters/,
    );
    vi.unstubAllEnvs();
    expect((await loadEnv({ PLEDGE_API_KEYS: `partner:${b64(32)}` })).PLEDGE_API_KEYS).toBeDefined();
  });
});
