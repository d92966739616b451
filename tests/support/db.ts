import { afterAll, beforeAll } from "vitest";
import { openPglite, openPostgres, setDbForProcess, type OpenedDatabase } from "@/db/client";

export type TestDb = OpenedDatabase;

/** Opens a migrated database for this test file: in-memory PGlite, or TEST_DATABASE_URL's PostgreSQL. */
export async function openTestDatabase(): Promise<OpenedDatabase> {
  if (process.env.FULCRUM_TEST_ENGINE === "postgres") {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("FULCRUM_TEST_ENGINE=postgres needs TEST_DATABASE_URL");
    return openPostgres(url, { max: 5 });
  }
  return openPglite();
}

/**
 * One database per test file, shared by its tests and pointed to by lib's getDb(). Tests stay
 * independent by minting their own organisations and people (factories), never by truncating.
 */
export function useTestDatabase(): { readonly db: OpenedDatabase["db"]; readonly opened: OpenedDatabase } {
  let opened: OpenedDatabase | undefined;
  beforeAll(async () => {
    opened = await openTestDatabase();
    setDbForProcess(opened.db);
  });
  afterAll(async () => {
    setDbForProcess(undefined);
    await opened?.close();
  });
  return {
    get db() {
      if (!opened) throw new Error("database not open yet (use it inside a test or hook)");
      return opened.db;
    },
    get opened() {
      if (!opened) throw new Error("database not open yet");
      return opened;
    },
  };
}

export const engineName = () => process.env.FULCRUM_TEST_ENGINE ?? "pglite";
