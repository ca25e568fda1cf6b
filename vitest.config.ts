import { defineConfig } from "vitest/config";

const unitAndIntegration = ["src/**/*.test.ts", "scripts/**/*.test.ts", "test/integration/**/*.test.ts"];

/**
 * Three projects: every unit, route and integration test on PGlite, the same tests on a real
 * PostgreSQL 15 server (TEST_DATABASE_URL, started by scripts/test.sh), and browser journeys in
 * Debian's Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "pglite",
          include: unitAndIntegration,
          env: { TEST_DATABASE_URL: "" },
          // Generous: a loaded 2-core CI machine runs these files two at a time beside a database.
          testTimeout: 90_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: "postgres",
          include: unitAndIntegration,
          env: { WA_TEST_DB: "postgres" },
          // Generous: a loaded 2-core CI machine runs these files two at a time beside a database.
          testTimeout: 90_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.test.ts"],
          env: { TEST_DATABASE_URL: "" },
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
