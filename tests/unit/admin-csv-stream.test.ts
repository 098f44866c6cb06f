import { describe, expect, it } from "vitest";
import { csvStream, type CsvOutcome } from "@/lib/admin/people/csv-stream";

// The export's plumbing without a database: batches in, CSV bytes out, and one report of how it ended.

type Row = { id: string; name: string; at: Date; ok: boolean; note: string | null };
const columns = [
  { key: "id", header: "ID" },
  { key: "name", header: "Name" },
  { key: "at", header: "At" },
  { key: "ok", header: "OK" },
  { key: "note", header: "Note" },
] as const;

const row = (i: number): Row => ({
  id: String(i),
  name: i === 1 ? '@Jo, "the" Bloggs' : `Row ${i}`,
  at: new Date(Date.UTC(2026, 10, 25, 10, 0, i)),
  ok: i % 2 === 0,
  note: i === 2 ? "two\nlines" : null,
});

async function* batches(count: number, size: number, failAfter?: number) {
  for (let start = 0; start < count; start += size) {
    if (failAfter !== undefined && start >= failAfter) throw new Error("database went away");
    yield Array.from({ length: Math.min(size, count - start) }, (_, i) => row(start + i));
  }
}

describe("csvStream", () => {
  it("writes a BOM, a header, quoted and neutralised cells and ISO dates, then reports completion", async () => {
    const ends: CsvOutcome[] = [];
    const stream = csvStream<Row>({
      columns,
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
    const stream = csvStream<Row>({ columns, batches: batches(0, 5), onEnd: async () => {} });
    expect(Buffer.from(await new Response(stream).arrayBuffer()).toString("utf8")).toBe(
      "\uFEFFID,Name,At,OK,Note\r\n",
    );
  });

  it("fails the download when a query fails, and reports the rows written before it", async () => {
    const ends: CsvOutcome[] = [];
    const stream = csvStream<Row>({
      columns,
      batches: batches(100, 10, 30),
      onEnd: async (outcome) => {
        ends.push(outcome);
      },
    });
    await expect(new Response(stream).arrayBuffer()).rejects.toThrow();
    expect(ends).toEqual([{ rows: 30, complete: false, failed: true }]);
  });

  it("fails the download if its audit event cannot be written", async () => {
    const stream = csvStream<Row>({
      columns,
      batches: batches(3, 3),
      onEnd: async () => {
        throw new Error("audit log unavailable");
      },
    });
    await expect(new Response(stream).arrayBuffer()).rejects.toThrow("audit log unavailable");
  });
});
