// Types for serve-helpers.mjs (plain JavaScript, so `npm start` runs it with no compile step).
import type { IncomingMessage } from "node:http";

export declare const PEER_HEADER: "x-count-us-in-peer";
export declare const USAGE: string;
export declare class UsageError extends Error {}
export type ServeOptions = {
  port: number;
  hostname: string | undefined;
  keepAliveTimeout: number | undefined;
  help: boolean;
};
export declare function parseServeArgs(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): ServeOptions;
export declare function internalHostname(hostname: string | undefined): string;
export declare function stampPeer(req: IncomingMessage): void;
