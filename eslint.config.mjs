import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// Only lib/ talks to the database: the walls in docs are enforced here, not by good intentions.
const prismaImports = {
  patterns: [
    {
      group: ["@prisma/*", "**/generated/prisma*", "@/lib/generated/*", "**/lib/generated/*"],
      message: "Only lib/ may use Prisma; call a lib/ domain function instead.",
    },
    {
      group: ["@/lib/platform/db", "**/lib/db"],
      message: "Only lib/ may use the database client; call a lib/ domain function instead.",
    },
  ],
};

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      // Deliberate mistakes, built only by tests/e2e/guard-catches-known-bypasses.spec.ts.
      "tests/fixtures/guard-bypasses/**",
    ],
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", prismaImports] },
  },
];

export default config;
