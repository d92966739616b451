import "server-only";
// Several app servers on one database (issue 16 item 5) must share AUTH_SECRET and the audit key.
// Each is read once per process from the environment or, unset, from a file in the server's own data
// folder: two servers on two hosts would each generate their own, silently. So each server records
// fingerprints of both in the database (app_servers) and refuses to start when another server, alive
// within LIVE_SECONDS, holds different ones. Stopping every server to change a secret is allowed.
import os from "node:os";
import { createHmac } from "node:crypto";
import { and, eq, gt, lt, ne, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { appServers } from "@/db/schema";

export const HEARTBEAT_MS = 30_000;
/** A server not seen for this long is taken as stopped. */
export const LIVE_SECONDS = 90;

/** A fingerprint that names the secret without revealing it (an HMAC of a fixed text, shortened). */
export function fingerprint(secret: string): string {
  return createHmac("sha256", secret).update("fulcrum app server fingerprint").digest("base64url").slice(0, 16);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export class SharedSecretMismatch extends Error {
  constructor(which: string[], other: { host: string; pid: number }) {
    super(
      `This server's ${which.join(" and ")} differ${which.length === 1 ? "s" : ""} from that of another Fulcrum server on this database ` +
        `(host ${other.host}, pid ${other.pid}, seen in the last ${LIVE_SECONDS} seconds). Every server on one database must share ` +
        `AUTH_SECRET and FULCRUM_AUDIT_KEY (or FULCRUM_AUDIT_KEY_FILE's content): set the same values on each, or stop every server to change them.`,
    );
    this.name = "SharedSecretMismatch";
  }
}

/**
 * Registers this server with its fingerprints, after checking no live server holds different ones;
 * returns its row id and a stop function (ends the heartbeat, removes the row). `host` and `pid`:
 * this server's, unless a test plays several servers in one process.
 */
export async function registerAppServer(db: Database, secrets: { authSecret: string; auditKey: string }, opts: { heartbeat?: boolean; host?: string; pid?: number } = {}) {
  const host = opts.host ?? os.hostname();
  const pid = opts.pid ?? process.pid;
  const mine = { authFingerprint: fingerprint(secrets.authSecret), auditFingerprint: fingerprint(secrets.auditKey) };
  const live = sql`now() - make_interval(secs => ${LIVE_SECONDS})`;
  const row = await db.transaction(async (tx) => {
    // One server registers at a time, so two started at once with different secrets cannot both pass.
    await tx.execute(sql`select pg_advisory_xact_lock(7412002)`);
    const differing = await tx
      .select()
      .from(appServers)
      .where(and(gt(appServers.lastSeenAt, live), or(ne(appServers.authFingerprint, mine.authFingerprint), ne(appServers.auditFingerprint, mine.auditFingerprint))));
    // An earlier run of a server on this host that has stopped (restarted with new secrets) is no other server.
    const other = differing.find((o) => !(o.host === host && (o.pid === pid || !pidAlive(o.pid))));
    if (other) {
      const which = [other.authFingerprint !== mine.authFingerprint ? "AUTH_SECRET" : null, other.auditFingerprint !== mine.auditFingerprint ? "audit key" : null].filter(Boolean) as string[];
      throw new SharedSecretMismatch(which, other);
    }
    await tx.delete(appServers).where(lt(appServers.lastSeenAt, sql`now() - interval '1 day'`));
    const [r] = await tx.insert(appServers).values({ host, pid, ...mine }).returning({ id: appServers.id });
    return r;
  });
  let timer: NodeJS.Timeout | null = null;
  if (opts.heartbeat !== false) {
    timer = setInterval(() => void db.update(appServers).set({ lastSeenAt: sql`now()` }).where(eq(appServers.id, row.id)).catch(() => {}), HEARTBEAT_MS);
    timer.unref();
  }
  return {
    id: row.id,
    stop: async () => {
      if (timer) clearInterval(timer);
      await db.delete(appServers).where(eq(appServers.id, row.id));
    },
  };
}
