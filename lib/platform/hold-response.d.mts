// Types for hold-response.mjs (plain JavaScript, used by the production server's response wrappers).
import type { ServerResponse } from "node:http";

export declare function holdResponse(
  res: ServerResponse,
  steps: {
    onHeaders: (statusCode: number) => boolean;
    onBody: (body: Buffer, statusCode: number) => Buffer;
    writeHead?: ServerResponse["writeHead"];
  },
): void;
