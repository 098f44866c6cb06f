// Security headers that never vary with the request, on every response: next.config.ts gives them to
// everything Next.js answers, and the production server's ingest path (lib/entry/pledge-ingest.ts) to what
// it answers itself. The Content-Security-Policy and HSTS do vary, so they are set elsewhere
// (lib/security/content-security-policy.mjs).
/** @type {{ key: string, value: string }[]} */
export const fixedSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers without CSP's frame-ancestors; lift both together if a page is ever meant to be framed.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
];
