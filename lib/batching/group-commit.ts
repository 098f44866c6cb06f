/**
 * Group commit: callers submit one item each and wait; items that arrive while a batch is being written
 * are written together in the next one. Under load one transaction carries hundreds of sign-ups, so the
 * database does one commit (one fsync on SQLite) instead of hundreds; when idle, a lone item is written
 * at once. Every caller waits for the commit of its own batch, so an accepted request is a durable one.
 */
export class GroupCommit<Item, Result> {
  private queue: { item: Item; resolve: (r: Result) => void; reject: (e: unknown) => void }[] = [];
  private running = 0;
  private scheduled = false;

  constructor(
    private readonly writeBatch: (items: Item[]) => Promise<Result[]>,
    private readonly options: { maxBatch: number; concurrency: number } = { maxBatch: 500, concurrency: 1 },
  ) {}

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
      this.writeBatch(batch.map((entry) => entry.item))
        .then(
          (results) => batch.forEach((entry, index) => entry.resolve(results[index]!)),
          (error: unknown) => batch.forEach((entry) => entry.reject(error)),
        )
        .finally(() => {
          this.running -= 1;
          this.pump();
        });
    }
  }
}
