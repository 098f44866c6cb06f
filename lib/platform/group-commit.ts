import { jitteredDelay, sleep } from "@/lib/platform/database/backoff";
import { isDatabaseUnavailable, isTransientDatabaseError } from "@/lib/platform/database/errors";

/**
 * Group commit: callers submit one item each and wait. Items are gathered until the next turn of the event
 * loop (setImmediate) and written together, up to `maxBatch` per transaction and at most `concurrency`
 * batches at a time; whatever arrives while those are being written waits for the next free slot. Under
 * load one transaction carries hundreds of sign-ups, so the database does one commit (one fsync on
 * SQLite) instead of hundreds; when idle, a lone item is written on the next turn. Every caller waits for
 * the commit of its own batch, so an accepted request is a durable one (given SQLite's synchronous=FULL).
 *
 * One bad item must not fail the hundreds written with it. `writeBatch` must be all-or-nothing (one
 * transaction), which makes writing a failed batch again safe:
 * - a transient failure (busy, deadlock, serialization failure, reset connection) is retried a few times
 *   after a jittered pause;
 * - a batch that still fails, or fails for any other reason, is split in halves, each written on its own,
 *   recursively, until the item at fault fails alone with its own error;
 * - except when the database itself is unavailable: every item would fail the same way, so the whole
 *   batch fails at once rather than hammering it with ever smaller batches.
 * Retries and halves run inside the batch's slot, one after another, so order and the concurrency limit
 * still hold.
 */
export type GroupCommitOptions = {
  maxBatch: number;
  concurrency: number;
  /** Extra attempts for a batch that failed transiently, before it is split. */
  retries?: number;
  isTransient?: (error: unknown) => boolean;
};

type Entry<Item, Result> = { item: Item; resolve: (r: Result) => void; reject: (e: unknown) => void };

export class GroupCommit<Item, Result> {
  private queue: Entry<Item, Result>[] = [];
  private running = 0;
  private scheduled = false;
  private readonly retries: number;
  private readonly isTransient: (error: unknown) => boolean;

  constructor(
    private readonly writeBatch: (items: Item[]) => Promise<Result[]>,
    private readonly options: GroupCommitOptions = { maxBatch: 500, concurrency: 1 },
  ) {
    this.retries = options.retries ?? 2;
    this.isTransient = options.isTransient ?? isTransientDatabaseError;
  }

  submit(item: Item): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      // Start on the next turn of the event loop, not now: requests already read from their sockets
      // get to join. (Started inside submit, a synchronous SQLite driver finished each transaction
      // before any other request was read, so every "batch" held one sign-up.)
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.running < this.options.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.running += 1;
      this.write(batch).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  /** Settles every entry in `batch`; never rejects. */
  private async write(batch: Entry<Item, Result>[]): Promise<void> {
    let error: unknown;
    for (let attempt = 0; ; attempt += 1) {
      try {
        const results = await this.writeBatch(batch.map((entry) => entry.item));
        batch.forEach((entry, index) => entry.resolve(results[index]!));
        return;
      } catch (caught) {
        error = caught;
        if (attempt >= this.retries || !this.isTransient(caught)) break;
        await sleep(jitteredDelay(attempt, 20, 200));
      }
    }
    if (batch.length === 1 || isDatabaseUnavailable(error)) {
      batch.forEach((entry) => entry.reject(error));
      return;
    }
    const middle = Math.ceil(batch.length / 2);
    await this.write(batch.slice(0, middle));
    await this.write(batch.slice(middle));
  }
}
