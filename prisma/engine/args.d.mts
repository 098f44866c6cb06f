// Types for args.mjs, so TypeScript tests can import it (the project does not type-check .mjs files).
export type EngineArgs = {
  version: boolean;
  datamodels: string[];
  datasource: { url?: string; shadowDatabaseUrl?: string };
  previewFeatures: string[];
  cliCommand: string | undefined;
};

export function parseArgs(argv: string[]): EngineArgs;
