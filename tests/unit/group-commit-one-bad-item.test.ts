import { describe, expect, it } from "vitest";
import { GroupCommit } from "@/lib/platform/group-commit";
import { DatabaseUnavailableError } from "@/lib/platform/database/errors";

// A batch carries hundreds of sign-ups; one that the database refuses must fail alone, and a passing
// deadlock or busy moment must not fail anyone.

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const deadlock = () => Object.assign(new Error("deadlock detected"), { code: "40P01" });

/** A fake all-or-nothing writer: records what it committed, refuses any batch holding a poison item. */
function fakeDatabase(poison: Set<number>, options: { failFirst?: () => Error } = {}) {
  const committed: number[] = [];
  const attempts: number[][] = [];
  let running = 0;
  let mostAtOnce = 0;
  const writeBatch = async (items: number[]) => {
    attempts.push(items);
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    try {
      await tick();
      if (attempts.length === 1 && options.failFirst) throw options.failFirst();
      const bad = items.find((item) => poison.has(item));
      if (bad !== undefined) throw new Error(`item ${bad} breaks a constraint`);
      committed.push(...items);
      return items.map((item) => `saved ${item}`);
    } finally {
      running -= 1;
    }
  };
  return { writeBatch, committed, attempts, mostAtOnce: () => mostAtOnce };
}

describe("group commit when a batch fails", () => {
  it("fails the one poison item among 100 alone, and writes and resolves the other 99", async () => {
    const database = fakeDatabase(new Set([37]));
    const group = new GroupCommit(database.writeBatch, { maxBatch: 500, concurrency: 1 });
    const outcomes = await Promise.allSettled(range(100).map((n) => group.submit(n)));

    expect(outcomes[37]).toEqual({ status: "rejected", reason: new Error("item 37 breaks a constraint") });
    outcomes.forEach((outcome, n) => {
      if (n !== 37) expect(outcome).toEqual({ status: "fulfilled", value: `saved ${n}` });
    });
    // Each good item written exactly once, in the order submitted.
    expect(database.committed).toEqual(range(100).filter((n) => n !== 37));
    // Halving finds it in about 2·log2(100) writes, not 100.
    expect(database.attempts.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(100)) + 1);
  });

  it("isolates several poison items, keeping order and the concurrency limit", async () => {
    const poison = new Set([3, 40, 41, 99]);
    const database = fakeDatabase(poison);
    const group = new GroupCommit(database.writeBatch, { maxBatch: 25, concurrency: 2 });
    const outcomes = await Promise.allSettled(range(100).map((n) => group.submit(n)));

    outcomes.forEach((outcome, n) => expect(outcome.status).toBe(poison.has(n) ? "rejected" : "fulfilled"));
    expect([...database.committed].sort((a, b) => a - b)).toEqual(range(100).filter((n) => !poison.has(n)));
    expect(database.mostAtOnce()).toBe(2);
    expect(Math.max(...database.attempts.map((batch) => batch.length))).toBeLessThanOrEqual(25);
    // Within each batch of 25 (one slot), items are committed in the order they were submitted.
    for (let start = 0; start < 100; start += 25) {
      const slice = database.committed.filter((n) => n >= start && n < start + 25);
      expect(slice).toEqual([...slice].sort((a, b) => a - b));
    }
  });

  it("retries a transient failure once it passes, and resolves everything", async () => {
    const database = fakeDatabase(new Set(), { failFirst: deadlock });
    const group = new GroupCommit(database.writeBatch, { maxBatch: 500, concurrency: 1 });
    const results = await Promise.all(range(10).map((n) => group.submit(n)));

    expect(results).toEqual(range(10).map((n) => `saved ${n}`));
    expect(database.attempts).toEqual([range(10), range(10)]); // one retry, same batch, no split
    expect(database.committed).toEqual(range(10));
  });

  it("fails the whole batch without splitting when the database itself is unavailable", async () => {
    let calls = 0;
    const group = new GroupCommit<number, number>(
      async () => {
        calls += 1;
        await tick();
        throw new DatabaseUnavailableError();
      },
      { maxBatch: 500, concurrency: 1, retries: 2 },
    );
    const outcomes = await Promise.allSettled(range(50).map((n) => group.submit(n)));
    expect(outcomes.every((outcome) => outcome.status === "rejected")).toBe(true);
    expect(calls).toBe(3); // the first try and two retries
  });

  it("does not retry an error that would fail the same way again", async () => {
    const database = fakeDatabase(new Set([0]));
    const group = new GroupCommit(database.writeBatch, { maxBatch: 500, concurrency: 1 });
    await expect(group.submit(0)).rejects.toThrow("item 0 breaks a constraint");
    expect(database.attempts).toEqual([[0]]);
  });
});
