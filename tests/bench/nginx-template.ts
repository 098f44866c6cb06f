// The nginx configuration the scale-out tests give Debian's nginx, and compose.yaml gives the official
// nginx image (/etc/nginx/templates, envsubst at start): one file, its ${NAME} placeholders filled from the
// environment. tests/bench/postgres-scale-out.ts renders it here; tests/unit/deployment-kit.test.ts checks
// that compose.yaml's nginx service sets exactly the names nginxTemplateValues() fills.

export const SHARED_NGINX_TEMPLATE = "tests/support/nginx/count-us-in.conf.template";

/**
 * The values for the template's placeholders, as compose.yaml's nginx service sets them: where nginx
 * listens, and the two app instances of its upstream (host:port). With one instance, both name it (an
 * upstream may list a server twice), so one nginx path can be measured with one instance and with two.
 */
export function nginxTemplateValues(
  listen: number | string,
  upstreams: readonly [string] | readonly [string, string],
): Record<string, string> {
  return {
    COUNT_US_IN_LISTEN: String(listen),
    COUNT_US_IN_UPSTREAM_1: upstreams[0],
    COUNT_US_IN_UPSTREAM_2: upstreams[1] ?? upstreams[0],
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
