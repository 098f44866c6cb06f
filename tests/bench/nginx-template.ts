// The nginx configuration the scale-out tests give Debian's nginx, and compose.yaml gives the official
// nginx image (/etc/nginx/templates, envsubst at start): one file, its ${NAME} placeholders filled from the
// environment. tests/bench/postgres-scale-out.ts renders it here; tests/unit/deployment-kit.test.ts checks
// that compose.yaml's nginx service sets exactly the names nginxTemplateValues() fills.

export const SHARED_NGINX_TEMPLATE = "tests/support/nginx/count-us-in.conf.template";

/**
 * The values for the template's placeholders, as compose.yaml's nginx service sets them: the port nginx
 * listens on, and the upstream's `server host:port;` lines (one per app instance).
 */
export function nginxTemplateValues(listenPort: number, upstreams: string[]): Record<string, string> {
  return {
    NGINX_PORT: String(listenPort),
    NGINX_UPSTREAM_SERVERS: upstreams.map((address) => `server ${address};`).join(" "),
  };
}

/** The `${NAME}` placeholders a template uses (nginx's own `$name` variables are not placeholders). */
export function templatePlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!))].sort();
}

/** `${NAME}` placeholders replaced from `values`, as envsubst does; any without a value is an error. */
export function renderTemplate(template: string, values: Record<string, string>): string {
  const missing = templatePlaceholders(template).filter((name) => !(name in values));
  if (missing.length > 0) throw new Error(`nginx template: no value for ${missing.join(", ")}`);
  return template.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_whole, name: string) => values[name]!);
}
