// Types for log-options.mjs (plain JavaScript, shared with serve.mjs).
import type { LevelWithSilent, LoggerOptions } from "pino";

export declare const LOG_LEVELS: readonly LevelWithSilent[];
export declare const REDACT_PATHS: string[];
export declare function serializeError(error: unknown): { type: string; code?: string; stack?: string };
export declare function logLevelFrom(value: string | undefined): LevelWithSilent;
export declare function loggerOptions(level: string): LoggerOptions;
