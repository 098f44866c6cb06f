// Types for fixed-headers.mjs (plain JavaScript, shared with next.config.ts and the ingest path).
export declare const fixedSecurityHeaders: { key: string; value: string }[];
