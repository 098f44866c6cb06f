import "server-only";
import { createChallenge, randomInt, verifySolution, type Challenge, type Payload } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { keyedHash } from "@/lib/security/hashing";
import { CHALLENGE } from "@/lib/security/limits";

// A proof-of-work challenge (ALTCHA, v2 protocol): the visitor's browser spends about half a second of
// hashing, with nothing to click, read or track. Beyond a network's free allowance a solved challenge is
// what lets a sign-up through at once; a script signing thousands has to pay that cost for every one.
//
// Deterministic mode: the server picks the answer (a counter) and signs the key it leads to, so checking
// a solution is one hash and one HMAC, whatever the difficulty.

// How many hashes and how long a challenge lives: lib/security/limits.ts.
const COUNTER_RANGE = CHALLENGE.counterRange;
const LIFETIME_MS = CHALLENGE.lifetimeMs;

const secretsFrom = (secret: Buffer) => ({
  hmacSignatureSecret: keyedHash(secret, "challenge-signature", "v2"),
  hmacKeySignatureSecret: keyedHash(secret, "challenge-key", "v2"),
});

export async function issueChallenge(secret: Buffer, now = Date.now()): Promise<Challenge> {
  return createChallenge({
    algorithm: "SHA-256",
    cost: 1,
    counter: randomInt(COUNTER_RANGE[0], COUNTER_RANGE[1]),
    deriveKey,
    expiresAt: new Date(now + LIFETIME_MS),
    ...secretsFrom(secret),
  });
}

/** Solutions already used, until their challenge expires: one solved challenge admits one sign-up. */
const spent = new Map<string, number>();

function spend(signature: string, expiresAtSeconds: number, now: number): boolean {
  if (spent.size > 50_000) for (const [key, until] of spent) if (until < now) spent.delete(key);
  if (spent.has(signature)) return false;
  spent.set(signature, expiresAtSeconds * 1000);
  return true;
}

/**
 * True for a genuine, unexpired, unused solution. `encoded` is what the form sends: base64 of the JSON
 * {challenge, solution}. Anything malformed is simply "not solved": never an error to the visitor.
 */
export async function verifyChallenge(secret: Buffer, encoded: string, now = Date.now()): Promise<boolean> {
  if (!encoded || encoded.length > 4_000) return false;
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(encoded, "base64").toString("utf8")) as Payload;
  } catch {
    return false;
  }
  const signature = payload?.challenge?.signature;
  const expiresAt = payload?.challenge?.parameters?.expiresAt;
  if (typeof signature !== "string" || typeof expiresAt !== "number" || typeof payload.solution !== "object")
    return false;
  try {
    const result = await verifySolution({
      challenge: payload.challenge,
      solution: payload.solution,
      deriveKey,
      ...secretsFrom(secret),
    });
    return result.verified && spend(signature, expiresAt, now);
  } catch {
    return false;
  }
}
