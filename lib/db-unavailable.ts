// Issue 15, reliability: a database that is down or restarting is not a bug in the request. Its
// errors (connection refused or reset, postgres.js's closed connections, SQLSTATE class 08 connection
// exceptions, 57P01–57P03 shutdown and start-up) are answered 503 "try again in a minute", not a 500.

export const DATABASE_UNAVAILABLE = "The database is not available, try again in a minute.";

const NODE_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const POSTGRES_JS_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]);
const SHUTDOWN = new Set(["57P01", "57P02", "57P03"]);

function isUnavailableCode(code: unknown): boolean {
  if (typeof code !== "string") return false;
  return NODE_CODES.has(code) || POSTGRES_JS_CODES.has(code) || SHUTDOWN.has(code) || /^08[0-9A-Z]{3}$/.test(code);
}

/** True when the error, or one of its causes (drizzle wraps the driver's), says the database cannot be reached. */
export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [e];
  while (queue.length && seen.size < 12) {
    const cur = queue.shift();
    if (!cur || typeof cur !== "object" || seen.has(cur)) continue;
    seen.add(cur);
    const o = cur as { code?: unknown; errno?: unknown; cause?: unknown; errors?: unknown };
    if (isUnavailableCode(o.code)) return true;
    if (o.cause) queue.push(o.cause);
    if (Array.isArray(o.errors)) queue.push(...o.errors); // AggregateError: one per address tried
  }
  return false;
}
