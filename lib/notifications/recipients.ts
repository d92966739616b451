import "server-only";
// Who a decision's messages go to. Only people of the decision's own trust: a board member or Chief
// Executive of another trust is never a recipient.
import { and, eq, isNull, sql } from "drizzle-orm";
import { executeRows, type DbOrTx } from "@/db/client";
import { decisions, memberships, organisations, positions, users } from "@/db/schema";
import { ROLE } from "../access";
import type { DecisionFacts } from "./content";

export type DecisionRow = { id: string; trustId: string; authorId: string; title: string; version: number; status: string; submittedAt: Date | null; trustName: string };

export async function loadDecisionFacts(tx: DbOrTx, decisionId: string): Promise<DecisionRow | null> {
  const [d] = await tx
    .select({
      id: decisions.id,
      trustId: decisions.trustId,
      authorId: decisions.authorId,
      title: decisions.title,
      version: decisions.version,
      status: decisions.status,
      submittedAt: decisions.submittedAt,
      trustName: organisations.name,
    })
    .from(decisions)
    .innerJoin(organisations, eq(organisations.id, decisions.trustId))
    .where(eq(decisions.id, decisionId));
  return d ?? null;
}

export const factsOf = (d: DecisionRow): DecisionFacts => ({ id: d.id, title: d.title, trustName: d.trustName, version: d.version });

/** Board members (not disabled, not the author) with no position on the decision's current version. */
export async function nonResponders(tx: DbOrTx, d: Pick<DecisionRow, "id" | "trustId" | "authorId" | "version">): Promise<string[]> {
  const rows = await tx
    .select({ userId: memberships.userId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organisationId, d.trustId),
        eq(memberships.role, ROLE.boardMember),
        isNull(users.disabledAt),
        sql`${memberships.userId} <> ${d.authorId}`,
        sql`not exists (select 1 from ${positions} p where p.decision_id = ${d.id} and p.decision_version = ${d.version} and p.member_id = ${memberships.userId})`,
      ),
    );
  return rows.map((r) => r.userId);
}

/** The trust's Chief Executives, and its Chair when `withChair`. */
export async function chiefExecutivesAndChair(tx: DbOrTx, trustId: string, withChair: boolean): Promise<string[]> {
  const rows = await executeRows<{ user_id: string }>(
    tx,
    sql`select distinct m.user_id from ${memberships} m join ${users} u on u.id = m.user_id
        where m.organisation_id = ${trustId} and u.disabled_at is null
          and (m.role = ${ROLE.chiefExecutive} or (${withChair} and m.role = ${ROLE.boardMember} and m.seat = 'chair'))`,
  );
  return rows.map((r) => r.user_id);
}

/** Everyone who recorded a position on the decision, on any version. */
export async function positionHolders(tx: DbOrTx, decisionId: string): Promise<string[]> {
  const rows = await tx.selectDistinct({ memberId: positions.memberId }).from(positions).where(eq(positions.decisionId, decisionId));
  return rows.map((r) => r.memberId);
}
