// The command line Prisma's CLI gives the native schema engine, parsed into plain data. Unknown flags
// are refused on purpose: after a Prisma upgrade we want a loud failure, not a half-understood request.
//
//   schema-engine --version
//   schema-engine [--datamodels <file>]... [--datasource <json>] [--enabled-preview-features <a,b>]
//                 [--extension-types <json>] [cli <command>]

/**
 * @param {string[]} argv process.argv without the node binary and script
 * @returns {{ version: boolean, datamodels: string[], datasource: { url?: string, shadowDatabaseUrl?: string },
 *             previewFeatures: string[], cliCommand: string | undefined }}
 */
export function parseArgs(argv) {
  const parsed = {
    version: false,
    datamodels: [],
    datasource: {},
    previewFeatures: [],
    cliCommand: undefined,
  };
  const valueOf = (index, flag) => {
    const value = argv[index];
    if (value === undefined) throw new Error(`schema engine: ${flag} needs a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case "--version":
      case "-V":
        parsed.version = true;
        break;
      case "--datamodels":
        parsed.datamodels.push(valueOf(++i, arg));
        break;
      case "--datasource":
        parsed.datasource = parseDatasource(valueOf(++i, arg));
        break;
      case "--enabled-preview-features":
        parsed.previewFeatures = valueOf(++i, arg).split(",").filter(Boolean);
        break;
      case "--extension-types":
        valueOf(++i, arg); // only meaningful for PostgreSQL extensions, which our models do not use
        break;
      case "cli":
        parsed.cliCommand = valueOf(++i, arg);
        break;
      default:
        throw new Error(`schema engine: unexpected argument "${arg}"`);
    }
  }
  return parsed;
}

function parseDatasource(json) {
  let value;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error("schema engine: --datasource is not valid JSON");
  }
  if (value === null || typeof value !== "object")
    throw new Error("schema engine: --datasource must be an object");
  const { url, shadowDatabaseUrl } = value;
  return {
    ...(typeof url === "string" && url ? { url } : {}),
    ...(typeof shadowDatabaseUrl === "string" && shadowDatabaseUrl ? { shadowDatabaseUrl } : {}),
  };
}
