import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const integration = (name: string, env: Record<string, string>) => ({
  extends: true as const,
  test: {
    name,
    include: ["tests/integration/**/*.test.ts"],
    globalSetup: env.FULCRUM_TEST_ENGINE === "pglite" ? ["tests/support/pglite-template.ts"] : [],
    env,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // lib/ marks database modules server-only; under vitest they run in Node, which is the server.
      "server-only": path.join(root, "tests/support/server-only.ts"),
    },
  },
  test: {
    retry: 0,
    // The audit chain's HMAC key (lib/audit-key.ts); spawned scripts inherit it.
    env: { FULCRUM_AUDIT_KEY: process.env.FULCRUM_AUDIT_KEY || "test-audit-key-0123456789abcdef0123456789" },
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"] } },
      integration("integration:pglite", { FULCRUM_TEST_ENGINE: "pglite" }),
      ...(process.env.TEST_DATABASE_URL
        ? [integration("integration:postgres", { FULCRUM_TEST_ENGINE: "postgres" })]
        : []),
    ],
  },
});
