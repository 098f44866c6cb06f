import { type ChildProcess, execFile, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { type ReceivedMessage, type SmtpSink, startSmtpSink } from "@/tests/support/smtp-sink";
import type { CaughtMessageJson } from "@/tests/e2e/support/mail-catcher";
import {
  freePort,
  hasExited,
  killGroup,
  LOCALHOST,
  sleep,
  spawnKeepingLog,
  type Spawned,
  waitUntilServing,
} from "@/tests/e2e/support/child-processes";

export { freePort, killGroup, LOCALHOST, sleep };

// Production's shape, started by a spec for itself (issue #9): a private PostgreSQL, two instances of the
// production server (lib/platform/serve.mjs, from the build playwright.config.ts made) on it, Debian's
// nginx in front of them with the configuration production uses (tests/support/nginx/
// count-us-in.conf.template), and an SMTP server catching every email. All on 127.0.0.1, on free ports,
// in one temp folder; nothing is shared with the app on :3100 the other specs use, nor with the machine's
// PostgreSQL on 5432. `close()` stops every process it started, however the spec ended.
//
//   const stack = await startScaleOutStack({ label: "scale" });
//   ... stack.url (nginx), stack.instances[0].url, stack.postgres.stop() / start(), stack.mail ...
//   await stack.close();

export const repoRoot = path.resolve(__dirname, "../../..");

const PG_BIN = process.env.POSTGRES_BIN_DIR ?? "/usr/lib/postgresql/15/bin";
const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const NGINX_TEMPLATE = path.join(repoRoot, "tests/support/nginx/count-us-in.conf.template");
const DATABASE = "count_us_in";

const run = promisify(execFile);
export function requireProductionBuild(): void {
  if (!fs.existsSync(path.join(repoRoot, ".next/BUILD_ID")))
    throw new Error(
      "No production build (.next/BUILD_ID): run `npm run build` first. These specs start the production " +
        "server (lib/platform/serve.mjs) from it.",
    );
}

// ---- PostgreSQL of our own -----------------------------------------------------------------------------

export type PrivatePostgres = {
  port: number;
  /** postgresql://postgres@127.0.0.1:<port>/count_us_in (trust authentication: no password). */
  url: string;
  /** Starts the server on the same data folder, and resolves once it accepts connections. */
  start(): Promise<void>;
  /** `pg_ctl stop -m fast`: sessions are ended, a checkpoint is written, the server exits. */
  stop(): Promise<void>;
  /** At the end: `pg_ctl stop -m immediate` if it is running, then the process group is killed. */
  shutDown(): void;
  /** One short-lived connection, for reading what was stored. */
  query<Row extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<Row[]>;
  log(): string;
};

/**
 * PostgreSQL refuses to run as root; when the tests do (CI), its commands run as the `postgres` user
 * (which Debian's package creates) on a folder handed to that user.
 */
function asPostgresUser(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  return ["runuser", ["-u", "postgres", "--", command, ...args]];
}

async function startPrivatePostgres(dir: string, running: Set<ChildProcess>): Promise<PrivatePostgres> {
  if (!fs.existsSync(path.join(PG_BIN, "initdb")))
    throw new Error(
      `No PostgreSQL binaries in ${PG_BIN} (set POSTGRES_BIN_DIR): apt-get install postgresql-15`,
    );
  const pgDir = path.join(dir, "postgres");
  fs.mkdirSync(pgDir);
  if (process.getuid?.() === 0) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    // The postgres user must reach the folder: every folder above it is world-searchable (os.tmpdir()).
    fs.chmodSync(dir, 0o755);
    fs.chownSync(pgDir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = path.join(pgDir, "data");
  const [initCommand, initArgs] = asPostgresUser(path.join(PG_BIN, "initdb"), [
    "-D",
    data,
    "-A",
    "trust",
    "-U",
    "postgres",
    "-E",
    "UTF8",
    "--locale=C",
    "--no-sync",
  ]);
  const init = spawnSync(initCommand, initArgs, { encoding: "utf8", timeout: 60_000 });
  if (init.status !== 0) throw new Error(`initdb failed:\n${init.stdout}\n${init.stderr}`);

  const port = await freePort();
  let server: Spawned | undefined;
  const logs: string[] = [];
  const adminUrl = `postgresql://postgres@${LOCALHOST}:${port}/postgres`;

  async function connect(url: string): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    client.on("error", () => {}); // a server stopped under an idle client is not this process's failure
    await client.connect();
    return client;
  }

  const postgres = {
    port,
    url: `postgresql://postgres@${LOCALHOST}:${port}/${DATABASE}`,
    async start() {
      const [command, args] = asPostgresUser(path.join(PG_BIN, "postgres"), [
        "-D",
        data,
        "-p",
        String(port),
        "-k",
        pgDir,
        "-c",
        `listen_addresses=${LOCALHOST}`,
        "-c",
        "max_connections=100",
      ]);
      if (server) logs.push(server.log());
      server = spawnKeepingLog(command, args, {}, running);
      const deadline = Date.now() + 30_000;
      for (;;) {
        if (hasExited(server.child)) throw new Error(`PostgreSQL exited at start:\n${server.log()}`);
        try {
          const client = await connect(adminUrl);
          await client.end();
          return;
        } catch (error) {
          if (Date.now() > deadline)
            throw new Error(`PostgreSQL did not start: ${String(error)}\n${server.log()}`);
          await sleep(100);
        }
      }
    },
    async stop() {
      const [command, args] = asPostgresUser(path.join(PG_BIN, "pg_ctl"), [
        "-D",
        data,
        "stop",
        "-m",
        "fast",
        "-w",
        "-t",
        "20",
      ]);
      // Not spawnSync: the load in this process carries on while PostgreSQL shuts down.
      await run(command, args, { timeout: 30_000 });
      await server?.exited;
    },
    shutDown() {
      if (!server || hasExited(server.child)) return;
      const [command, args] = asPostgresUser(path.join(PG_BIN, "pg_ctl"), [
        "-D",
        data,
        "stop",
        "-m",
        "immediate",
        "-w",
        "-t",
        "5",
      ]);
      spawnSync(command, args, { encoding: "utf8", timeout: 10_000 });
      killGroup(server.child);
    },
    async query<Row extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
      const client = await connect(postgres.url);
      try {
        return (await client.query<Row>(sql, params)).rows;
      } finally {
        await client.end();
      }
    },
    log: () => [...logs, server?.log() ?? ""].join("\n"),
  };
  await postgres.start();
  const admin = await connect(adminUrl);
  try {
    await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
  return postgres;
}

// ---- the app instances -----------------------------------------------------------------------------------

export type AppInstance = {
  name: string;
  port: number;
  /** The instance itself, not through nginx. */
  url: string;
  log(): string;
};

// ---- nginx -------------------------------------------------------------------------------------------------

/** tests/support/nginx/count-us-in.conf.template with its ${PLACEHOLDERS} filled in, all of them. */
export function renderNginxTemplate(values: Record<string, string>): string {
  const template = fs.readFileSync(NGINX_TEMPLATE, "utf8");
  const rendered = template.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${NGINX_TEMPLATE}: no value for placeholder ${whole}`);
    return value;
  });
  return rendered;
}

/**
 * A minimal nginx.conf around the production file: everything nginx writes (pid, logs, temp files) stays
 * in `dir`, and it runs in the foreground as our child, never as the system service.
 */
function writeNginxConfig(dir: string, listen: string, upstreams: string[]): string {
  const site = path.join(dir, "count-us-in.conf");
  fs.writeFileSync(
    site,
    renderNginxTemplate({
      COUNT_US_IN_LISTEN: listen,
      COUNT_US_IN_UPSTREAM_1: upstreams[0]!,
      COUNT_US_IN_UPSTREAM_2: upstreams[1]!,
    }),
  );
  const main = path.join(dir, "nginx.conf");
  fs.writeFileSync(
    main,
    [
      // Run as root (CI), the workers would otherwise switch to `nobody`, who cannot write our temp folder.
      ...(process.getuid?.() === 0 ? ["user root;"] : []),
      "worker_processes 1;",
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      "worker_rlimit_nofile 8192;",
      "events { worker_connections 4096; }",
      "http {",
      `  access_log ${dir}/access.log;`,
      `  client_body_temp_path ${dir}/client-body;`,
      `  proxy_temp_path ${dir}/proxy;`,
      `  fastcgi_temp_path ${dir}/fastcgi;`,
      `  uwsgi_temp_path ${dir}/uwsgi;`,
      `  scgi_temp_path ${dir}/scgi;`,
      `  include ${site};`,
      "}",
      "",
    ].join("\n"),
  );
  return main;
}

// ---- email ---------------------------------------------------------------------------------------------------

/** A caught message in the shape the e2e helpers read (tests/e2e/support/mail.ts). */
export function asCaughtEmail(message: ReceivedMessage): CaughtMessageJson {
  const parsed = message.parsed;
  const from = parsed?.from?.value[0];
  const headers: Record<string, string> = {};
  for (const [name, value] of parsed?.headers ?? []) if (typeof value === "string") headers[name] = value;
  return {
    envelopeFrom: message.envelopeFrom,
    envelopeTo: message.envelopeTo,
    messageId: message.messageId,
    from: { name: from?.name ?? "", address: from?.address ?? "" },
    to: [parsed?.to ?? []]
      .flat()
      .map((address) => address.text)
      .join(", "),
    subject: parsed?.subject ?? "",
    text: parsed?.text ?? "",
    html: typeof parsed?.html === "string" ? parsed.html : "",
    headers,
  };
}

// ---- the whole stack -------------------------------------------------------------------------------------------

export type StackOptions = {
  /** Names the temp folder and the partner. */
  label: string;
  /** Extra settings for both instances (e.g. SIGNUPS_FREE_PER_ADDRESS_PER_HOUR). */
  env?: Record<string, string>;
};

export type ScaleOutStack = {
  /** nginx: the address visitors use, and SITE_URL. */
  url: string;
  instances: AppInstance[];
  postgres: PrivatePostgres;
  mail: SmtpSink;
  /** The partner key for POST /api/pledge (Authorization: Bearer …). */
  apiKey: string;
  campaignsTeamEmail: string;
  /** What the instances were started with (DATABASE_URL and all), for the command-line tools. */
  env: NodeJS.ProcessEnv;
  /** Emails to `address` caught so far, oldest first, in the e2e helpers' shape. */
  emailsTo(address: string): CaughtMessageJson[];
  waitForEmails(address: string, count: number, timeoutMs?: number): Promise<CaughtMessageJson[]>;
  /** `npm run admin:add -- <email> <role>` against this stack's database. */
  addStaff(email: string, role: "admin" | "campaigner" | "viewer"): Promise<void>;
  /** Every process's recent output, for a failure message. */
  logs(): string;
  close(): Promise<void>;
};

export async function startScaleOutStack(options: StackOptions): Promise<ScaleOutStack> {
  requireProductionBuild();
  const running = new Set<ChildProcess>();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `count-us-in-${options.label}-`));
  let mail: SmtpSink | undefined;
  const servers: Spawned[] = [];
  let nginx: Spawned | undefined;
  let postgres: PrivatePostgres | undefined;

  // Should the test worker itself die (an uncaught error, a timeout's teardown), nothing it started may
  // outlive it: 'exit' handlers run synchronously, and a signal to each process group is.
  const onExit = () => {
    for (const child of running) killGroup(child);
  };
  process.once("exit", onExit);

  async function close() {
    process.off("exit", onExit);
    // The mail server first: it ends its sessions itself, so no instance dies with one open (an instance
    // killed mid-session is a connection reset the mail server would report as an uncaught error).
    await mail?.close();
    // Then nginx and the instances, so nothing reconnects to PostgreSQL while it stops. SIGTERM lets an
    // instance stop as in production; whatever is still there 3 s later is killed.
    const front = [...(nginx ? [nginx] : []), ...servers];
    for (const server of front) killGroup(server.child, "SIGTERM");
    await Promise.race([Promise.all(front.map((server) => server.exited)), sleep(3_000)]);
    for (const server of front) killGroup(server.child);
    await Promise.all(front.map((server) => server.exited));
    postgres?.shutDown();
    for (const child of running) killGroup(child); // anything still standing, PostgreSQL included
    running.clear();
    fs.rmSync(dir, { recursive: true, force: true });
  }

  try {
    postgres = await startPrivatePostgres(dir, running);
    mail = await startSmtpSink();
    const nginxPort = await freePort();
    const url = `http://${LOCALHOST}:${nginxPort}`;
    const apiKey = crypto.randomBytes(32).toString("base64url");
    const campaignsTeamEmail = `campaigns.${options.label}@example.org`;
    const env: NodeJS.ProcessEnv = {
      // Only what the server needs, not the runner's environment (the :3100 app's settings, Playwright's).
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      TMPDIR: process.env.TMPDIR,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: postgres.url,
      DATA_DIR: path.join(dir, "data"),
      SITE_URL: url,
      SMTP_URL: mail.url,
      APP_SECRET: crypto.randomBytes(32).toString("base64url"),
      VOLUNTEER_KEYS: `${options.label}:${crypto.randomBytes(32).toString("base64url")}`,
      TRUSTED_PROXY_HOPS: "1",
      PLEDGE_API_KEYS: `${options.label}:${apiKey}`,
      CAMPAIGNS_TEAM_EMAIL: campaignsTeamEmail,
      MAIL_WORKER: "true",
      ...options.env,
    };
    fs.mkdirSync(env.DATA_DIR!);

    const migrate = spawnSync("npm", ["run", "--silent", "db:deploy"], {
      cwd: repoRoot,
      env,
      encoding: "utf8",
      timeout: 60_000,
    });
    if (migrate.status !== 0) throw new Error(`db:deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);

    const instances: AppInstance[] = [];
    for (const name of ["app-1", "app-2"]) {
      const port = await freePort();
      const server = spawnKeepingLog(
        process.execPath,
        [path.join(repoRoot, "lib/platform/serve.mjs"), "-p", String(port), "-H", LOCALHOST],
        { cwd: repoRoot, env },
        running,
      );
      servers.push(server);
      instances.push({ name, port, url: `http://${LOCALHOST}:${port}`, log: server.log });
    }
    await Promise.all(instances.map((instance, i) => waitUntilServing(instance.url, servers[i]!, 60_000)));

    const nginxDir = path.join(dir, "nginx");
    fs.mkdirSync(nginxDir);
    const conf = writeNginxConfig(
      nginxDir,
      `${LOCALHOST}:${nginxPort}`,
      instances.map((instance) => `${LOCALHOST}:${instance.port}`),
    );
    const test = spawnSync(NGINX, ["-e", `${nginxDir}/error.log`, "-p", nginxDir, "-c", conf, "-t"], {
      encoding: "utf8",
    });
    if (test.status !== 0) throw new Error(`nginx -t refused the configuration:\n${test.stderr}`);
    nginx = spawnKeepingLog(
      NGINX,
      ["-e", `${nginxDir}/error.log`, "-p", nginxDir, "-c", conf, "-g", "daemon off;"],
      {},
      running,
    );
    const nginxLog = () =>
      `${nginx!.log()}\n${fs.existsSync(`${nginxDir}/error.log`) ? fs.readFileSync(`${nginxDir}/error.log`, "utf8") : ""}`;
    await waitUntilServing(url, { ...nginx, log: nginxLog }, 15_000);

    const caught = mail;
    const emailsTo = (address: string) =>
      caught.messages
        .filter((message) => message.envelopeTo.some((to) => to.toLowerCase() === address.toLowerCase()))
        .map(asCaughtEmail);
    return {
      url,
      instances,
      postgres,
      mail,
      apiKey,
      campaignsTeamEmail,
      env,
      emailsTo,
      async waitForEmails(address, count, timeoutMs = 15_000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const emails = emailsTo(address);
          if (emails.length >= count) return emails.slice(0, count);
          if (Date.now() > deadline)
            throw new Error(
              `Expected ${count} email(s) to ${address} within ${timeoutMs} ms; got ` +
                `${emails.map((email) => `"${email.subject}"`).join(", ") || "nothing"}`,
            );
          await sleep(100);
        }
      },
      async addStaff(email, role) {
        const { stdout } = await run("npm", ["run", "--silent", "admin:add", "--", email, role], {
          cwd: repoRoot,
          env,
          timeout: 60_000,
        });
        if (!stdout.includes(`${email} can now sign in at /admin as ${role}`))
          throw new Error(`npm run admin:add did not add ${email}:\n${stdout}`);
      },
      logs: () =>
        [
          ...instances.map((instance) => `---- ${instance.name}\n${instance.log()}`),
          `---- nginx\n${nginxLog()}`,
          `---- postgres\n${postgres!.log()}`,
        ].join("\n"),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
