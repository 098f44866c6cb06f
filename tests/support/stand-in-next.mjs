// Stands in for the "next" package when tests/unit/production-server-entry.test.ts runs
// lib/platform/serve.mjs (tests/support/stand-in-next-hooks.mjs redirects the import): answers every request
// with the headers it was given, so the test needs no production build.
export default function next(options) {
  return {
    async prepare() {
      // What instrumentation.ts does through lib/mail/worker-runtime.ts: an outbox worker on globalThis
      // that stops on the signal beside an existing handler, and takes a while to finish its sends.
      const worker = {
        async stop() {
          await new Promise((resolve) => setTimeout(resolve, 300));
          console.log("stand-in: outbox worker stopped");
        },
      };
      globalThis.countUsInOutboxWorker = worker;
      if (process.listenerCount("SIGTERM") > 0)
        process.once("SIGTERM", () => {
          globalThis.countUsInOutboxWorker = undefined;
          void worker.stop();
        });
      console.log(`stand-in: prepared ${JSON.stringify({ dev: options.dev, hostname: options.hostname })}`);
    },
    getRequestHandler() {
      return async (req, res) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ headers: req.headers, nodeEnv: process.env.NODE_ENV }));
      };
    },
    async close() {
      console.log("stand-in: closed");
    },
  };
}
