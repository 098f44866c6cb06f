import pino, { type DestinationStream, type Logger } from "pino";
import { env } from "@/lib/platform/env";
import { loggerOptions } from "./log-options.mjs";
import { currentRequestId, resolveRequestId } from "@/lib/platform/request-context";

// The app's logger: JSON lines on stdout, each stamped with the request it was written for. Log ids,
// counts and error types, never a person: names, addresses, phone numbers, tokens and free text stay out
// of the message (the redact list in log-options.mjs only catches what slips through as an object key).

export type { Logger };

export function createLogger(destination?: DestinationStream, level: string = env.LOG_LEVEL): Logger {
  return pino(
    {
      ...loggerOptions(level),
      mixin: () => {
        const reqId = currentRequestId();
        return reqId ? { reqId } : {};
      },
    },
    // Synchronous writes: a line is on stdout before the call returns, so nothing is lost when the process
    // is killed, and lines from serve.mjs's logger and this one never interleave.
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

// Next.js may load this module once per bundle (and again on each edit in dev): one logger per process.
const globalForLog = globalThis as typeof globalThis & { countUsInLogger?: Logger };
export const logger: Logger = (globalForLog.countUsInLogger ??= createLogger());

/** The logger for the current request, including under `next dev`, where serve.mjs is not in front. */
export async function requestLogger(): Promise<Logger> {
  if (currentRequestId()) return logger;
  const reqId = await resolveRequestId();
  return reqId ? logger.child({ reqId }) : logger;
}
