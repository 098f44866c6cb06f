import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parse } from "yaml";
import {
  nginxTemplateValues,
  SHARED_NGINX_TEMPLATE,
  templatePlaceholders,
} from "@/tests/bench/nginx-template";

// Docker cannot run on our machines, so the deployment kit (Dockerfile, compose.yaml, compose.env.example)
// is kept honest here: it must name only settings lib/platform/env.ts knows and list every one of them, mount the
// nginx configuration the scale-out tests use, and its runtime image must hold every file the production
// server imports.

const root = path.resolve(__dirname, "../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");

type Service = {
  image?: string;
  build?: { context: string; target: string };
  command?: string[];
  env_file?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
};
const compose = parse(read("compose.yaml"), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const appServices = ["app1", "app2", "mailer"] as const;

/** The settings lib/platform/env.ts reads: the keys of its zod object, one per line, two spaces in. */
const appSettings = [...read("lib/platform/env.ts").matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);

/** compose.env.example's lines KEY=value; `# KEY=value` lines are documented defaults. */
const exampleLines = read("compose.env.example")
  .split("\n")
  .map((line) => /^(#\s*)?([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ key: m[2]!, value: m[3]!, commented: Boolean(m[1]) }));
/** Read by Compose for ${…} in compose.yaml, never by the app. */
const composeOnly = ["POSTGRES_PASSWORD", "HTTP_PORT"];

describe("compose.yaml", () => {
  it("runs PostgreSQL 15, a one-off migration, two web instances, one mail worker and nginx", () => {
    expect(Object.keys(services).sort()).toEqual(["app1", "app2", "db", "mailer", "migrate", "nginx"]);
    expect(services.db!.image).toMatch(/^postgres:15(\b|-)/);
    expect(services.app1!.environment!.MAIL_WORKER).toBe("false");
    expect(services.app2!.environment!.MAIL_WORKER).toBe("false");
    expect(services.mailer!.environment!.MAIL_WORKER).toBe("true");
    for (const name of appServices) {
      expect(services[name]!.build).toEqual({ context: ".", target: "runtime" });
      expect(services[name]!.env_file).toEqual(["compose.env"]);
      expect(services[name]!.depends_on?.migrate?.condition).toBe("service_completed_successfully");
    }
    expect(services.migrate!.build!.target).toBe("build");
    expect(services.migrate!.env_file).toEqual(["compose.env"]);
    expect(services.migrate!.command).toEqual(["npm", "run", "db:deploy"]);
  });

  it("publishes nginx only: the app instances and the mail worker are reached through it or not at all", () => {
    const published = Object.entries(services)
      .filter(([, service]) => service.ports?.length)
      .map(([name]) => name);
    expect(published).toEqual(["nginx"]);
  });

  it("names only settings that lib/platform/env.ts knows", () => {
    for (const name of [...appServices, "migrate"] as const)
      for (const key of Object.keys(services[name]!.environment ?? {})) expect(appSettings).toContain(key);
  });

  it("interpolates only variables that compose.env.example documents", () => {
    const interpolated = new Set(
      [...read("compose.yaml").matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!),
    );
    const documented = exampleLines.map((line) => line.key);
    for (const name of interpolated) expect(documented).toContain(name);
    for (const name of composeOnly) expect(interpolated).toContain(name);
  });

  it("gives nginx the scale-out tests' configuration file, with every placeholder it uses set", () => {
    const nginx = services.nginx!;
    expect(nginx.volumes).toContain(
      `./${SHARED_NGINX_TEMPLATE}:/etc/nginx/templates/${path.basename(SHARED_NGINX_TEMPLATE)}:ro`,
    );
    expect(SHARED_NGINX_TEMPLATE).toMatch(/\.template$/); // the official image renders only *.template
    // The same names the benchmark fills (tests/bench/nginx-template.ts).
    expect(Object.keys(nginx.environment ?? {}).sort()).toEqual(
      Object.keys(nginxTemplateValues(80, ["app1:3000"])).sort(),
    );
    // The upstream is app1 and app2, on the port the image listens on; nginx is published from its port.
    expect(nginx.environment).toEqual(
      nginxTemplateValues(nginx.environment!.COUNT_US_IN_LISTEN!, ["app1:3000", "app2:3000"]),
    );
    expect(nginx.ports).toEqual([`\${HTTP_PORT:-8080}:${nginx.environment!.COUNT_US_IN_LISTEN}`]);
    const template = read(SHARED_NGINX_TEMPLATE);
    for (const name of templatePlaceholders(template))
      expect(Object.keys(nginx.environment!)).toContain(name);
  });
});

describe("compose.env.example", () => {
  it("lists every setting of lib/platform/env.ts, and nothing else but Compose's own", () => {
    const text = read("compose.env.example");
    for (const setting of appSettings) expect(text).toMatch(new RegExp(`\\b${setting}\\b`));
    for (const { key } of exampleLines) expect([...appSettings, ...composeOnly]).toContain(key);
  });

  it("holds no secret: the app's secrets are left empty, and the commented examples are placeholders", () => {
    for (const key of ["APP_SECRET", "VOLUNTEER_KEYS"])
      expect(exampleLines.find((line) => line.key === key && !line.commented)?.value).toBe("");
    expect(exampleLines.find((line) => line.key === "POSTGRES_PASSWORD")?.value).toBe("");
    for (const { key, value } of exampleLines.filter((line) => line.key === "PLEDGE_API_KEYS"))
      expect(value, key).toContain("<generated>");
  });

  describe("as the app reads it", () => {
    afterEach(() => {
      vi.unstubAllEnvs();
      vi.resetModules();
    });

    /** lib/platform/env.ts imported afresh with the example's settings (as the container's environment). */
    async function loadEnv(overrides: Record<string, string>) {
      for (const setting of appSettings) vi.stubEnv(setting, undefined);
      for (const { key, value, commented } of exampleLines)
        if (!commented && !composeOnly.includes(key)) vi.stubEnv(key, value);
      // What compose.yaml and the image set.
      vi.stubEnv("NODE_ENV", "production");
      vi.stubEnv("DATABASE_URL", "postgresql://countusin:secret@db:5432/countusin");
      vi.stubEnv("MAIL_WORKER", "false");
      for (const [key, value] of Object.entries(overrides)) vi.stubEnv(key, value);
      vi.resetModules();
      return (await import("@/lib/platform/env")).env;
    }

    it("starts once the secrets are filled in", async () => {
      const key = () => randomBytes(32).toString("base64url");
      const env = await loadEnv({ APP_SECRET: key(), VOLUNTEER_KEYS: `k2026:${key()}` });
      expect(env.TRUSTED_PROXY_HOPS).toBe(1);
      expect(env.SITE_URL).toMatch(/^https:\/\//);
    });

    it("refuses to start while they are left empty", async () => {
      await expect(loadEnv({})).rejects.toThrow(/APP_SECRET/);
    });
  });
});

describe("Dockerfile", () => {
  const dockerfile = read("Dockerfile");
  const stages = new Map<string, string>();
  for (const block of dockerfile.split(/^(?=FROM )/m).slice(1))
    stages.set(/^FROM \S+ AS (\S+)/.exec(block)![1]!, block);
  const runtime = stages.get("runtime")!;

  it("has the stages compose.yaml builds, and runs the custom server as a non-root user", () => {
    expect([...stages.keys()]).toEqual(expect.arrayContaining(["deps", "build", "prod-deps", "runtime"]));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^CMD \["node", "lib\/platform\/serve\.mjs"/m);
    expect(runtime).not.toMatch(/standalone/);
  });

  it("copies every file the production server imports, and runs only production dependencies", () => {
    const copied = [...runtime.matchAll(/^COPY --from=build (?:--chown=\S+ )?(.+) \S+$/gm)].flatMap((m) =>
      m[1]!.split(" ").map((source) => path.relative("/app", source)),
    );
    const isCopied = (file: string) => copied.some((entry) => file === entry || file.startsWith(`${entry}/`));
    const packageJson = JSON.parse(read("package.json")) as { dependencies: Record<string, string> };
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      expect(isCopied(file), `${file} is not in the runtime image`).toBe(true);
      const source = read(file);
      const specifiers = [
        ...source.matchAll(/^\s*import\s[^"']*["']([^"']+)["']/gm),
        ...source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
      ].map((m) => m[1]!);
      for (const specifier of specifiers) {
        if (specifier.startsWith(".")) visit(path.join(path.dirname(file), specifier));
        else if (specifier.startsWith("node:") || builtinModules.includes(specifier)) continue;
        else {
          const name = specifier.startsWith("@")
            ? specifier.split("/").slice(0, 2).join("/")
            : specifier.split("/")[0]!;
          expect(Object.keys(packageJson.dependencies), `${file} imports ${specifier}`).toContain(name);
        }
      }
    };
    visit("lib/platform/serve.mjs");
    for (const needed of [
      ".next",
      "public",
      "package.json",
      "next.config.ts",
      "content",
      "prisma/postgres/migrations",
    ])
      expect(isCopied(needed), needed).toBe(true);
    expect(runtime).toMatch(/^COPY --from=prod-deps \/app\/node_modules \.\/node_modules$/m);
    expect(stages.get("prod-deps")).toMatch(/npm prune --omit=dev/);
  });

  it("builds from a context without local state, secrets or installed modules", () => {
    const ignored = read(".dockerignore")
      .split("\n")
      .filter((line) => line && !line.startsWith("#"));
    for (const entry of ["node_modules", ".next", "data", "lib/generated", "compose.env", ".env"])
      expect(ignored).toContain(entry);
  });
});
