import "server-only";
import { pipeline, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { neutraliseCell } from "./csv-cell";

const BLOCK_BYTES = 64 * 1024;

export type CsvValue = string | boolean | Date | null | undefined;
export type CsvColumn<Row> = { key: keyof Row & string; header: string };

/** How an export ended: every row sent, or cut short (the browser went away, or a query failed). */
export type CsvOutcome = { rows: number; complete: boolean; failed?: boolean };

/**
 * Rows, a batch at a time, through csv-stringify into a web ReadableStream for a Response body. Nothing
 * is built in memory: the stream is pulled by the client, so the next batch is read from the database
 * only when the previous one has gone out. UTF-8 with a byte-order mark (so Excel reads accents right),
 * a header row, dates as ISO 8601, and every text cell neutralised against formulas.
 *
 * `onEnd` runs once, before the last byte is released: when every row has been sent (an error there
 * fails the download, so no complete export goes unrecorded), or when the client disconnects or a query
 * fails, with the rows written so far.
 */
export function csvStream<Row extends Record<string, CsvValue>>(options: {
  columns: readonly CsvColumn<Row>[];
  batches: AsyncIterable<readonly Row[]>;
  onEnd: (outcome: CsvOutcome) => Promise<void>;
}): ReadableStream<Uint8Array> {
  async function* records() {
    for await (const batch of options.batches) yield* batch;
  }

  const stringifier = stringify({
    bom: true,
    header: true,
    columns: options.columns.map(({ key, header }) => ({ key, header })),
    record_delimiter: "windows",
    // Naming a record delimiter turns csv-stringify's quoting of bare \n and \r off: a note written on
    // two lines would split its row in two. Turn it back on.
    quote_record_delimiter: true,
    cast: {
      date: (value) => value.toISOString(),
      boolean: (value) => (value ? "yes" : "no"),
      string: (value) => neutraliseCell(value),
    },
  });
  // pipeline destroys the source (ending the database reads) if the stringifier is destroyed, and
  // passes a failed query on as the stringifier's error; the callback keeps that error from going unhandled.
  pipeline(Readable.from(records()), stringifier, () => {});
  let rows = 0;
  stringifier.on("record", () => {
    rows += 1;
  });
  const chunks = stringifier[Symbol.asyncIterator]();

  let ended = false;
  const end = async (outcome: Omit<CsvOutcome, "rows">) => {
    if (ended) return;
    ended = true;
    await options.onEnd({ rows, ...outcome });
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // csv-stringify emits about one chunk per row; send them on in blocks of ~64 KiB instead, so a
        // million-row export is a few thousand writes, not a million.
        const block: Buffer[] = [];
        let size = 0;
        let next: IteratorResult<Buffer | string>;
        try {
          do {
            next = await chunks.next();
            if (!next.done) {
              const chunk = typeof next.value === "string" ? Buffer.from(next.value) : next.value;
              block.push(chunk);
              size += chunk.length;
            }
          } while (!next.done && size < BLOCK_BYTES);
        } catch (error) {
          await end({ complete: false, failed: true }).catch(() => {});
          controller.error(error);
          return;
        }
        if (!next.done) {
          controller.enqueue(Buffer.concat(block, size));
          return;
        }
        // The last block waits for the audit record: a complete export is never handed over unrecorded.
        try {
          await end({ complete: true });
        } catch (error) {
          controller.error(error);
          return;
        }
        if (block.length > 0) controller.enqueue(Buffer.concat(block, size));
        controller.close();
      },
      async cancel() {
        await chunks.return?.();
        stringifier.destroy();
        await end({ complete: false });
      },
    },
    // Read from the database only when the client asks for more.
    { highWaterMark: 0 },
  );
}
