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
