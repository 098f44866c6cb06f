import { vi } from "vitest";
import { describePledgeApi } from "@/tests/support/pledge-fixtures";

// POST /api/pledge on SQLite; the body is shared with pledge-api-postgres.test.ts. One file per database,
// because the route's database client is chosen once per process, from DATABASE_URL.
// next/headers works only inside a running Next.js; the route reads it only after validation succeeds.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.50" }),
}));

describePledgeApi("sqlite");
