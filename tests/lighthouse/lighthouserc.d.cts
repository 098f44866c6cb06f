// Types for lighthouserc.cjs, so its TypeScript callers read the values they share without a cast.
declare const config: {
  missingPath: string;
  ci: { collect: { chromePath: string; settings: Record<string, unknown> }; assert: Record<string, unknown> };
};
export = config;
