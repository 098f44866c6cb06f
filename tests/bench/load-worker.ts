// One autocannon load, in its own process (own event loop), driven over IPC by tests/bench/run.ts:
//   parent -> LoadConfig            child -> { type: "result", result: LoadResult }
//   parent -> { type: "stop" }      (ends an open-ended load early; the result follows)
//
// "get" loads fetch one path. "sign" loads POST pledges, each with a unique email and a distinct
// X-Forwarded-For (the app keys its per-client rate limit on the last hop), so the load looks like many
// people signing at once rather than one client flooding. Accepted (2xx) request numbers can be reported
// back so the runner can check them against the database.
import autocannon from "autocannon";

export type LoadConfig = {
  type: "run";
  label: string;
  kind: "get" | "sign";
  url: string;
  path: string;
  connections: number;
  seconds: number;
  /** sign: emails are `${prefix}-${n}@example.org`. */
  prefix?: string;
  /** sign: the Authorization header (a partner key: `Bearer <secret>`). */
  authorization?: string;
  /** sign: first octet offset for the synthetic client addresses, so concurrent loads never share one. */
  addressSeed?: number;
  /** sign: report the numbers of the requests answered 2xx. */
  recordAccepted?: boolean;
};

export type LoadResult = {
  label: string;
  path: string;
  connections: number;
  /** Wall-clock length of the load, seconds. */
  seconds: number;
  /** Responses received, any status. */
  responses: number;
  /** Requests written to a socket (sign loads; includes any still unanswered when the load stopped). */
  sent: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** 2xx responses per second over the whole load. */
  okPerSecond: number;
  /** autocannon's per-second samples of responses: mean, and the slowest second. */
  rpsMean: number;
  rpsMin: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** CPU seconds the load generator itself used (it shares the machine with the server). */
  generatorCpuSeconds: number;
  accepted?: number[];
};

const nations = ["england", "scotland", "wales", "northern-ireland", "other"] as const;
const abroad = ["IE", "FR", "US", "AU", "DE", "ES", "CA", "NZ"];

function address(seed: number, n: number): string {
  return `${10 + seed}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

function run(config: LoadConfig, onStarted: (stop: () => void) => void): Promise<LoadResult> {
  let next = 0;
  const accepted: number[] = [];
  const sign = config.kind === "sign";
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();

  const request: autocannon.Request = sign
    ? {
        method: "POST",
        path: config.path,
        setupRequest: (req, context) => {
          const n = next++;
          context.n = n;
          const nation = nations[n % nations.length]!;
          const body = {
            name: `Bench Signer ${n}`,
            email: `${config.prefix}-${n}@example.org`,
            nation,
            ...(nation === "other" ? { country: abroad[n % abroad.length] } : {}),
            ...(n % 3 === 0 ? { campaignEmails: true } : {}),
            website: "",
          };
          return {
            ...req,
            headers: {
              "content-type": "application/json",
              "x-forwarded-for": address(config.addressSeed ?? 0, n),
              ...(config.authorization ? { authorization: config.authorization } : {}),
            },
            body: JSON.stringify(body),
          };
        },
        ...(config.recordAccepted
          ? {
              onResponse: (status: number, _body: string, context: Record<string, unknown>) => {
                if (status >= 200 && status < 300) accepted.push(context.n as number);
              },
            }
          : {}),
      }
    : { method: "GET", path: config.path };

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: config.url,
        connections: config.connections,
        duration: config.seconds,
        requests: [request],
        timeout: 10,
      },
      (error, result) => {
        if (error) return reject(error);
        const seconds = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuAtStart);
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
          statusCodes[code] = Number((stat as { count: number }).count);
        resolve({
          label: config.label,
          path: config.path,
          connections: config.connections,
          seconds: Number(seconds.toFixed(2)),
          responses: result.requests.total,
          sent: sign ? next : result.requests.sent,
          ok2xx: result["2xx"],
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          statusCodes,
          okPerSecond: Math.round(result["2xx"] / seconds),
          rpsMean: Math.round(result.requests.mean),
          rpsMin: Math.round(result.requests.min),
          latencyMs: {
            mean: Number(result.latency.mean.toFixed(1)),
            p50: result.latency.p50,
            p90: result.latency.p90,
            p99: result.latency.p99,
            max: result.latency.max,
          },
          generatorCpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
          ...(config.recordAccepted ? { accepted } : {}),
        });
      },
    );
    onStarted(() => instance.stop());
  });
}

let stop: (() => void) | undefined;
let stopRequested = false;
process.on("message", (message: LoadConfig | { type: "stop" }) => {
  if (message.type === "stop") {
    stopRequested = true;
    stop?.();
    return;
  }
  run(message, (stopper) => {
    stop = stopper;
    if (stopRequested) stopper();
  }).then(
    (result) => process.send!({ type: "result", result }, () => process.exit(0)),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
process.send!({ type: "ready" });
