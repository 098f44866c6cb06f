import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { emailKey } from "@/lib/validation/email-key";
import { issueLinkToken, verifyLinkToken } from "@/lib/security/link-tokens";
import { formAgeMs, issueFormToken } from "@/lib/security/form-token";

const secret = crypto.randomBytes(32);
const id = crypto.randomUUID();

describe("one signature per mailbox", () => {
  it.each([
    ["  Jo.Bloggs@Example.ORG ", "jo.bloggs@example.org"],
    ["jo+pledge@example.org", "jo@example.org"],
    ["J.O.Bloggs+x@gmail.com", "jobloggs@gmail.com"],
    ["jobloggs@googlemail.com", "jobloggs@gmail.com"],
    ["jo.bloggs@outlook.com", "jo.bloggs@outlook.com"],
  ])("treats %s as %s", (typed, key) => {
    expect(emailKey(typed)).toBe(key);
  });
});

describe("links in emails", () => {
  it("confirm links name their signature and work until they expire", () => {
    const expires = new Date(Date.now() + 60_000);
    const token = issueLinkToken(secret, "confirm", id, expires);
    expect(verifyLinkToken(secret, "confirm", token)).toEqual({ signatureId: id, expired: false });
    expect(verifyLinkToken(secret, "confirm", token, new Date(Date.now() + 120_000))).toEqual({
      signatureId: id,
      expired: true,
    });
  });

  it("manage links never expire and are the same every time", () => {
    const a = issueLinkToken(secret, "manage", id);
    expect(issueLinkToken(secret, "manage", id)).toBe(a);
    expect(verifyLinkToken(secret, "manage", a, new Date("2099-01-01"))?.expired).toBe(false);
  });

  it("refuses forged, altered or misused tokens", () => {
    const token = issueLinkToken(secret, "confirm", id, new Date(Date.now() + 60_000));
    expect(verifyLinkToken(secret, "manage", token)).toBeUndefined();
    expect(verifyLinkToken(crypto.randomBytes(32), "confirm", token)).toBeUndefined();
    const [payload, mac] = token.split(".");
    const flipped = (payload![0] === "A" ? "B" : "A") + payload!.slice(1);
    expect(verifyLinkToken(secret, "confirm", `${flipped}.${mac}`)).toBeUndefined();
    expect(verifyLinkToken(secret, "confirm", "nonsense")).toBeUndefined();
    expect(verifyLinkToken(secret, "confirm", "")).toBeUndefined();
  });
});

describe("form timing tokens", () => {
  it("say how long ago the form was shown, and refuse forgeries", () => {
    const token = issueFormToken(secret, 1_000_000);
    expect(formAgeMs(secret, token, 1_004_000)).toBe(4_000);
    expect(
      formAgeMs(
        secret,
        token.replace(/.$/, (c) => (c === "a" ? "b" : "a")),
        1_004_000,
      ),
    ).toBeUndefined();
    expect(formAgeMs(secret, "", 1_004_000)).toBeUndefined();
    expect(formAgeMs(secret, token, 999_000)).toBeUndefined();
  });
});
