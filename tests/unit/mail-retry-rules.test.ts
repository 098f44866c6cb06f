import { describe, expect, it } from "vitest";
import { retryDelayMs } from "@/lib/mail/backoff";
import { classifySendError } from "@/lib/mail/send-outcome";

const policy = { baseMs: 5_000, maxMs: 15 * 60_000 };

describe("backoff", () => {
  it("doubles from 5 s and stops at 15 minutes", () => {
    const middle = () => 0.5; // no jitter
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, policy, middle))).toEqual([
      5_000, 10_000, 20_000, 40_000,
    ]);
    expect(retryDelayMs(9, policy, middle)).toBe(15 * 60_000);
    expect(retryDelayMs(500, policy, middle)).toBe(15 * 60_000);
  });

  it("spreads retries by up to 20% either way, never past the cap", () => {
    expect(retryDelayMs(1, policy, () => 0)).toBe(4_000);
    expect(retryDelayMs(1, policy, () => 1)).toBe(6_000);
    expect(retryDelayMs(20, policy, () => 1)).toBe(15 * 60_000);
  });
});

const nodemailerError = (fields: Record<string, unknown>) => Object.assign(new Error("boom"), fields);

describe("which failed sends are retried", () => {
  it("retries when the server was never reached", () => {
    expect(
      classifySendError(nodemailerError({ code: "ESOCKET", originalCode: "ECONNREFUSED", command: "CONN" }))
        .kind,
    ).toBe("retry");
    expect(classifySendError(nodemailerError({ code: "EDNS", originalCode: "ENOTFOUND" })).kind).toBe(
      "retry",
    );
    expect(
      classifySendError(
        nodemailerError({ code: "ETIMEDOUT", timeoutType: "CONNECT_TIMEOUT", command: "CONN" }),
      ).kind,
    ).toBe("retry");
    expect(
      classifySendError(
        nodemailerError({ code: "ETIMEDOUT", timeoutType: "GREETING_TIMEOUT", command: "CONN" }),
      ).kind,
    ).toBe("retry");
    expect(
      classifySendError(nodemailerError({ code: "EAUTH", responseCode: 535, command: "AUTH PLAIN" })).kind,
    ).toBe("retry");
  });

  it("retries a temporary refusal (4xx) and gives up on a permanent one (5xx)", () => {
    expect(
      classifySendError(nodemailerError({ code: "EPROTOCOL", responseCode: 421, command: "CONN" })).kind,
    ).toBe("retry");
    expect(
      classifySendError(nodemailerError({ code: "EMESSAGE", responseCode: 451, command: "DATA" })).kind,
    ).toBe("retry");
    expect(
      classifySendError(nodemailerError({ code: "EENVELOPE", responseCode: 550, command: "RCPT TO" })).kind,
    ).toBe("rejected");
    expect(
      classifySendError(nodemailerError({ code: "EMESSAGE", responseCode: 554, command: "DATA" })).kind,
    ).toBe("rejected");
    // A 5xx greeting refuses this client for now, not this message.
    expect(
      classifySendError(nodemailerError({ code: "EPROTOCOL", responseCode: 554, command: "CONN" })).kind,
    ).toBe("retry");
  });

  it("does not retry when the message may already have been delivered", () => {
    expect(
      classifySendError(
        nodemailerError({ code: "ETIMEDOUT", timeoutType: "SOCKET_TIMEOUT", command: "CONN" }),
      ).kind,
    ).toBe("unknown");
    expect(classifySendError(nodemailerError({ code: "ECONNECTION", command: "CONN" })).kind).toBe("unknown");
    expect(classifySendError(nodemailerError({ code: "ESOCKET", originalCode: "ECONNRESET" })).kind).toBe(
      "unknown",
    );
    expect(classifySendError(new Error("something odd")).kind).toBe("unknown");
    expect(classifySendError(undefined).kind).toBe("unknown");
  });

  it("keeps server replies (which may quote the address) out of the reason", () => {
    const outcome = classifySendError(
      nodemailerError({
        code: "EENVELOPE",
        responseCode: 550,
        command: "RCPT TO",
        response: "550 5.1.1 <sam@example.org>: no such user",
      }),
    );
    expect(outcome.reason).toBe("SMTP 550 after RCPT TO");
    expect(outcome.reason).not.toContain("@");
  });
});
