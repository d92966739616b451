import "server-only";
import { z } from "zod";
import { and, desc, eq, inArray, notExists, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { accessChanges, accessChangeSeen, organisations } from "@/db/schema";
import { chiefExecutiveTrustIds, membershipsWithRole, ROLE, type Actor } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { notifyAccessChange } from "../notifications/events";

/**
 * Records a change to a trust's board access (a membership added or removed, its sign-off policy
 * changed) for its Chair and Chief Executive to see. Called inside the change's own transaction;
 * the change itself is already in the audit chain. Non-trust organisations have no board to tell.
 */
export async function recordAccessChange(tx: DbOrTx, actor: Actor | null, organisationId: string, summary: string): Promise<void> {
  const [org] = await tx.select({ kind: organisations.kind, name: organisations.name }).from(organisations).where(eq(organisations.id, organisationId));
  if (org?.kind !== "trust") return;
  await tx.insert(accessChanges).values({
    organisationId,
    actorId: actor?.userId ?? null,
    actorName: actor?.name ?? "The command line",
    summary,
  });
  // …and an e-mail to the same people (lib/notifications), written in the same transaction.
  await notifyAccessChange(tx, { trustId: organisationId, trustName: org.name, change: summary, actorId: actor?.userId ?? null });
}

/** The trusts whose access changes this person is shown: where they are Chief Executive or Chair. */
export function accessWatchTrustIds(actor: Actor): string[] {
  const chairs = membershipsWithRole(actor, ROLE.boardMember)
    .filter((m) => m.seat === "chair")
    .map((m) => m.organisationId);
  return [...new Set([...chiefExecutiveTrustIds(actor), ...chairs])];
}

export type AccessChangeView = { id: string; trustName: string; summary: string; actorName: string; createdAt: Date };

/** Changes to their boards' access that this Chair or Chief Executive has not yet marked seen. */
export async function listUnseenAccessChanges(actor: Actor, limit = 50): Promise<AccessChangeView[]> {
  const trusts = accessWatchTrustIds(actor);
  if (!trusts.length) return [];
  const db = await getDb();
  return db
    .select({
      id: accessChanges.id,
      trustName: organisations.name,
      summary: accessChanges.summary,
      actorName: accessChanges.actorName,
      createdAt: accessChanges.createdAt,
    })
    .from(accessChanges)
    .innerJoin(organisations, eq(organisations.id, accessChanges.organisationId))
    .where(
      and(
        inArray(accessChanges.organisationId, trusts),
        notExists(
          db
            .select({ one: sql`1` })
            .from(accessChangeSeen)
            .where(and(eq(accessChangeSeen.changeId, accessChanges.id), eq(accessChangeSeen.userId, actor.userId))),
        ),
      ),
    )
    .orderBy(desc(accessChanges.createdAt))
    .limit(limit);
}

/** Marks a change seen by this person; a change on a board they don't lead is "not found". */
export async function markAccessChangeSeen(actor: Actor, input: { changeId: string }): Promise<void> {
  if (!z.uuid().safeParse(input.changeId).success) throw new AppError("not_found", "Change not found");
  const trusts = accessWatchTrustIds(actor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [change] = await tx.select().from(accessChanges).where(eq(accessChanges.id, input.changeId));
    if (!change || !trusts.includes(change.organisationId)) throw new AppError("not_found", "Change not found");
    await tx.insert(accessChangeSeen).values({ changeId: change.id, userId: actor.userId }).onConflictDoNothing();
    await recordAudit(tx, actor, { organisationId: change.organisationId, action: "access_change.seen", entityType: "access_change", entityId: change.id });
  });
}
