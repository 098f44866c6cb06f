// Types for request-ids.mjs (plain JavaScript, shared with serve.mjs).
import type { AsyncLocalStorage } from "node:async_hooks";
import type { IncomingMessage, ServerResponse } from "node:http";

export declare const REQUEST_ID_HEADER: "x-request-id";
export declare function requestContextStorage(): AsyncLocalStorage<{ requestId: string }>;
export declare function requestIdFor(incoming: string | string[] | undefined): string;
export declare function isAcceptableRequestId(value: string | null | undefined): value is string;
export declare function stampRequestId(req: IncomingMessage, res: ServerResponse): string;
