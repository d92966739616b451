// `npm run db:roles` (README, "Security and reliability"): with DATABASE_MIGRATION_URL naming the
// owner role (which needs CREATEROLE), migrates, creates or updates the runtime role
// (FULCRUM_RUNTIME_ROLE, default fulcrum_app; password FULCRUM_RUNTIME_PASSWORD, else a new one
// each run), grants it only what the app needs, and prints the runtime DATABASE_URL alone on its
// last line.
import { randomBytes } from "node:crypto";
import { openPostgres } from "../db/client";
import { applyRuntimeGrants, ensureRuntimeRole, runtimeUrl, urlUser } from "../db/roles";

async function main() {
  const migrationUrl = process.env.DATABASE_MIGRATION_URL;
  if (!migrationUrl) {
    console.error("npm run db:roles needs DATABASE_MIGRATION_URL: the PostgreSQL URL of the owner role (with CREATEROLE) that migrates and owns the tables.");
    process.exit(2);
  }
  const role = process.env.FULCRUM_RUNTIME_ROLE || "fulcrum_app";
  if (role === urlUser(migrationUrl)) {
    console.error(`The runtime role (${role}) must not be the owner role of DATABASE_MIGRATION_URL.`);
    process.exit(2);
  }
  const password = process.env.FULCRUM_RUNTIME_PASSWORD || randomBytes(24).toString("base64url");
  const { default: postgres } = await import("postgres");
  const opened = await openPostgres(migrationUrl, { max: 2 });
  await opened.close();
  const client = postgres(migrationUrl, { max: 1, onnotice: () => {} });
  try {
    await ensureRuntimeRole(client, role, password);
    await applyRuntimeGrants(client, role);
  } finally {
    await client.end({ timeout: 5 });
  }
  console.error(`Migrated as ${urlUser(migrationUrl)}; runtime role ${role} may read and write the app's tables and only insert and read audit events.`);
  console.log(runtimeUrl(migrationUrl, role, password));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
