import { readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { issueChallenge, verifyChallenge } from "@/lib/security/challenge";

// public/form-enhancements.js solves the sign-up forms' proof-of-work on pages sent without React. It
// carries its own solver (see its header), so these tests run that very file, as a browser would load it,
// against challenges issued by the server and checked by altcha-lib's verifySolution: if the two drift
// apart, every sign-up beyond a network's free allowance would be held instead of admitted at once.

type Solve = (challenge: unknown, timeoutMs: number) => Promise<string>;

function loadSolver(): Solve {
  const source = readFileSync(path.resolve(__dirname, "../../public/form-enhancements.js"), "utf8");
  const window: Record<string, unknown> = { crypto: globalThis.crypto, btoa, setTimeout, Date, JSON };
  window.globalThis = window;
  runInNewContext(source, window);
  return window.countUsInSolveProofOfWork as Solve;
}

const secret = Buffer.alloc(32, 7);

describe("the browser's proof-of-work solver (public/form-enhancements.js)", () => {
  const solve = loadSolver();

  it("finds solutions the server accepts, once each", async () => {
    for (let round = 0; round < 3; round++) {
      const challenge = await issueChallenge(secret);
      const payload = await solve(challenge, 30_000);
      expect(payload, "a solution is found").not.toBe("");
      expect(await verifyChallenge(secret, payload), "the server accepts it").toBe(true);
      expect(await verifyChallenge(secret, payload), "and only once").toBe(false);
    }
  });

  it("gives up with no answer rather than send a wrong one", async () => {
    const challenge = await issueChallenge(secret);
    // A prefix no key can start with within the time allowed: a forged or corrupted challenge.
    const impossible = {
      ...challenge,
      parameters: { ...challenge.parameters, keyPrefix: "0".repeat(64) },
    };
    expect(await solve(impossible, 200)).toBe("");
    expect(await solve({ parameters: { ...challenge.parameters, algorithm: "MD5" } }, 1_000)).toBe("");
    expect(await solve(null, 1_000)).toBe("");
  });

  it("a solution for another server's challenge is refused there", async () => {
    const payload = await solve(await issueChallenge(Buffer.alloc(32, 9)), 30_000);
    expect(payload).not.toBe("");
    expect(await verifyChallenge(secret, payload)).toBe(false);
  });
});
