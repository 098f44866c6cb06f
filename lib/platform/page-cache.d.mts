// Types for page-cache.mjs (plain JavaScript, used by serve.mjs).
import type { IncomingMessage, ServerResponse } from "node:http";

export declare function createPageCache(options?: {
  ttlMs?: number;
  staleMs?: number;
  maxBytes?: number;
  maxEntryBytes?: number;
  now?: () => number;
}): {
  handle: (req: IncomingMessage, res: ServerResponse, passOn: () => Promise<void>) => Promise<void>;
  size: () => number;
};
