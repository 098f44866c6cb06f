import { describe, expect, it } from "vitest";
import { GroupCommit } from "@/lib/platform/group-commit";

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe("group commit", () => {
  it("gathers items submitted in the same turn into one batch, and later ones into the next", async () => {
    const batches: number[][] = [];
    const group = new GroupCommit<number, string>(async (items) => {
      batches.push(items);
      await tick();
      return items.map((n) => `done ${n}`);
    });
    const first = [1, 2].map((n) => group.submit(n));
    await new Promise((resolve) => setImmediate(resolve)); // the first batch is now being written
    const later = [3, 4, 5].map((n) => group.submit(n));
    expect(await Promise.all([...first, ...later])).toEqual([
      "done 1",
      "done 2",
      "done 3",
      "done 4",
      "done 5",
    ]);
    expect(batches).toEqual([
      [1, 2],
      [3, 4, 5],
    ]);
  });

  it("caps batch size and never runs more batches at once than allowed", async () => {
    let running = 0;
    let most = 0;
    const sizes: number[] = [];
    const group = new GroupCommit<number, number>(
      async (items) => {
        running += 1;
        most = Math.max(most, running);
        sizes.push(items.length);
        await tick();
        running -= 1;
        return items;
      },
      { maxBatch: 3, concurrency: 2 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, i) => group.submit(i)));
    expect(most).toBe(2);
    expect(Math.max(...sizes)).toBe(3);
    expect(sizes.reduce((a, b) => a + b)).toBe(10);
  });

  it("fails every caller in a batch that fails, and carries on with the next", async () => {
    let calls = 0;
    const group = new GroupCommit<number, number>(async (items) => {
      calls += 1;
      await tick();
      if (calls === 1) throw new Error("disk full");
      return items;
    });
    const first = group.submit(1);
    await new Promise((resolve) => setImmediate(resolve)); // 1 is in the failing batch; 2 comes after
    const second = group.submit(2);
    await expect(first).rejects.toThrow("disk full");
    await expect(second).resolves.toBe(2);
  });
});
