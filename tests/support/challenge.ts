import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/sha";
import { issueChallenge } from "@/lib/security/challenge";

/** What a visitor's browser does unseen: fetch a challenge, solve it, send the encoded solution. */
export async function solvedChallenge(secret: Buffer): Promise<string> {
  const challenge = await issueChallenge(secret);
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("could not solve the challenge");
  return Buffer.from(JSON.stringify({ challenge, solution })).toString("base64");
}
