// Types for content-coding.mjs (plain JavaScript, used by serve.mjs's response rewriters).
import type { ServerResponse } from "node:http";

export declare const isHtml: (res: ServerResponse) => boolean;
export declare const isReadableCoding: (res: ServerResponse) => boolean;
export declare function readBody(res: ServerResponse, body: Buffer): string;
export declare function writeBody(res: ServerResponse, text: string): Buffer;
