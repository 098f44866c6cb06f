import crypto from "node:crypto";

// A hidden field recording when a form was shown, signed so it cannot be forged. People take a few
// seconds to fill a form in; a submission faster than that is a bot, which we set aside silently.

export function issueFormToken(secret: Buffer, now: number = Date.now()): string {
  const issued = now.toString(36);
  return `${issued}.${sign(secret, issued)}`;
}

/** How long ago the form was shown, or undefined if the token is missing, forged or from the future. */
export function formAgeMs(secret: Buffer, token: string, now: number = Date.now()): number | undefined {
  const [issued, signature] = token.split(".");
  if (!issued || !signature) return undefined;
  const expected = sign(secret, issued);
  if (signature.length !== expected.length) return undefined;
  if (!crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return undefined;
  const age = now - parseInt(issued, 36);
  return age >= 0 ? age : undefined;
}

function sign(secret: Buffer, issued: string): string {
  return crypto.createHmac("sha256", secret).update(`form-token\0${issued}`).digest("base64url").slice(0, 22);
}
