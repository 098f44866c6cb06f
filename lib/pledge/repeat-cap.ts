/** At most this many repeat emails ("already signed", "new link") to one address per day. */
export const REPEAT_EMAILS_PER_DAY = 3;
const DAY_MS = 24 * 60 * 60 * 1000;

type RepeatCounters = { repeatEmailCount: number; repeatWindowStartedAt: Date | null };

/**
 * The counters to store if one more repeat email may go out now, or undefined if the address has had
 * its share today. Signing again must not turn the site into a way to flood someone's inbox.
 */
export function nextRepeatCounters(current: RepeatCounters, now: Date): Partial<RepeatCounters> | undefined {
  const start = current.repeatWindowStartedAt;
  const windowOpen = start !== null && now.getTime() - start.getTime() < DAY_MS;
  const sentToday = windowOpen ? current.repeatEmailCount : 0;
  if (sentToday >= REPEAT_EMAILS_PER_DAY) return undefined;
  return windowOpen
    ? { repeatEmailCount: sentToday + 1 }
    : { repeatEmailCount: 1, repeatWindowStartedAt: now };
}
