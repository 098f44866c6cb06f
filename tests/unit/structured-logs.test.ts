import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { loggablePath } from "@/lib/platform/access-log.mjs";
import { createLogger } from "@/lib/platform/log";
import { resolveRequestId } from "@/lib/platform/request-context";
import { requestContextStorage, requestIdFor } from "@/lib/platform/request-ids.mjs";

// The server's log is JSON lines that carry the request they were written for and nobody's details: the
// code logs ids and counts, and pino's redaction and our error serializer catch what slips through.

function capture() {
  const lines: Record<string, unknown>[] = [];
  let text = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger(stream, "info"), lines, text: () => text };
}

describe("the app's logger (lib/platform/log.ts)", () => {
  it("writes JSON lines with a level label, a time and the message", () => {
    const { logger, lines } = capture();
    logger.info({ count: 3 }, "retention: sweep done");
    expect(lines[0]).toMatchObject({ level: "info", count: 3, msg: "retention: sweep done" });
    expect(new Date(lines[0]!.time as string).getTime()).toBeGreaterThan(0);
  });

  it("censors personal keys at the top and two levels down", () => {
    const { logger, text } = capture();
    logger.warn(
      {
        email: "sam@example.org",
        signature: { name: "Sam Example", phone: "07700 900123", note: "I live with it" },
        message: { envelope: { to: "isla@example.org", address: "1 High St" } },
        req: { headers: { authorization: "Bearer partner-secret", cookie: "session=abc" } },
      },
      "something odd",
    );
    for (const secret of ["sam@example.org", "Sam Example", "07700", "I live with it", "isla@", "High St"])
      expect(text()).not.toContain(secret);
    expect(text()).not.toContain("partner-secret");
    expect(text()).not.toContain("session=abc");
    expect(text()).toContain("[redacted]");
  });

  it("keeps an error's type, code and stack frames but not its message, which can quote values", () => {
    const { logger, lines, text } = capture();
    const error = Object.assign(new Error('Unique constraint failed: "sam@example.org"'), { code: "P2002" });
    logger.error({ err: error }, "write failed");
    expect(text()).not.toContain("sam@example.org");
    expect(lines[0]!.err).toMatchObject({ type: "Error", code: "P2002" });
    expect((lines[0]!.err as { stack: string }).stack).toMatch(/^\s+at /);
  });

  it("stamps each line with the request it was written for, and none outside a request", async () => {
    const { logger, lines } = capture();
    await requestContextStorage().run({ requestId: "req-00000001" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.info("inside");
    });
    logger.info("outside");
    expect(lines[0]).toMatchObject({ msg: "inside", reqId: "req-00000001" });
    expect(lines[1]).not.toHaveProperty("reqId");
    // Outside Next.js and outside serve.mjs's storage there is no request to name.
    expect(await resolveRequestId()).toBeUndefined();
  });
});

describe("request ids (lib/platform/request-ids.mjs)", () => {
  it("keeps a proxy's id that looks like one and replaces anything else with a new UUID", () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(requestIdFor("0a1b2c3d4e5f60718293a4b5c6d7e8f9")).toBe("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    expect(requestIdFor("3f2c8a4e-1b7d-4c3e-9f0a-2b6d8e1c4a7f")).toBe("3f2c8a4e-1b7d-4c3e-9f0a-2b6d8e1c4a7f");
    for (const forged of [
      undefined,
      "short",
      "x".repeat(65),
      'id","level":"fatal',
      "a b c d e f g h",
      ["a", "b"],
    ])
      expect(requestIdFor(forged)).toMatch(uuid);
    expect(requestIdFor(undefined)).not.toBe(requestIdFor(undefined));
  });
});

describe("the access line's path (lib/platform/access-log.mjs)", () => {
  it.each([
    ["/pledge/confirm/eyJhbGciOi.abc_DEF-123", "/pledge/confirm/:token"],
    ["/pledge/manage/tok3n?x=1", "/pledge/manage/:token"],
    ["/scotland/volunteer/confirm/abc", "/scotland/volunteer/confirm/:token"],
    ["/scotland/volunteer/manage/abc/", "/scotland/volunteer/manage/:token/"],
    ["/admin/sign-in/verify?token=secret", "/admin/sign-in/verify"],
    ["/admin/sign-in/check-email", "/admin/sign-in/check-email"],
    ["/admin/sign-in/s3cr3t-token", "/admin/sign-in/:token"],
    ["/admin/people?q=sam%40example.org", "/admin/people"],
    ["/api/pledge", "/api/pledge"],
    [`/somewhere/${"a".repeat(43)}/next`, "/somewhere/:token/next"],
    ["*", "(not a path)"],
  ])("%s is logged as %s", (url, logged) => {
    expect(loggablePath(url)).toBe(logged);
  });

  it("is at most 200 characters", () => {
    expect(loggablePath(`/${"ab/".repeat(200)}`).length).toBeLessThanOrEqual(201);
  });
});
