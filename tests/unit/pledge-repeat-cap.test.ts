import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REPEAT_EMAILS_PER_DAY, nextRepeatCounters } from "@/lib/pledge/repeat-cap";

// Signing again (or asking for a new link) sends an email; at most 3 a day per address, so the form
// cannot be used to flood someone's inbox.

const DAY_MS = 24 * 60 * 60 * 1000;
const now = new Date("2026-11-25T12:00:00.000Z");
const ago = (ms: number) => new Date(now.getTime() - ms);

type Counters = { repeatEmailCount: number; repeatWindowStartedAt: Date | null };
const apply = (current: Counters, at: Date): Counters | undefined => {
  const next = nextRepeatCounters(current, at);
  return next && { ...current, ...next };
};

describe("the daily cap on repeat emails", () => {
  it("the first repeat email opens a 24-hour window", () => {
    expect(nextRepeatCounters({ repeatEmailCount: 0, repeatWindowStartedAt: null }, now)).toEqual({
      repeatEmailCount: 1,
      repeatWindowStartedAt: now,
    });
  });

  it("counts up inside the window and refuses the fourth", () => {
    const start = ago(60_000);
    expect(nextRepeatCounters({ repeatEmailCount: 1, repeatWindowStartedAt: start }, now)).toEqual({
      repeatEmailCount: 2,
    });
    expect(nextRepeatCounters({ repeatEmailCount: 2, repeatWindowStartedAt: start }, now)).toEqual({
      repeatEmailCount: 3,
    });
    expect(nextRepeatCounters({ repeatEmailCount: 3, repeatWindowStartedAt: start }, now)).toBeUndefined();
    expect(nextRepeatCounters({ repeatEmailCount: 7, repeatWindowStartedAt: start }, now)).toBeUndefined();
  });

  it("opens a new window once 24 hours have passed, to the millisecond", () => {
    const full = (start: Date) => ({ repeatEmailCount: REPEAT_EMAILS_PER_DAY, repeatWindowStartedAt: start });
    expect(nextRepeatCounters(full(ago(DAY_MS - 1)), now)).toBeUndefined();
    expect(nextRepeatCounters(full(ago(DAY_MS)), now)).toEqual({
      repeatEmailCount: 1,
      repeatWindowStartedAt: now,
    });
    expect(nextRepeatCounters(full(ago(30 * DAY_MS)), now)).toEqual({
      repeatEmailCount: 1,
      repeatWindowStartedAt: now,
    });
  });

  it("a count left without a window (never in practice) does not block the first email", () => {
    expect(nextRepeatCounters({ repeatEmailCount: 5, repeatWindowStartedAt: null }, now)).toEqual({
      repeatEmailCount: 1,
      repeatWindowStartedAt: now,
    });
  });

  it("never lets more than 3 through in any 24 hours from a window's start, however the attempts fall", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 * DAY_MS }), { minLength: 1, maxLength: 60 }),
        (offsets) => {
          const times = [...offsets].sort((a, b) => a - b).map((offset) => new Date(now.getTime() + offset));
          let counters: Counters = { repeatEmailCount: 0, repeatWindowStartedAt: null };
          const sent: Date[] = [];
          for (const at of times) {
            const next = apply(counters, at);
            if (next) {
              counters = next;
              sent.push(at);
            }
          }
          // Per window: the first email starts it, and at most 3 fall within 24 hours of that start.
          let windowStart: number | undefined;
          let inWindow = 0;
          for (const at of sent) {
            if (windowStart === undefined || at.getTime() - windowStart >= DAY_MS) {
              windowStart = at.getTime();
              inWindow = 0;
            }
            inWindow += 1;
            expect(inWindow).toBeLessThanOrEqual(REPEAT_EMAILS_PER_DAY);
          }
          // And nobody is shut out for good: the first attempt always gets through.
          expect(sent[0]).toEqual(times[0]);
          expect(counters.repeatEmailCount).toBeGreaterThanOrEqual(1);
          expect(counters.repeatEmailCount).toBeLessThanOrEqual(REPEAT_EMAILS_PER_DAY);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("lets exactly min(attempts, 3) through when all attempts fall within one day", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: DAY_MS - 1 }), { maxLength: 20 }), (offsets) => {
        let counters: Counters = { repeatEmailCount: 0, repeatWindowStartedAt: null };
        let sent = 0;
        for (const offset of [...offsets].sort((a, b) => a - b)) {
          const next = apply(counters, new Date(now.getTime() + offset));
          if (next) {
            counters = next;
            sent += 1;
          }
        }
        expect(sent).toBe(Math.min(offsets.length, REPEAT_EMAILS_PER_DAY));
      }),
      { numRuns: 300 },
    );
  });
});
