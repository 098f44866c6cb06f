// Types for content-security-policy.mjs (plain JavaScript, so the production server runs it with no
// compile step).

export declare const FRAME_ANCESTORS: "'none'";
export declare const STRICT_TRANSPORT_SECURITY: string;
export declare const FRAMEABLE_PATH: RegExp;
export declare const FRAMEABLE_ANCESTORS: string;
export declare function isFrameable(url: string | undefined): boolean;
export declare function allowFraming(policy: string): string;
export declare function perRequestPagePolicy(nonce: string, options?: { development?: boolean }): string;
export declare function formAnswerPolicy(policy: string): string;
export declare function cachedPagePolicy(
  scriptHashes: readonly string[],
  options?: { development?: boolean },
): string;
export declare function pageWithoutNoncePolicy(): string;
export declare function nonHtmlPolicy(): string;
export declare function newNonce(): string;
export declare function isSharedCacheable(cacheControl: string | undefined): boolean;
export declare function inlineScriptHashes(html: string, sha256Base64: (text: string) => string): string[];
export declare function servedOverHttps(request: {
  siteUrl: string | undefined;
  forwardedProto: string | undefined;
  trustedProxyHops: number;
}): boolean;
