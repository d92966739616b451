import "server-only";
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import type { Actor, ActorMembership } from "./access";

/**
 * Reads a user and their memberships, per request. Null when the user is gone or disabled, or when
 * the session was issued before the user's session version changed (disable, password reset).
 */
export async function loadActor(
  db: DbOrTx,
  userId: string,
  opts: { sessionVersion?: number; activeMembershipId?: string | null; ip?: string | null; userAgent?: string | null } = {},
): Promise<Actor | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (!user || user.disabledAt) return null;
  if (opts.sessionVersion !== undefined && opts.sessionVersion !== user.sessionVersion) return null;
  const rows = await db
    .select({
      id: memberships.id,
      organisationId: memberships.organisationId,
      organisationName: organisations.name,
      organisationKind: organisations.kind,
      ods: organisations.ods,
      icsId: organisations.icsId,
      role: memberships.role,
      seat: memberships.seat,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(memberships.id));
  const ms: ActorMembership[] = rows;
  const active = ms.find((m) => m.id === opts.activeMembershipId) ?? ms[0] ?? null;
  return {
    userId: user.id,
    name: user.name,
    email: user.email,
    memberships: ms,
    activeMembershipId: active?.id ?? null,
    ip: opts.ip ?? null,
    userAgent: opts.userAgent ?? null,
  };
}
