import { REPEAT_EMAILS_PER_MAILBOX } from "@/lib/security/limits";

/** At most this many repeat emails ("already signed", "new link") to one address per day. */
export const REPEAT_EMAILS_PER_DAY = REPEAT_EMAILS_PER_MAILBOX.limit;
const REPEAT_WINDOW_MS = REPEAT_EMAILS_PER_MAILBOX.windowMs;

export type RepeatCounters = { repeatEmailCount: number; repeatWindowStartedAt: Date | null };

/**
 * The counters to store if one more repeat email may go out now, or undefined if the address has had
 * its share today. Signing again must not turn the site into a way to flood someone's inbox.
 */
export function nextRepeatCounters(current: RepeatCounters, now: Date): Partial<RepeatCounters> | undefined {
  const start = current.repeatWindowStartedAt;
  const windowOpen = start !== null && now.getTime() - start.getTime() < REPEAT_WINDOW_MS;
  const sentToday = windowOpen ? current.repeatEmailCount : 0;
  if (sentToday >= REPEAT_EMAILS_PER_DAY) return undefined;
  return windowOpen
    ? { repeatEmailCount: sentToday + 1 }
    : { repeatEmailCount: 1, repeatWindowStartedAt: now };
}

/**
 * The `where` that makes spending a repeat-email slot safe under concurrency: the update only applies if
 * the counters are still what we read. Of two requests racing for the same slot, one updates a row and
 * sends; the other updates none and sends nothing (PostgreSQL re-checks the condition after the lock).
 */
export function unchangedCounters(current: RepeatCounters) {
  return { repeatEmailCount: current.repeatEmailCount, repeatWindowStartedAt: current.repeatWindowStartedAt };
}
