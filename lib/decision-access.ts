import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { decisions, organisations, type Decision } from "@/db/schema";
import { canReadDecision, type Actor } from "./access";
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
