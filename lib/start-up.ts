import "server-only";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { authSecret } from "./auth/secret";
import { isDatabaseEmpty } from "./demo/seed";
import { loadDemo } from "./demo/load";
import { auditKey } from "./audit-key";
import { sealLegacyChains } from "./audit";
import { logError } from "./log-error";
import { pruneOldRows } from "./rate-limit";
import { registerDatabaseProbe } from "./db-health";
import { drainWordPairs } from "./dashboards/word-pairs-store";

/**
 * Runs `fn` holding a PostgreSQL advisory lock for the whole of it (a transaction that only holds the
 * lock; `fn`'s own writes use other connections), so one server at a time does it. PGlite: one process.
 */
async function underStartUpLock<T>(db: Awaited<ReturnType<typeof getDb>>, fn: () => Promise<T>): Promise<T> {
  if (!process.env.DATABASE_URL) return fn();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7412002)`);
    return fn();
  });
}

/**
 * Runs once per server process before it serves: opens (and migrates) the database, makes sure
 * there is a session secret, and loads the demo into an empty database outside production.
 */
export async function startUp() {
  const started = Date.now();
  authSecret();
  auditKey();
  const db = await getDb();
  // Several servers on one PostgreSQL must share AUTH_SECRET and the audit key: refuse to start if not.
  if (process.env.DATABASE_URL) {
    const { registerAppServer, SharedSecretMismatch } = await import("./app-servers");
    try {
      await registerAppServer(db, { authSecret: authSecret(), auditKey: auditKey() });
    } catch (e) {
      // Serving would sign people out at random and mix audit keys: stop, so the process manager sees it.
      if (!(e instanceof SharedSecretMismatch)) throw e;
      console.error(`Fulcrum: not starting. ${e.message}`);
      process.exit(1);
    }
  }
  // proxy.ts asks this while the database is believed down (lib/db-health.ts).
  registerDatabaseProbe(() => db.execute(sql`select 1`));
  const sealed = await sealLegacyChains(db);
  // Sign-in attempts and rate-limit windows older than a day are of no use: pruned now and hourly.
  await pruneOldRows(db);
  setInterval(() => void pruneOldRows(db).catch((e) => logError("Fulcrum: pruning", e)), 3600_000).unref();
  if (sealed) console.log(`Fulcrum: sealed ${sealed} audit chain(s) written before the audit key with a keyed event.`);
  if (process.env.NODE_ENV !== "production" || process.env.FULCRUM_DEMO === "1") {
    if (await isDatabaseEmpty(db)) {
      // Several servers may start at once on one empty PostgreSQL: one loads the demo while the others
      // wait on the lock, then find the database no longer empty (loadDemo checks before each write,
      // but two at once would race: the second risk appetite save is refused as a stale change).
      const loaded = await underStartUpLock(db, async () => ((await isDatabaseEmpty(db)) ? (await loadDemo(db), true) : false));
      if (loaded) console.log("Fulcrum: loaded the demo data (accounts are listed on the sign-in page).");
    }
  }
  if (!process.env.DATABASE_URL) {
    // PGlite has no autovacuum, so its planner statistics never refresh by themselves; without them
    // the dashboards' joins pick poor plans on large data. Analyse at start, and every six hours.
    await db.execute(sql`analyze`);
    const timer = setInterval(() => void db.execute(sql`analyze`).catch((e) => logError("Fulcrum: analyze", e)), 6 * 3600_000);
    timer.unref();
  }
  if (!process.env.DATABASE_URL && process.env.FULCRUM_TEST_CHECKPOINT_LOOP === "1") {
    // Test hook (scripts/reliability-crash.mjs --checkpoints): CHECKPOINT back to back while the app
    // serves, each bracketed by a line on stdout, so the crash rounds can kill PGlite mid-checkpoint.
    void (async () => {
      for (let n = 1; ; n++) {
        process.stdout.write(`Fulcrum: checkpoint ${n} begin\n`);
        await db.execute(sql`checkpoint`);
        process.stdout.write(`Fulcrum: checkpoint ${n} end\n`);
        await new Promise((r) => setTimeout(r, 20));
      }
    })().catch((e) => logError("Fulcrum: checkpoint loop", e));
  }
  // Word pairs still queued for extraction (after the migration that added them, or a write that does
  // not extract them itself): extracted in the background now and every minute, in batches that skip
  // what another server holds (lib/dashboards/word-pairs-store.ts). The panel is exact meanwhile.
  // One pass at a time in this process: after the migration queued every decision, a pass takes minutes.
  let draining = false;
  const drain = () => {
    if (draining) return;
    draining = true;
    void drainWordPairs(db)
      .catch((e) => logError("Fulcrum: word pairs", e))
      .finally(() => (draining = false));
  };
  drain();
  setInterval(drain, 60_000).unref();
  // E-mail notifications: this process's share of the outbox (lib/notifications/sender.ts).
  (await import("./notifications/sender")).startMailSender();
  console.log(`Fulcrum: database ready in ${Date.now() - started} ms (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}).`);
}
