import { startSmtpSink } from "@/tests/support/smtp-sink";

// The benchmark's SMTP server, in its own process so it has its own core and event loop instead of
// competing with the sender it measures. Counts messages (no parsing) and answers over IPC:
//   parent -> { type: "waitFor", count }   child -> { type: "reached", count, unique }
//   parent -> { type: "reset" }            child -> { type: "reset" }

type Request = { type: "waitFor"; count: number } | { type: "reset" } | { type: "close" };

async function main() {
  const sink = await startSmtpSink({ parse: false });
  let offset = 0;
  const send = (message: object) => process.send?.(message);

  process.on("message", (request: Request) => {
    if (request.type === "reset") {
      offset = sink.messages.length;
      send({ type: "reset" });
    } else if (request.type === "waitFor") {
      void sink.waitForMessages(offset + request.count, 600_000).then((all) => {
        const mine = all.slice(offset);
        send({
          type: "reached",
          count: mine.length,
          unique: new Set(mine.map((message) => message.messageId)).size,
        });
      });
    } else if (request.type === "close") {
      void sink.close().then(() => process.exit(0));
    }
  });
  send({ type: "ready", url: sink.url });
}

void main();
