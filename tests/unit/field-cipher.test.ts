import crypto from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { open, seal, sealedWith, validateKeyRing, type KeyRing } from "@/lib/security/field-cipher";

// The cipher behind volunteers' encrypted fields: AES-256-GCM, stored as "v1.<keyId>.<iv>.<ciphertext+tag>".
// What comes out is what went in; anything altered, moved to another field, or sealed with a key we no
// longer hold refuses to open rather than showing something wrong.

const keyA = crypto.randomBytes(32);
const keyB = crypto.randomBytes(32);
const ring: KeyRing = {
  currentKeyId: "2026a",
  keys: new Map([
    ["2026a", keyA],
    ["2025b", keyB],
  ]),
};
const FIELD = "volunteer.name";

const b64 = (bytes: Buffer) => bytes.toString("base64url");
const parts = (sealed: string) => {
  const [version, keyId, iv, body] = sealed.split(".") as [string, string, string, string];
  return { version, keyId, iv: Buffer.from(iv, "base64url"), body: Buffer.from(body, "base64url") };
};
const join = (version: string, keyId: string, iv: Buffer, body: Buffer) =>
  [version, keyId, b64(iv), b64(body)].join(".");
const flipBit = (bytes: Buffer, bit: number) => {
  const copy = Buffer.from(bytes);
  copy[Math.floor(bit / 8)]! ^= 1 << (bit % 8);
  return copy;
};

describe("sealing and opening a field", () => {
  it.each([
    ["a name", "Isobel Quarrington-Fyfe"],
    ["Gaelic", "Mòrag Nic a' Phì"],
    ["nothing", ""],
    ["emoji and accents", "🎗️ emoji and ünïcödé"],
    ["10,000 characters", "x".repeat(10_000)],
    ["the separator", "a.b.c.d"],
  ])("opens to exactly what was sealed: %s", (_, plaintext) => {
    expect(open(ring, FIELD, seal(ring, FIELD, plaintext))).toBe(plaintext);
  });

  it("round-trips any text, for any field name", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 300 }),
        fc.string({ minLength: 1, maxLength: 30 }),
        (text, field) => {
          expect(open(ring, field, seal(ring, field, text))).toBe(text);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("names the current key and carries a 12-byte IV and a 16-byte tag", () => {
    const sealed = seal(ring, FIELD, "Jo");
    expect(sealed).toMatch(/^v1\.2026a\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+$/);
    expect(sealedWith(sealed)).toBe("2026a");
    const { iv, body } = parts(sealed);
    expect(iv).toHaveLength(12);
    expect(body).toHaveLength(Buffer.byteLength("Jo") + 16);
  });

  it("seals the same text differently every time (fresh IV), and never in clear", () => {
    const sealed = Array.from({ length: 50 }, () => seal(ring, FIELD, "Same Name"));
    expect(new Set(sealed).size).toBe(50);
    expect(new Set(sealed.map((value) => value.split(".")[2])).size).toBe(50);
    for (const value of sealed) {
      expect(value).not.toContain("Same");
      expect(Buffer.from(value.split(".")[3]!, "base64url").toString("latin1")).not.toContain("Same");
    }
  });

  it("opens values sealed with an older key still in the ring", () => {
    const old = seal({ currentKeyId: "2025b", keys: ring.keys }, FIELD, "Sealed last year");
    expect(sealedWith(old)).toBe("2025b");
    expect(open(ring, FIELD, old)).toBe("Sealed last year");
  });
});

describe("tampering", () => {
  const sealed = seal(ring, FIELD, "Isobel Quarrington-Fyfe");
  const { version, keyId, iv, body } = parts(sealed);
  const ciphertextBits = (body.length - 16) * 8;

  it("flipping any bit of the IV refuses to open", () => {
    for (let bit = 0; bit < iv.length * 8; bit += 1)
      expect(
        () => open(ring, FIELD, join(version, keyId, flipBit(iv, bit), body)),
        `IV bit ${bit}`,
      ).toThrow();
  });

  it("flipping any bit of the ciphertext refuses to open", () => {
    for (let bit = 0; bit < ciphertextBits; bit += 1)
      expect(
        () => open(ring, FIELD, join(version, keyId, iv, flipBit(body, bit))),
        `ciphertext bit ${bit}`,
      ).toThrow();
  });

  it("flipping any bit of the tag refuses to open", () => {
    for (let bit = ciphertextBits; bit < body.length * 8; bit += 1)
      expect(
        () => open(ring, FIELD, join(version, keyId, iv, flipBit(body, bit))),
        `tag bit ${bit}`,
      ).toThrow();
  });

  it("cutting or padding the body refuses to open", () => {
    for (const altered of [
      body.subarray(0, -1),
      body.subarray(1),
      Buffer.concat([body, Buffer.from([0])]),
      body.subarray(0, 16),
      Buffer.alloc(0),
    ])
      expect(() => open(ring, FIELD, join(version, keyId, iv, altered))).toThrow();
  });

  it("naming another key in the ring refuses to open (the value was not sealed with it)", () => {
    expect(() => open(ring, FIELD, join(version, "2025b", iv, body))).toThrow();
  });

  it("a value moved to another field refuses to open (the field name is bound in)", () => {
    expect(() => open(ring, "volunteer.email", sealed)).toThrow();
    expect(() => open(ring, "volunteer.name ", sealed)).toThrow();
    expect(() => open(ring, "", sealed)).toThrow();
  });

  it.each([
    ["another version", join("v2", keyId, iv, body)],
    ["no version", sealed.slice(3)],
    ["a missing part", [version, keyId, b64(iv)].join(".")],
    ["an empty IV", join(version, keyId, Buffer.alloc(0), body)],
    ["plain text", "Isobel Quarrington-Fyfe"],
    ["nothing", ""],
  ])("%s is refused", (_, value) => {
    expect(() => open(ring, FIELD, value)).toThrow();
  });

  it("any random change to a sealed value refuses to open", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: sealed.length - 1 }),
        fc.constantFrom(..."ABCxyz019-_."),
        (at, character) => {
          const altered = sealed.slice(0, at) + character + sealed.slice(at + 1);
          fc.pre(altered !== sealed);
          let opened: string | undefined;
          try {
            opened = open(ring, FIELD, altered);
          } catch {
            return;
          }
          // A change in base64url padding bits can leave the bytes as they were; nothing else may open.
          expect(parts(altered)).toEqual(parts(sealed));
          expect(opened).toBe("Isobel Quarrington-Fyfe");
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("a tag shorter than 16 bytes is refused (GCM's short tags are forgeable)", () => {
    // Crafted with the key, to show what open() accepts: a 4-byte tag, which someone who can write to the
    // database could guess in 2^32 tries instead of 2^128.
    const shortIv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv("aes-256-gcm", keyA, shortIv, { authTagLength: 4 });
    cipher.setAAD(Buffer.from(FIELD));
    const short = Buffer.concat([cipher.update("Mallory!", "utf8"), cipher.final(), cipher.getAuthTag()]);
    expect(() => open(ring, FIELD, join("v1", "2026a", shortIv, short))).toThrow();
  });
});

describe("keys", () => {
  it("a value sealed with a key no longer in the ring gives a clear error naming that key", () => {
    const retired = seal(
      { currentKeyId: "2019x", keys: new Map([["2019x", crypto.randomBytes(32)]]) },
      FIELD,
      "Old",
    );
    expect(() => open(ring, FIELD, retired)).toThrow(
      'No key "2019x" in the key ring: it is needed to read this value',
    );
  });

  it("sealedWith reads the key id without opening", () => {
    expect(sealedWith("v1.abc.iv.body")).toBe("abc");
    expect(sealedWith("garbage")).toBeUndefined();
  });

  it("a ring whose current key is missing, short or badly named is refused with a clear message", () => {
    const key = crypto.randomBytes(32);
    expect(() => validateKeyRing({ currentKeyId: "b", keys: new Map([["a", key]]) })).toThrow(
      'The current key "b" is not in the key ring',
    );
    expect(() =>
      validateKeyRing({ currentKeyId: "a", keys: new Map([["a", crypto.randomBytes(16)]]) }),
    ).toThrow('Key "a" must be 32 bytes (AES-256), not 16');
    expect(() => validateKeyRing({ currentKeyId: "a.b", keys: new Map([["a.b", key]]) })).toThrow(
      "must be 1–32 letters, digits, _ or -",
    );
    expect(() =>
      validateKeyRing({ currentKeyId: "x".repeat(33), keys: new Map([["x".repeat(33), key]]) }),
    ).toThrow("1–32");
    const good: KeyRing = { currentKeyId: "a", keys: new Map([["a", key]]) };
    expect(validateKeyRing(good)).toBe(good);
  });
});
