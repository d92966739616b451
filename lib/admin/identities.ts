import "server-only";
import { z } from "zod";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { userIdentities } from "@/db/schema";
import { assertCan, type Actor } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";

export type IdentityView = { id: string; issuer: string; emailAtLink: string; createdAt: Date; lastSignInAt: Date | null };

/** A user's single sign-on links (admin only). */
export async function listUserIdentities(actor: Actor, input: { userId: string }): Promise<IdentityView[]> {
  assertCan(actor, "admin");
  if (!z.uuid().safeParse(input.userId).success) return [];
  const db = await getDb();
  return db
    .select({
      id: userIdentities.id,
      issuer: userIdentities.issuer,
      emailAtLink: userIdentities.emailAtLink,
      createdAt: userIdentities.createdAt,
      lastSignInAt: userIdentities.lastSignInAt,
    })
    .from(userIdentities)
    .where(eq(userIdentities.userId, input.userId))
    .orderBy(asc(userIdentities.createdAt));
}

/**
 * Removes a single sign-on link (admin only, audited): the person's next single sign-on links again
 * by verified e-mail. Sessions already open stay open (disable the user or sign them out everywhere
 * to end those).
 */
export async function unlinkUserIdentity(actor: Actor, input: { userId: string; identityId: string }): Promise<void> {
  assertCan(actor, "admin");
  const ids = z.object({ userId: z.uuid(), identityId: z.uuid() }).safeParse(input);
  if (!ids.success) throw new AppError("not_found", "Single sign-on link not found");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .delete(userIdentities)
      .where(and(eq(userIdentities.id, ids.data.identityId), eq(userIdentities.userId, ids.data.userId)))
      .returning();
    if (!row) throw new AppError("not_found", "Single sign-on link not found");
    await recordAudit(tx, actor, {
      organisationId: null,
      action: "sso.unlinked",
      entityType: "user",
      entityId: row.userId,
      before: { identity: row.id, issuer: row.issuer, email: row.emailAtLink },
    });
  });
}
