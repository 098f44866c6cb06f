// Types for malformed-path.mjs (plain JavaScript, run by serve.mjs).
export declare function repairMalformedPath(url: string): string;
