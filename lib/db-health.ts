// Issue 15, reliability: pages answer 503 while the database is down.
//
// A page is streamed: by the time a server component meets a dead database, Next.js has committed to
// its status, so the error page goes out as 500 (Next.js cannot set another status from a server
// component). So the answer is decided before rendering, in proxy.ts: once any request has met the
// database unreachable (an API route, a server action, a page: instrumentation.ts's onRequestError),
// the process remembers it, and every later request first asks the database `select 1`; while that
// fails the proxy answers 503 itself (a plain page, or the API's JSON error), and the first probe that
// succeeds lifts it. With the database up nothing is probed. Requests already past the proxy when the
// database went away still fail as before (a page with the plain error page and 500).
//
// The flag and the probe live on globalThis: the proxy and the app's routes are bundled apart but run
// in one Node process.

import { isDatabaseUnavailable } from "./db-unavailable";

type Health = {
  /** When a request last met the database unreachable; null while it is believed up. */
  downSince: number | null;
  /** `select 1` on the app's own connection pool, registered at start-up (lib/start-up.ts). */
  probe?: () => Promise<unknown>;
  /** One probe at a time, and its answer reused for a moment so a burst of requests makes one. */
  inFlight?: Promise<boolean> | null;
  checkedAt?: number;
  lastAnswer?: boolean;
};

const g = globalThis as unknown as { __fulcrumDbHealth?: Health };
const health: Health = (g.__fulcrumDbHealth ??= { downSince: null });

const PROBE_TIMEOUT_MS = 2000;
const REUSE_MS = 250;

/** Registers how to ask the database whether it answers (start-up, once the pool is open). */
export function registerDatabaseProbe(probe: () => Promise<unknown>) {
  health.probe = probe;
}

/** Called wherever an error is handled: when it says the database is unreachable, the gate closes. */
export function noteDatabaseError(e: unknown): boolean {
  if (!isDatabaseUnavailable(e)) return false;
  health.downSince ??= Date.now();
  health.checkedAt = undefined;
  return true;
}

/** True while the database is known to be unreachable (for the proxy: answer 503 without rendering). */
export async function databaseIsDown(): Promise<boolean> {
  if (health.downSince === null || !health.probe) return false;
  if (health.checkedAt !== undefined && Date.now() - health.checkedAt < REUSE_MS) return !health.lastAnswer;
  health.inFlight ??= (async () => {
    const probe = health.probe!;
    let up = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([probe(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("probe timed out")), PROBE_TIMEOUT_MS)))]);
      up = true;
    } catch {
      up = false;
    } finally {
      clearTimeout(timer);
    }
    health.checkedAt = Date.now();
    health.lastAnswer = up;
    if (up) health.downSince = null;
    health.inFlight = null;
    return up;
  })();
  return !(await health.inFlight);
}
