// Types for partner-rewrites.mjs (plain JavaScript, read by next.config.ts).
export declare function partnerCodes(root?: string): string[];
export declare function partnerRewrites(codes?: string[]): {
  source: string;
  has: { type: "query"; key: string; value: string }[];
  destination: string;
}[];
