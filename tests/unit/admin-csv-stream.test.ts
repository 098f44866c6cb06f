import { describe, expect, it } from "vitest";
import { csvStream, type CsvOutcome } from "@/lib/admin/export/csv-stream";

// The export's plumbing without a database: batches in, CSV bytes out, and one report of how it ended.

// Each record is a row's values in the headers' order: id, name, at, ok, note.
type Row = [id: string, name: string, at: Date, ok: boolean, note: string | null];
const headers = ["ID", "Name", "At", "OK", "Note"];

const row = (i: number): Row => [
  String(i),
  i === 1 ? '@Jo, "the" Bloggs' : `Row ${i}`,
  new Date(Date.UTC(2026, 10, 25, 10, 0, i)),
  i % 2 === 0,
  i === 2 ? "two\nlines" : null,
];

async function* batches(count: number, size: number, failAfter?: number) {
  for (let start = 0; start < count; start += size) {
    if (failAfter !== undefined && start >= failAfter) throw new Error("database went away");
    yield Array.from({ length: Math.min(size, count - start) }, (_, i) => row(start + i));
  }
}

describe("csvStream", () => {
  it("writes a BOM, a header, quoted and neutralised cells and ISO dates, then reports completion", async () => {
    const ends: CsvOutcome[] = [];
    const stream = csvStream({
      headers,
      batches: batches(3, 2),
      onEnd: async (outcome) => {
        ends.push(outcome);
      },
    });
    const bytes = Buffer.from(await new Response(stream).arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString("utf8")).toBe(
      [
        "ID,Name,At,OK,Note",
        "0,Row 0,2026-11-25T10:00:00.000Z,yes,",
        `1,"'@Jo, ""the"" Bloggs",2026-11-25T10:00:01.000Z,no,`,
        '2,Row 2,2026-11-25T10:00:02.000Z,yes,"two\nlines"',
        "",
      ].join("\r\n"),
    );
    expect(ends).toEqual([{ rows: 3, complete: true }]);
  });

  it("writes the header alone when there are no rows", async () => {
    const stream = csvStream({ headers, batches: batches(0, 5), onEnd: async () => {} });
    expect(Buffer.from(await new Response(stream).arrayBuffer()).toString("utf8")).toBe(
      "\uFEFFID,Name,At,OK,Note\r\n",
    );
  });

  it("fails the download when a query fails, and reports the rows written before it", async () => {
    const ends: CsvOutcome[] = [];
    const stream = csvStream({
      headers,
      batches: batches(100, 10, 30),
      onEnd: async (outcome) => {
        ends.push(outcome);
      },
    });
    await expect(new Response(stream).arrayBuffer()).rejects.toThrow();
    expect(ends).toEqual([{ rows: 30, complete: false, failed: true }]);
  });

  it("reads a batch only when the client asks for more, however slowly it reads", async () => {
    let fetched = 0;
    async function* counted() {
      for await (const batch of batches(1_000, 100)) {
        fetched += batch.length;
        yield batch;
      }
    }
    const ends: CsvOutcome[] = [];
    const reader = csvStream({
      headers,
      batches: counted(),
      onEnd: async (outcome) => {
        ends.push(outcome);
      },
    }).getReader();
    // Nothing is read before the client asks.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fetched).toBe(0);
    let received = -1; // the header
    for (let read = 1; read <= 4; read += 1) {
      const { value } = await reader.read();
      received += Buffer.from(value!).toString("utf8").split("\r\n").length - 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fetched).toBe(read * 100);
      expect(received).toBe(fetched);
    }
    await reader.cancel();
    expect(ends).toEqual([{ rows: 400, complete: false }]);
  });

  it("fails the download if its audit event cannot be written", async () => {
    const stream = csvStream({
      headers,
      batches: batches(3, 3),
      onEnd: async () => {
        throw new Error("audit log unavailable");
      },
    });
    await expect(new Response(stream).arrayBuffer()).rejects.toThrow("audit log unavailable");
  });
});
