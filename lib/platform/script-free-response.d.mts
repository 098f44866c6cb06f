// Types for script-free-response.mjs (plain JavaScript, used by serve.mjs).
import type { IncomingMessage, ServerResponse } from "node:http";

export declare function serveWithoutNextRuntime(req: IncomingMessage, res: ServerResponse): void;
