// Issue 15, finding 5: what the server logs of an unexpected error. A database error is logged by its
// SQLSTATE, constraint, table, column and the query text (with $1 placeholders), never its bound
// parameters or the values PostgreSQL quotes back (decision text, password hashes, e-mail addresses):
// drizzle's message ("Failed query: … params: …"), postgres.js's `parameters` and PostgreSQL's
// `detail` ("Key (email)=(…)") all carry them.

type DbErrorLike = {
  code: string;
  message?: string;
  constraint?: string;
  constraint_name?: string;
  table?: string;
  table_name?: string;
  column?: string;
  column_name?: string;
  routine?: string;
};

const SQLSTATE = /^[0-9A-Z]{5}$/;

function isDbError(e: unknown): e is DbErrorLike {
  if (!e || typeof e !== "object") return false;
  const o = e as Record<string, unknown>;
  return typeof o.code === "string" && SQLSTATE.test(o.code) && ("severity" in o || "routine" in o || "severity_local" in o);
}

/** The chain of causes, outermost first. */
function causes(e: unknown): unknown[] {
  const out: unknown[] = [];
  let cur: unknown = e;
  for (let i = 0; cur && i < 6; i++) {
    out.push(cur);
    cur = (cur as { cause?: unknown }).cause;
  }
  return out;
}

/** Values PostgreSQL quotes back in a message (`"…"`, `(…)=(…)`), masked. */
function maskValues(message: string): string {
  return message.replace(/"[^"]*"/g, '"…"').replace(/\([^()]*\)=\([^()]*\)/g, "(…)=(…)");
}

/** Code locations only: the stack's "at …" lines, never its message line. */
function frames(e: unknown, n = 8): string {
  const stack = e instanceof Error && typeof e.stack === "string" ? e.stack : "";
  return stack.split("\n").filter((l) => l.trim().startsWith("at ")).slice(0, n).join("\n");
}

/** One description of the error fit for a log: no bound parameter, no quoted value. */
export function describeError(e: unknown): string {
  const chain = causes(e);
  const db = chain.find(isDbError);
  const withQuery = chain.find((c) => c && typeof c === "object" && typeof (c as { query?: unknown }).query === "string") as { query: string } | undefined;
  if (db) {
    const parts = [
      `database error SQLSTATE ${db.code}`,
      db.constraint ?? db.constraint_name ? `constraint ${db.constraint ?? db.constraint_name}` : null,
      db.table ?? db.table_name ? `table ${db.table ?? db.table_name}` : null,
      db.column ?? db.column_name ? `column ${db.column ?? db.column_name}` : null,
      db.message ? `message: ${maskValues(db.message)}` : null,
      withQuery ? `query: ${withQuery.query.slice(0, 2000)}` : null,
    ].filter(Boolean);
    return `${parts.join("; ")}\n${frames(e)}`;
  }
  if (withQuery) {
    // A drizzle query error without a PostgreSQL error inside (a connection failure): its message holds the parameters.
    const inner = chain.find((c) => c !== withQuery && c instanceof Error) as Error | undefined;
    return `query failed: ${inner ? `${inner.name}: ${maskValues(inner.message)}` : "no cause"}; query: ${withQuery.query.slice(0, 2000)}\n${frames(e)}`;
  }
  if (e instanceof Error) return `${e.name}: ${e.message}\n${frames(e)}`;
  return `non-error thrown: ${typeof e}`;
}

/** Logs an unexpected error under a context ("[api] POST /api/v1/decisions"). */
export function logError(context: string, e: unknown) {
  console.error(`${context} failed: ${describeError(e)}`);
}
