// JSON-RPC 2.0 over stdio, one JSON object per line: the protocol between Prisma's CLI and its engine.
import readline from "node:readline";

/** The error shape the CLI unpacks: `data.message` and `data.error_code` are shown to the user. */
export function toRpcError(error) {
  const message = String(error?.message ?? error);
  // A RuntimeError is a Rust panic inside the wasm module: the CLI reports those as engine crashes.
  const data =
    error?.name === "RuntimeError"
      ? { is_panic: true, message, error: { message } }
      : { is_panic: false, message, error_code: error?.code, meta: error?.meta };
  return { code: 4466, message: "An error happened. Check the data field for details.", data };
}

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

/** Our own requests to the CLI (`print`) need ids that cannot collide with the CLI's. */
let nextOwnId = 1_000_000_000;
export function printToCli(content) {
  send({ jsonrpc: "2.0", id: nextOwnId++, method: "print", params: { content } });
}

/**
 * Answers requests one at a time, in arrival order, like the native engine. Resolves when the CLI closes
 * stdin (its way of stopping the engine) and every answer has been written.
 * @param {(method: string, params: any) => Promise<unknown>} call
 * @param {(code: number) => void} exit ends the process after cleaning up
 */
export function serveJsonRpc(call, exit) {
  let current = null; // id of the request being answered

  // Trap 8: errors the wasm bindings raise from a callback or a microtask (malformed params, a failing
  // adapter call during start-up) escape as uncaught exceptions; the awaited call never settles and Node
  // would die with a stack trace the CLI cannot parse (it then exits 0 as if nothing happened). Answer
  // the request in flight with the error, clean up, and exit 1.
  const crash = (error) => {
    if (current !== null) send({ jsonrpc: "2.0", id: current, error: toRpcError(error) });
    process.stdout.write("", () => exit(1));
  };
  process.on("unhandledRejection", crash).on("uncaughtException", crash);

  let queue = Promise.resolve();
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on("line", (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } });
      return;
    }
    if (message.method === undefined) return; // the CLI acknowledging one of our `print` requests
    queue = queue.then(async () => {
      current = message.id;
      try {
        send({
          jsonrpc: "2.0",
          id: message.id,
          result: (await call(message.method, message.params)) ?? null,
        });
      } catch (error) {
        send({ jsonrpc: "2.0", id: message.id, error: toRpcError(error) });
      } finally {
        current = null;
      }
    });
  });
  return new Promise((resolve) => lines.on("close", () => resolve(queue)));
}
