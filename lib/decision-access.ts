import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { decisionVersions, decisions, organisations, type Decision } from "@/db/schema";
import { canReadDecision, orgIdsWithRole, type Actor } from "./access";
import { AppError } from "./errors";

export type DecisionWithTrust = {
  decision: Decision;
  trust: { id: string; name: string; ods: string; icsId: string | null; minSupport: number; chairRequired: boolean };
};

/**
 * Loads a decision the actor may read, or throws not-found (never a hint that it exists). With
 * `lock`, the decision row is locked (`select … for update`) until the transaction ends: every write
 * that changes a decision's sign-off or status takes it first, so concurrent writes serialise.
 */
export async function loadReadableDecision(tx: DbOrTx, actor: Actor, decisionId: string, opts: { lock?: boolean } = {}): Promise<DecisionWithTrust> {
  if (!/^[0-9a-f-]{36}$/i.test(decisionId)) throw new AppError("not_found", "Decision not found");
  const q = tx.select().from(decisions).where(eq(decisions.id, decisionId));
  const [decision] = opts.lock ? await q.for("update") : await q;
  if (!decision) throw new AppError("not_found", "Decision not found");
  const [trust] = await tx
    .select({
      id: organisations.id,
      name: organisations.name,
      ods: organisations.ods,
      icsId: organisations.icsId,
      minSupport: organisations.signOffMinSupport,
      chairRequired: organisations.signOffChairRequired,
    })
    .from(organisations)
    .where(eq(organisations.id, decision.trustId));
  if (!canReadDecision(actor, decision, trust.icsId)) throw new AppError("not_found", "Decision not found");
  return { decision, trust };
}

/** What of a decision's history a reader may see: every version, and every moment, or only the shared ones. */
export type SharedHistory = {
  /** Whether the reader may see this version and what was bound to it (positions). */
  version: (n: number) => boolean;
  /** Whether the reader may see what happened at this time (comments, timeline events). */
  at: (t: Date) => boolean;
};

const EVERYTHING: SharedHistory = { version: () => true, at: () => true };

/**
 * The trust's Chief Executive and board see a decision's whole history. Someone who reads it only
 * because it is now shared with the ICS sees the versions that were shared, and what happened while
 * a shared version was current; a version for the trust board only, the positions on it (objections
 * in a private session among them), and the comments and events of its time stay with the board.
 * Events before the first version belong to it.
 */
export async function sharedHistory(db: DbOrTx, actor: Actor, decision: Pick<Decision, "id" | "trustId">): Promise<SharedHistory> {
  if (orgIdsWithRole(actor, "chief_executive", "board_member").includes(decision.trustId)) return EVERYTHING;
  const rows = await db
    .select({ version: decisionVersions.version, createdAt: decisionVersions.createdAt, visibility: sql<string>`${decisionVersions.content}->>'visibility'` })
    .from(decisionVersions)
    .where(eq(decisionVersions.decisionId, decision.id))
    .orderBy(asc(decisionVersions.version));
  const shared = new Set(rows.filter((r) => r.visibility === "system").map((r) => r.version));
  return {
    version: (n) => shared.has(n),
    at: (t) => {
      let current = rows[0];
      for (const r of rows) if (r.createdAt.getTime() <= t.getTime()) current = r;
      return !!current && shared.has(current.version);
    },
  };
}
