// Shared by the command-line scripts: open the configured database for lib/, report errors plainly.
import { DataFolderLockedError, openConfiguredDatabase, setDbForProcess, type OpenedDatabase } from "@/db/client";
import { isAppError } from "@/lib/errors";

export async function withDatabase<T>(fn: (opened: OpenedDatabase) => Promise<T>): Promise<T> {
  let opened: OpenedDatabase;
  try {
    opened = await openConfiguredDatabase();
  } catch (e) {
    if (e instanceof DataFolderLockedError) fail(e.message);
    throw e;
  }
  setDbForProcess(opened.db);
  try {
    return await fn(opened);
  } finally {
    setDbForProcess(undefined);
    await opened.close();
  }
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** An AppError's message and field messages, one a line; anything else is rethrown. */
export function explain(e: unknown): string {
  if (!isAppError(e)) throw e;
  const fields = Object.values(e.fieldErrors ?? {});
  return fields.length ? fields.map((m) => `  - ${m}`).join("\n") : e.message;
}
