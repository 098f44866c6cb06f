// Stands in for the "next" package when tests/unit/request-id-logging.test.ts runs lib/platform/serve.mjs
// (stand-in-next-logging-hooks.mjs redirects the import): each request is answered by a handler that
// logs through the app's own logger (lib/platform/log.ts, loaded by tsx) after an await, as a route would.
export default function next() {
  let logger;
  return {
    async prepare() {
      ({ logger } = await import("../../lib/platform/log.ts"));
    },
    getRequestHandler() {
      return async (req, res) => {
        const url = new URL(req.url, "http://stand-in");
        // A pause, so concurrent requests overlap and a mixed-up context would show.
        await new Promise((resolve) => setTimeout(resolve, Number(url.searchParams.get("wait") ?? 0)));
        logger.info({ marker: url.searchParams.get("marker") }, "inside the handler");
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ seenRequestId: req.headers["x-request-id"] }));
      };
    },
    async close() {},
  };
}
