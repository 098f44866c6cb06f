// Module resolution hook (node:module register): `import("next")` gets tests/support/stand-in-next.mjs.
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "next")
    return { url: new URL("./stand-in-next.mjs", import.meta.url).href, shortCircuit: true };
  return nextResolve(specifier, context);
}
