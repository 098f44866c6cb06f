// Types for page-cache.mjs (plain JavaScript, used by serve.mjs).
import type { IncomingMessage, ServerResponse } from "node:http";

export declare function createPageCache(options?: {
  ttlMs?: number;
  maxBytes?: number;
  maxEntryBytes?: number;
  now?: () => number;
}): { serveOrCapture: (req: IncomingMessage, res: ServerResponse) => boolean; size: () => number };
