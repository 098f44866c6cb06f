import { NextResponse, type NextRequest } from "next/server";
import {
  allowFraming,
  isFrameable,
  newNonce,
  perRequestPagePolicy,
} from "@/lib/security/content-security-policy.mjs";

// Every page request gets a fresh nonce and the policy that allows scripts by it alone. Next.js reads the
// nonce from the request's Content-Security-Policy header and stamps it on each script it writes into a
// page rendered for this request. Pages served from a shared cache (home, pledge, static pages) cannot
// carry it: the production server swaps their policy for one with the hashes of their inline scripts
// (lib/security/content-security-policy-response.mjs), and gives non-HTML responses theirs.
export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const pagePolicy = perRequestPagePolicy(nonce, { development: process.env.NODE_ENV === "development" });
  // The embeddable counter is the one page other sites may frame (content-security-policy.mjs).
  const policy = isFrameable(request.nextUrl.pathname) ? allowFraming(pagePolicy) : pagePolicy;
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Not the JSON API, nor the build's own files: they are never pages, so they need no nonce (their
      // policy is set by the production server). Pages with a dot in their path (tokens have one) are in.
      source: "/((?!api(?:/|$)|_next/static/|_next/image).*)",
      // Prefetches fetch data for a later navigation, not a document.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
