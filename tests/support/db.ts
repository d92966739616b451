import fs from "node:fs";
import { afterAll, beforeAll, inject } from "vitest";
import { openPglite, openPostgres, setDbForProcess, type OpenedDatabase } from "@/db/client";

export type TestDb = OpenedDatabase;

/** Opens a migrated database for this test file: in-memory PGlite, or TEST_DATABASE_URL's PostgreSQL. */
export async function openTestDatabase(): Promise<OpenedDatabase> {
  if (process.env.FULCRUM_TEST_ENGINE === "postgres") {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error("FULCRUM_TEST_ENGINE=postgres needs TEST_DATABASE_URL");
    return openPostgres(url, { max: 5 });
  }
  return openTestPglite();
}

/** In-memory PGlite from the migrated template made once per run (tests/support/pglite-template.ts). */
export async function openTestPglite(): Promise<OpenedDatabase> {
  const file = inject("pgliteTemplate");
  if (file && fs.existsSync(file)) return openPglite({ template: new Blob([fs.readFileSync(file)]) });
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

/** Runs one statement on TEST_DATABASE_URL's server (create or drop a database of a file's own). */
export async function admin(statement: string) {
  const { default: postgres } = await import("postgres");
  const client = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    await client.unsafe(statement);
  } finally {
    await client.end();
  }
}

/**
 * useTestDatabase, but on PostgreSQL in a database of this file's own (`<test database>_<suffix>`,
 * made fresh and dropped afterwards): for tests of something whose state is the whole database's,
 * such as the e-mail sender, which claims every due message, whichever test file wrote it.
 */
export function useOwnTestDatabase(suffix: string): { readonly db: OpenedDatabase["db"]; readonly url: string | null } {
  let opened: OpenedDatabase | undefined;
  let url: string | null = null;
  beforeAll(async () => {
    if (process.env.FULCRUM_TEST_ENGINE !== "postgres") {
      opened = await openTestPglite();
    } else {
      const u = new URL(process.env.TEST_DATABASE_URL!);
      const name = `${u.pathname.slice(1)}_${suffix}`;
      await admin(`drop database if exists "${name}" with (force)`);
      await admin(`create database "${name}"`);
      u.pathname = `/${name}`;
      url = u.toString();
      opened = await openPostgres(url, { max: 5 });
    }
    setDbForProcess(opened.db);
  });
  afterAll(async () => {
    setDbForProcess(undefined);
    await opened?.close();
    if (url) await admin(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
  });
  return {
    get db() {
      if (!opened) throw new Error("database not open yet (use it inside a test or hook)");
      return opened.db;
    },
    get url() {
      return url;
    },
  };
}
