import "server-only";
import { and, eq, isNull, like, notLike, sql } from "drizzle-orm";
import { getDb, type Database, type DbOrTx } from "@/db/client";
import { memberships, users } from "@/db/schema";
import { ROLE, type Actor } from "../access";
import { recordAudit } from "../audit";
import { endAllSessions } from "../auth/sessions";
import { DEMO_EMAIL_DOMAIN } from "./organisations";

// The demo accounts share a published password, so they are for a machine of one's own: they sign in
// only from this machine (a loopback address), and are disabled for good by `npm run demo:disable`
// or as soon as a real (non-demo) administrator exists.

export const isDemoEmail = (email: string) => email.trim().toLowerCase().endsWith(`@${DEMO_EMAIL_DOMAIN}`);

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopback(ip: string | null | undefined): boolean {
  if (!ip) return false;
  const a = ip.trim().toLowerCase().replace(/^::ffff:/, "");
  return a === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

const demoUser = like(users.email, `%@${DEMO_EMAIL_DOMAIN}`);

async function realAdminExists(db: DbOrTx): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, ROLE.admin), isNull(users.disabledAt), notLike(users.email, `%@${DEMO_EMAIL_DOMAIN}`)))
    .limit(1);
  return !!row;
}

/**
 * Disables every demo account for good (their sessions end), audited. Answers how many it disabled.
 * `actor` null is the command line or the automatic lock-down.
 */
export async function disableDemo(tx: DbOrTx, actor: Actor | null, reason: "command" | "real_admin"): Promise<number> {
  const rows = await tx
    .update(users)
    .set({ disabledAt: new Date(), sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: new Date() })
    .where(and(demoUser, isNull(users.disabledAt)))
    .returning({ id: users.id });
  for (const r of rows) await endAllSessions(tx, r.id, "demo_disabled");
  if (rows.length) {
    await recordAudit(tx, actor, { organisationId: null, action: "demo.disabled", entityType: "demo", after: { accounts: rows.length, reason } });
  }
  return rows.length;
}

/**
 * Whether the demo accounts may sign in (and be listed on the sign-in page): some are enabled and no
 * real administrator exists. Finding a real administrator beside enabled demo accounts disables them.
 */
export async function demoOpen(db?: Database): Promise<boolean> {
  db ??= await getDb();
  // One statement for both questions (it runs on every page a demo account opens).
  const [r] = await db
    .select({
      enabled: sql<boolean>`exists (${db.select({ id: users.id }).from(users).where(and(demoUser, isNull(users.disabledAt)))})`,
      realAdmin: sql<boolean>`exists (${db
        .select({ id: users.id })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.role, ROLE.admin), isNull(users.disabledAt), notLike(users.email, `%@${DEMO_EMAIL_DOMAIN}`)))})`,
    })
    .from(sql`(select 1) as one`);
  if (!r.enabled) return false;
  if (r.realAdmin) {
    await db.transaction((tx) => disableDemo(tx, null, "real_admin"));
    return false;
  }
  return true;
}

/** For sign-in: may this demo account sign in from this address? (Non-demo accounts: always yes.) */
export async function demoSignInAllowed(db: Database, email: string, ip: string): Promise<boolean> {
  if (!isDemoEmail(email)) return true;
  return isLoopback(ip) && (await demoOpen(db));
}

/** Called when someone becomes an administrator: a real one ends the demo (same transaction). */
export async function lockDownDemoIfRealAdmin(tx: DbOrTx, userEmail: string): Promise<void> {
  if (!isDemoEmail(userEmail)) await disableDemo(tx, null, "real_admin");
}
