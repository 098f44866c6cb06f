import crypto from "node:crypto";
import type { VerifyingKeys } from "@/lib/security/link-tokens";

// A hidden field recording when a form was shown, signed so it cannot be forged. People take a few
// seconds to fill a form in; a submission faster than that is a bot, which we set aside silently.

export function issueFormToken(secret: Buffer, now: number = Date.now()): string {
  const issued = now.toString(36);
  return `${issued}.${sign(secret, issued)}`;
}

/**
 * How long ago the form was shown, or undefined if the token is missing, forged or from the future.
 * Accepted under any key of APP_SECRET's ring: a form opened just before a rotation still counts.
 */
export function formAgeMs(
  secret: VerifyingKeys,
  token: string,
  now: number = Date.now(),
): number | undefined {
  const [issued, signature] = token.split(".");
  if (!issued || !signature) return undefined;
  const keys = Buffer.isBuffer(secret) ? [secret] : secret;
  const genuine = keys.some((key) => {
    const expected = sign(key, issued);
    return (
      signature.length === expected.length &&
      crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    );
  });
  if (!genuine) return undefined;
  const age = now - parseInt(issued, 36);
  return age >= 0 ? age : undefined;
}

function sign(secret: Buffer, issued: string): string {
  return crypto.createHmac("sha256", secret).update(`form-token\0${issued}`).digest("base64url").slice(0, 22);
}

/** People need a few seconds to fill a form in; faster than this is a script. */
export const MIN_FILL_MS = 2_000;
/** A form shown longer ago than this is stale (or its token replayed from long ago). */
const MAX_FORM_AGE_MS = 24 * 60 * 60 * 1000;

/**
 * The signals every public form uses to set a submission aside without a word: the honeypot filled in,
 * or a timing token that is missing, forged, too fresh or too old.
 */
export function looksAutomated(
  secret: VerifyingKeys,
  signals: { website: string; formToken: string },
  now = Date.now(),
): boolean {
  const age = formAgeMs(secret, signals.formToken, now);
  return signals.website.trim() !== "" || age === undefined || age < MIN_FILL_MS || age > MAX_FORM_AGE_MS;
}
