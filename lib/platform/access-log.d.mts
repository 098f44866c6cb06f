// Types for access-log.mjs (plain JavaScript, used by serve.mjs).
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";

export declare function loggablePath(url: string | undefined): string;
export declare function logWhenDone(
  log: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): void;
