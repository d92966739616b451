import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { rateLimits } from "@/db/schema";

export type RateLimitResult = {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the current window ends. */
  retryAfter: number;
  count: number;
};

/**
 * Counts one hit against `key` in a fixed window, in the database so every app server shares it.
 * One upsert per request; a new window also clears the key's old windows.
 */
export async function hitRateLimit(
  db: DbOrTx,
  key: string,
  opts: { limit: number; windowMs?: number; now?: Date },
): Promise<RateLimitResult> {
  const windowMs = opts.windowMs ?? 60_000;
  const now = (opts.now ?? new Date()).getTime();
  const start = new Date(Math.floor(now / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: start, count: 1 })
    .onConflictDoUpdate({ target: [rateLimits.key, rateLimits.windowStart], set: { count: sql`${rateLimits.count} + 1` } })
    .returning({ count: rateLimits.count });
  if (row.count === 1) {
    await db.delete(rateLimits).where(and(eq(rateLimits.key, key), lt(rateLimits.windowStart, start)));
  }
  const retryAfter = Math.max(1, Math.ceil((start.getTime() + windowMs - now) / 1000));
  return { allowed: row.count <= opts.limit, limit: opts.limit, remaining: Math.max(0, opts.limit - row.count), retryAfter, count: row.count };
}

/** Heavy requests limited per person (issue 15, finding 6): exports, the board-paper PDF, the import. */
export type HeavyKind = "export" | "paper" | "import";

/** Per person per minute; FULCRUM_HEAVY_RATE_LIMIT overrides all three. */
export function heavyLimit(kind: HeavyKind): number {
  const set = Number(process.env.FULCRUM_HEAVY_RATE_LIMIT);
  if (Number.isInteger(set) && set > 0) return set;
  return { export: 20, paper: 30, import: 10 }[kind];
}

/**
 * Counts one heavy request of this person; over the limit, throws `rate_limited` (429) with the
 * seconds to wait in `details.retryAfter`, like the API's per-token limit.
 */
export async function limitHeavyRequest(actor: { userId: string }, kind: HeavyKind, now?: Date): Promise<void> {
  const { getDb } = await import("@/db/client");
  const { AppError } = await import("./errors");
  const limit = heavyLimit(kind);
  const rate = await hitRateLimit(await getDb(), `${kind}:user:${actor.userId}`, { limit, now });
  if (!rate.allowed) {
    throw new AppError("rate_limited", `Too many ${kind === "paper" ? "board papers" : kind === "export" ? "exports" : "imports"}: at most ${limit} a minute. Try again in ${rate.retryAfter} seconds.`, {
      details: { retryAfter: rate.retryAfter },
    });
  }
}

/** Rate-limit windows and sign-in attempts older than a day are pruned (at start, then hourly). */
export async function pruneOldRows(db: DbOrTx, now: Date = new Date()): Promise<{ loginAttempts: number; rateLimits: number }> {
  const { loginAttempts } = await import("@/db/schema");
  const dayAgo = new Date(now.getTime() - 24 * 3600_000);
  const a = await db.delete(loginAttempts).where(lt(loginAttempts.createdAt, dayAgo)).returning({ id: loginAttempts.id });
  const r = await db.delete(rateLimits).where(lt(rateLimits.windowStart, dayAgo)).returning({ key: rateLimits.key });
  return { loginAttempts: a.length, rateLimits: r.length };
}

/** A 429 answer for a refused heavy request (plain text, with Retry-After). */
export function tooManyResponse(e: { message: string; details?: Record<string, unknown> }): Response {
  const retry = String((e.details?.retryAfter as number | undefined) ?? 60);
  return new Response(e.message, { status: 429, headers: { "content-type": "text/plain; charset=utf-8", "retry-after": retry, "cache-control": "no-store" } });
}
