import "server-only";
import { eq, sql } from "drizzle-orm";
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
  // One statement: the user and their memberships (in the order they were granted) as JSON.
  const [user] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      disabledAt: users.disabledAt,
      sessionVersion: users.sessionVersion,
      memberships: sql<ActorMembership[]>`coalesce((
        select json_agg(json_build_object('id', m.id, 'organisationId', m.organisation_id, 'organisationName', o.name,
          'organisationKind', o.kind, 'ods', o.ods, 'icsId', o.ics_id, 'role', m.role, 'seat', m.seat) order by m.created_at, m.id)
        from ${memberships} m join ${organisations} o on o.id = m.organisation_id
        where m.user_id = "users"."id"), '[]'::json)`,
    })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user || user.disabledAt) return null;
  if (opts.sessionVersion !== undefined && opts.sessionVersion !== user.sessionVersion) return null;
  const rows: ActorMembership[] = typeof user.memberships === "string" ? JSON.parse(user.memberships) : user.memberships;
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
