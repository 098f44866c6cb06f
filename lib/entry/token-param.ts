// The token at the end of an email link (/pledge/confirm/…, /pledge/manage/…, /scotland/volunteer/…), as
// it arrives in the URL. Anyone can type such a URL, so it may carry broken percent-encoding
// ("%E0%A4%A", which decodeURIComponent throws on) or something that is not a token at all. Either way
// the answer is the "we cannot use this link" page, never an error page.

// The shape lib/security/link-tokens.ts issues: 22 bytes of payload and a 16-byte MAC, each base64url
// without padding (30 and 22 characters), joined by a dot. A unit test issues a token and checks it fits.
export const linkTokenPattern = /^[A-Za-z0-9_-]{30}\.[A-Za-z0-9_-]{22}$/;

/** The token, decoded, if the path segment could be one of our link tokens; otherwise undefined. */
export function linkTokenFromParam(raw: string): string | undefined {
  let token: string;
  try {
    token = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return linkTokenPattern.test(token) ? token : undefined;
}
