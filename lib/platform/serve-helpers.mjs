// The pieces of lib/platform/serve.mjs that can be tested without starting Next.js: the command line,
// the address Next.js fetches itself on, and the header that carries the connection's address.

/**
 * Set on every request by serve.mjs from the TCP connection, replacing whatever the client sent, so
 * lib/entry/client-address.ts knows the one address nobody can forge. Same name there.
 */
export const PEER_HEADER = "x-count-us-in-peer";

const USAGE = `Usage: node lib/platform/serve.mjs [-p|--port PORT] [-H|--hostname HOST] [--keepAliveTimeout MS]

Serves the production build (.next, made by \`npm run build\`), like \`next start\`.
  -p, --port              port to listen on (default: $PORT, else 3000; 0 picks a free one)
  -H, --hostname          address to listen on (default: every interface)
  --keepAliveTimeout      milliseconds an idle keep-alive connection stays open (default: Node's)`;

export class UsageError extends Error {
  constructor(message) {
    super(`${message}\n\n${USAGE}`);
    this.name = "UsageError";
  }
}

function parsePort(text, where) {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535)
    throw new UsageError(`${where}: not a port: "${text}"`);
  return Number(text);
}

/**
 * Reads the arguments `next start` takes that this project uses (`npm run start -- -p 3100`):
 * `-p 3100`, `-p3100`, `--port 3100`, `--port=3100`, the same for `-H`/`--hostname`, and
 * `--keepAliveTimeout`. PORT in the environment is the default port, as with `next start`.
 * Throws UsageError on anything else, so a mistyped flag is never silently ignored.
 * @param {readonly string[]} argv the arguments after the script name
 * @param {Record<string, string | undefined>} env
 * @returns {{ port: number; hostname: string | undefined; keepAliveTimeout: number | undefined; help: boolean }}
 */
export function parseServeArgs(argv, env) {
  const options = {
    port: env.PORT ? parsePort(env.PORT, "PORT") : 3000,
    hostname: undefined,
    keepAliveTimeout: undefined,
    help: false,
  };
  const names = {
    "-p": "port",
    "--port": "port",
    "-H": "hostname",
    "--hostname": "hostname",
    "--keepAliveTimeout": "keepAliveTimeout",
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === "-h" || arg === "--help") {
      options.help = true;
      continue;
    }
    let flag = arg;
    let value;
    const equals = arg.indexOf("=");
    if (arg.startsWith("--") && equals > 0) {
      flag = arg.slice(0, equals);
      value = arg.slice(equals + 1);
    } else if (/^-[pH]./.test(arg)) {
      flag = arg.slice(0, 2);
      value = arg.slice(2);
    }
    const name = names[flag];
    if (!name) throw new UsageError(`unknown argument "${arg}"`);
    if (value === undefined) {
      value = argv[i + 1];
      i += 1;
      if (value === undefined || value === "") throw new UsageError(`${flag} needs a value`);
    }
    if (name === "port") options.port = parsePort(value, flag);
    else if (name === "hostname") options.hostname = value;
    else if (/^\d{1,9}$/.test(value) && Number(value) > 0) options.keepAliveTimeout = Number(value);
    else throw new UsageError(`${flag}: not a positive number of milliseconds: "${value}"`);
  }
  return options;
}

/**
 * Where Next.js reaches this server from inside (a server action that redirects renders the target page
 * through it): loopback when listening everywhere, as `next start` does, else the address listened on.
 * @param {string | undefined} hostname
 */
export function internalHostname(hostname) {
  if (hostname === undefined) return "localhost";
  if (hostname === "0.0.0.0") return "127.0.0.1";
  if (hostname === "::" || hostname === "[::]") return "::1";
  return hostname;
}

/**
 * Replaces any client-sent PEER_HEADER with the address of the connection (IPv4-mapped IPv6 shown as
 * IPv4). Node.js lower-cases incoming header names, so this one key is the only place it can be.
 * @param {import("node:http").IncomingMessage} req
 */
export function stampPeer(req) {
  const address = req.socket.remoteAddress;
  if (address) req.headers[PEER_HEADER] = address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  else delete req.headers[PEER_HEADER];
}

export { USAGE };
