// Module resolution hook (node:module register): `import("next")` gets stand-in-next-logging.mjs.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "next")
    return { url: new URL("./stand-in-next-logging.mjs", import.meta.url).href, shortCircuit: true };
  return nextResolve(specifier, context);
}
