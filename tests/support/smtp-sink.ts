import { EventEmitter } from "node:events";
import net from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from "smtp-server";

// A real SMTP server on 127.0.0.1 for tests and benchmarks. It keeps one port for its whole life, and can
// be told to misbehave the ways real servers do: not listen at all (connection refused), or answer with a
// temporary 4xx at the greeting, at MAIL FROM or after the message data, then recover.
//
//   const sink = await startSmtpSink();
//   ... worker with { smtpUrl: sink.url } ...
//   const [message] = await sink.waitForMessages(1);
//   await sink.close();

export type ReceivedMessage = {
  /** The Message-ID header, angle brackets included. */
  messageId: string;
  envelopeFrom: string;
  envelopeTo: string[];
  raw: Buffer;
  /** mailparser's reading of the message; absent when the sink was started with `parse: false`. */
  parsed?: ParsedMail;
};

/** Where a temporary failure is returned: on connect (421), at MAIL FROM (451), after DATA (451). */
export type TempFailStage = "connect" | "mail" | "data";

export type SmtpSinkOptions = {
  /** Parse each message with mailparser (default). Off for benchmarks: only count. */
  parse?: boolean;
  /** Start without listening, so clients get "connection refused" until acceptConnections(). */
  startRefusing?: boolean;
  /** A fixed port (e.g. one the app was already told in SMTP_URL). Default: a free one. */
  port?: number;
  /** Recipients to refuse for good (550 at RCPT TO), like a mailbox that does not exist. */
  rejectRecipient?: (address: string) => boolean;
};

export type SmtpSink = {
  port: number;
  /** smtp://127.0.0.1:<port> */
  url: string;
  /** Messages accepted so far (a 250 answered), in order. Parsed ones once parsing finished. */
  readonly messages: readonly ReceivedMessage[];
  /** How many messages were accepted; counted before parsing. */
  readonly acceptedCount: number;
  /**
   * Stops listening: new connections are refused. Open sessions carry on unless `dropOpen`, which ends
   * them at once (a client in the middle of a message then cannot know whether it was taken).
   */
  refuseConnections(options?: { dropOpen?: boolean }): Promise<void>;
  acceptConnections(): Promise<void>;
  /** Refuses connections for `ms`, then listens again (not awaited: returns when refusing has begun). */
  refuseFor(ms: number): Promise<void>;
  /** Answers 4xx at `stage` until tempFail(false). */
  tempFail(stage: TempFailStage | false): void;
  tempFailFor(stage: TempFailStage, ms: number): void;
  /** Resolves with the first `count` messages once that many were accepted (and parsed). */
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  /** Resolves with the first message matching `predicate`. */
  waitForMessage(
    predicate: (message: ReceivedMessage) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedMessage>;
  close(): Promise<void>;
};

const LOCALHOST = "127.0.0.1";

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(0, LOCALHOST, resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function smtpError(message: string, responseCode: number): Error {
  return Object.assign(new Error(message), { responseCode });
}

function headerValue(raw: Buffer, name: string): string {
  const head = raw.subarray(0, Math.max(0, raw.indexOf("\r\n\r\n")) || raw.length).toString("utf8");
  const match = new RegExp(`^${name}:\\s*(.*)$`, "im").exec(head);
  return match?.[1]?.trim() ?? "";
}

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const parse = options.parse ?? true;
  const port = options.port ?? (await freePort());
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const messages: ReceivedMessage[] = [];
  const parsing = new Set<Promise<void>>();
  let acceptedCount = 0;
  let failing: TempFailStage | false = false;
  let server: SMTPServer | undefined;
  const timers = new Set<NodeJS.Timeout>();

  function record(raw: Buffer, session: SMTPServerSession) {
    acceptedCount += 1;
    const message: ReceivedMessage = {
      messageId: headerValue(raw, "Message-ID"),
      envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
      envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
      raw,
    };
    if (!parse) {
      messages.push(message);
      events.emit("message");
      return;
    }
    const job = simpleParser(raw).then((parsed) => {
      messages.push({ ...message, parsed });
      events.emit("message");
    });
    parsing.add(job);
    void job.finally(() => parsing.delete(job));
  }

  function createServer(): SMTPServer {
    return new SMTPServer({
      name: "smtp-sink.test",
      logger: false,
      authOptional: true,
      disabledCommands: ["AUTH", "STARTTLS"],
      disableReverseLookup: true,
      // Wait briefly for clients on close(), then cut them: tests must not hang on a pooled connection.
      closeTimeout: 200,
      onConnect(_session, callback) {
        callback(failing === "connect" ? smtpError("Service temporarily unavailable", 421) : null);
      },
      onMailFrom(_address, _session, callback) {
        callback(failing === "mail" ? smtpError("Try again later", 451) : null);
      },
      onRcptTo(address, _session, callback) {
        callback(options.rejectRecipient?.(address.address) ? smtpError("No such mailbox", 550) : null);
      },
      onData(stream: SMTPServerDataStream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          if (failing === "data") return callback(smtpError("Try again later", 451));
          record(Buffer.concat(chunks), session);
          callback(null);
        });
      },
    });
  }

  async function listen() {
    if (server) return;
    const next = createServer();
    await new Promise<void>((resolve, reject) => {
      next.server.once("error", reject);
      next.listen(port, LOCALHOST, () => {
        next.server.off("error", reject);
        resolve();
      });
    });
    server = next;
  }

  // Servers that stopped listening but whose open sessions were left to finish; closed with the sink.
  const retired = new Set<SMTPServer>();

  async function stopListening(dropOpen: boolean) {
    const current = server;
    if (!current) return;
    server = undefined;
    if (dropOpen) {
      // Like a crash or a restart: every open session ends now (421 first, as servers do on shutdown).
      for (const connection of current.connections) {
        connection.send(421, "Server shutting down");
        connection.close();
      }
      await new Promise<void>((resolve) => current.close(() => resolve()));
      return;
    }
    retired.add(current);
    // The listening socket closes at once; net's close callback would wait for every open session.
    current.server.close();
  }

  function later(ms: number, action: () => void) {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
  }

  function waitUntil<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const result = check();
        if (result === undefined) return false;
        cleanup();
        resolve(result);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`smtp-sink: timed out after ${timeoutMs} ms waiting for ${describe()}`));
      }, timeoutMs);
      const onMessage = () => void attempt();
      const cleanup = () => {
        clearTimeout(timer);
        events.off("message", onMessage);
      };
      events.on("message", onMessage);
      attempt();
    });
  }

  if (!options.startRefusing) await listen();

  const sink: SmtpSink = {
    port,
    url: `smtp://${LOCALHOST}:${port}`,
    get messages() {
      return messages;
    },
    get acceptedCount() {
      return acceptedCount;
    },
    refuseConnections: (opts) => stopListening(opts?.dropOpen ?? false),
    acceptConnections: listen,
    async refuseFor(ms) {
      await stopListening(false);
      later(ms, () => void listen());
    },
    tempFail(stage) {
      failing = stage;
    },
    tempFailFor(stage, ms) {
      failing = stage;
      later(ms, () => (failing = false));
    },
    waitForMessages(count, timeoutMs = 10_000) {
      return waitUntil(
        () => (messages.length >= count ? messages.slice(0, count) : undefined),
        timeoutMs,
        () => `${count} messages (accepted ${acceptedCount}, parsed ${messages.length})`,
      );
    },
    waitForMessage(predicate, timeoutMs = 10_000) {
      return waitUntil(
        () => messages.find(predicate),
        timeoutMs,
        () => `a matching message among ${messages.length}`,
      );
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await stopListening(true);
      for (const old of retired) for (const connection of old.connections) connection.close();
      retired.clear();
      await Promise.allSettled([...parsing]);
    },
  };
  return sink;
}
