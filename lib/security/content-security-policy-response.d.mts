// Types for content-security-policy-response.mjs (plain JavaScript, run by lib/platform/serve.mjs).
import type { IncomingMessage, ServerResponse } from "node:http";

export declare function contentSecurityPolicyForResponses(settings: {
  siteUrl: string | undefined;
  trustedProxyHops: number;
}): (req: IncomingMessage, res: ServerResponse) => void;
