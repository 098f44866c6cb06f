// Types for ingest-slot.mjs (plain JavaScript, shared with serve.mjs).
import type { IncomingMessage, ServerResponse } from "node:http";

export type IngestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;
export declare function registerIngest(method: string, pathname: string, handler: IngestHandler): void;
export declare function ingestFor(
  method: string | undefined,
  url: string | undefined,
): IngestHandler | undefined;
