// Starts the counting SMTP sink (counting-smtp-sink.ts) in a process of its own, so receiving mail does
// not take CPU from the sender being measured, and talks to it over IPC: "ready" with its URL, then the
// counts on request. Used by the outbox and campaign-update benchmarks.
import { type ChildProcess, fork } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type SinkReply = { type: string; url?: string; count?: number; unique?: number };

export type SinkProcess = {
  child: ChildProcess;
  url: string;
  /** Sends `message` (none if empty) and resolves with the first answer of type `reply`. */
  request: (message: object, reply: string) => Promise<SinkReply>;
};

const here = path.dirname(fileURLToPath(import.meta.url));

export function startSinkProcess(): Promise<SinkProcess> {
  const child = fork(path.join(here, "counting-smtp-sink.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const request = (message: object, reply: string) =>
    new Promise<SinkReply>((resolve) => {
      const onMessage = (answer: SinkReply) => {
        if (answer.type !== reply) return;
        child.off("message", onMessage);
        resolve(answer);
      };
      child.on("message", onMessage);
      if (Object.keys(message).length) child.send(message);
    });
  return request({}, "ready").then((ready) => ({ child, url: ready.url!, request }));
}
