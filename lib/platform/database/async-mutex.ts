/**
 * A first-come, first-served lock for async code. `acquire()` resolves with a release function once every
 * earlier holder has released; calling release more than once is harmless, so an error path and a
 * `finally` can both call it without freeing the lock for someone else.
 */
export class AsyncMutex {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let open!: () => void;
    const released = new Promise<void>((resolve) => (open = resolve));
    const turn = this.tail.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        open();
      };
    });
    this.tail = this.tail.then(() => released);
    return turn;
  }
}
