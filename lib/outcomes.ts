import "server-only";
import { and, asc, eq, getTableColumns, inArray, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/db/client";
import { aggregateDecisions, criterionOutcomes, decisions, organisations, successCriteria, users } from "@/db/schema";
import { assertCan, can, insiderTrustIds, type Actor } from "./access";
import { recordAudit } from "./audit";
import { todayInEngland } from "./clock";
import { LIMITS, OUTCOME_IDS, type OutcomeId } from "./decisions/taxonomy";
import { loadReadableDecision, readableDecision } from "./decisions/access";
import { isUuid } from "./decisions/schemas";
import { AppError } from "./errors";
import { nextStatus, refusalMessage, type DecisionStatus } from "./lifecycle";
import { formatDate, londonDate } from "./format";
import { reviewDueWhere } from "./review-due";
import { isoDate, parseInput, text } from "./validation";

export { londonDate };

// Wire names of POST /api/v1/criteria/{id}/outcomes.
export const RecordOutcomeSchema = z.object({
  outcome: z.enum(OUTCOME_IDS, { error: "Select met, partly met, not met or unknown" }),
  evidence: text("the evidence", LIMITS.evidence, { required: true }),
  assessedOn: isoDate("date assessed").optional(),
  /** The value actually measured, beside the criterion's target. */
  actualValue: z.preprocess((v) => v ?? "", text("the actual value measured", LIMITS.evidence)).optional().default(""),
  /** A link to a document holding the evidence (http or https). */
  evidenceUrl: z
    .preprocess(
      (v) => (typeof v === "string" ? v.trim() : (v ?? "")),
      z.union([z.literal(""), z.url({ protocol: /^https?$/, error: "Enter the evidence link as a web address starting https://" }).max(2000, { error: "The evidence link must be 2,000 characters or fewer" })]),
    )
    .optional()
    .default(""),
  /** An assessment before the criterion's judged-by date must be confirmed. */
  confirmEarly: z.preprocess((v) => v === true || v === "true" || v === "on" || v === "yes", z.boolean()).optional().default(false),
});
export type RecordOutcomeInput = z.input<typeof RecordOutcomeSchema>;

/**
 * The Chief Executive (or the Chair) records an assessment of one criterion of a signed-off decision
 * (or adds a newer one to a reviewed decision: history is kept, the latest counts). When every current
 * criterion has an assessment the decision becomes `reviewed`, in the same transaction.
 */
export async function recordOutcome(
  actor: Actor,
  input: { criterionId: string } & RecordOutcomeInput,
  opts: { now?: Date } = {},
): Promise<{ outcomeId: string; status: DecisionStatus; reviewed: boolean }> {
  const { criterionId, ...rest } = input;
  const data = parseInput(RecordOutcomeSchema, rest);
  const today = londonDate(opts.now ?? new Date());
  const assessedOn = data.assessedOn ?? today;
  if (assessedOn > today) {
    throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { assessedOn: "Date assessed must be today or in the past" } });
  }
  if (!isUuid(criterionId)) throw new AppError("not_found", "Success criterion not found");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [criterion] = await tx.select().from(successCriteria).where(eq(successCriteria.id, criterionId));
    if (!criterion) throw new AppError("not_found", "Success criterion not found");
    const { decision, trust } = await loadReadableDecision(tx, actor, criterion.decisionId, { lock: true });
    assertCan(actor, "outcome.record", { id: trust.id, icsId: trust.icsId }, { visible: true });
    const status = decision.status as DecisionStatus;
    if (status !== "signed_off" && status !== "reviewed") {
      throw new AppError("conflict", `Outcomes can be recorded only once a decision is signed off (this decision is ${status.replace(/_/g, " ")}).`);
    }
    if (criterion.removedAt) throw new AppError("conflict", "This criterion was removed by an amendment; it has no outcome to record.");
    if (criterion.judgedBy && assessedOn < criterion.judgedBy && !data.confirmEarly) {
      throw new AppError("invalid", "Some answers need correcting", {
        fieldErrors: {
          confirmEarly: `This is before the date you set to judge this criterion (${formatDate(criterion.judgedBy)}). Confirm that you are assessing it early`,
        },
      });
    }
    const [row] = await tx
      .insert(criterionOutcomes)
      .values({
        criterionId: criterion.id,
        decisionId: decision.id,
        outcome: data.outcome,
        evidence: data.evidence,
        actualValue: data.actualValue,
        evidenceUrl: data.evidenceUrl,
        assessedOn,
        assessedById: actor.userId,
      })
      .returning();
    await recordAudit(tx, actor, {
      organisationId: trust.id,
      action: "outcome.recorded",
      entityType: "criterion",
      entityId: criterion.id,
      after: { outcomeId: row.id, decisionId: decision.id, outcome: row.outcome, evidence: row.evidence, actualValue: row.actualValue, evidenceUrl: row.evidenceUrl, assessedOn, early: !!criterion.judgedBy && assessedOn < criterion.judgedBy },
    });
    let after: DecisionStatus = status;
    if (status === "signed_off") {
      const [{ missing }] = await tx
        .select({ missing: sql<number>`count(*)::int` })
        .from(successCriteria)
        .where(
          and(
            eq(successCriteria.decisionId, decision.id),
            isNull(successCriteria.removedAt),
            sql`not exists (select 1 from ${criterionOutcomes} o where o.criterion_id = ${successCriteria.id})`,
          ),
        );
      if (missing === 0) {
        const to = nextStatus(status, "all_assessed");
        if (!to) throw new AppError("conflict", refusalMessage(status, "all_assessed"));
        await tx
          .update(decisions)
          .set({ status: to, reviewedAt: new Date(), revision: sql`${decisions.revision} + 1`, updatedAt: new Date() })
          .where(eq(decisions.id, decision.id));
        await recordAudit(tx, actor, {
          organisationId: trust.id,
          action: "decision.reviewed",
          entityType: "decision",
          entityId: decision.id,
          before: { status, revision: decision.revision },
          after: { status: to, revision: decision.revision + 1 },
        });
        after = to;
      }
    }
    return { outcomeId: row.id, status: after, reviewed: after === "reviewed" && status === "signed_off" };
  });
}

export type CriterionWithOutcomes = {
  id: string;
  ordinal: number;
  statement: string;
  measure: string;
  baseline: string;
  target: string;
  judgedBy: string | null;
  /** A review is due (lib/review-due.ts). */
  due: boolean;
  /** Newest first; the first is the one that counts. */
  outcomes: { id: string; outcome: OutcomeId; evidence: string; actualValue: string; evidenceUrl: string; assessedOn: string; assessedBy: string; createdAt: Date }[];
};

/** The current criteria of a decision with their assessments, for the outcomes panel. */
export async function getOutcomesPanel(actor: Actor, decisionId: string, opts: { now?: Date } = {}) {
  const db = await getDb();
  const { decision, trust } = await readableDecision(actor, decisionId);
  const today = todayInEngland(opts.now);
  type OutcomeRow = CriterionWithOutcomes["outcomes"][number];
  // Each criterion with its assessments (newest first) in one statement (statements per page, issue 16).
  const criteria = await db
    .select({
      ...getTableColumns(successCriteria),
      due: sql<boolean>`${reviewDueWhere({ criterion: "success_criteria", status: decisions.status }, opts)}`,
      outcomes: sql<OutcomeRow[] | string>`coalesce((select json_agg(json_build_object('id', o.id, 'outcome', o.outcome, 'evidence', o.evidence,
          'actualValue', o.actual_value, 'evidenceUrl', o.evidence_url, 'assessedOn', o.assessed_on, 'assessedBy', u.name, 'createdAt', o.created_at)
          order by o.created_at desc, o.id desc)
        from ${criterionOutcomes} o join ${users} u on u.id = o.assessed_by_id
        where o.criterion_id = ${successCriteria.id} and o.decision_id = ${decision.id}), '[]'::json)`,
    })
    .from(successCriteria)
    .innerJoin(decisions, eq(decisions.id, successCriteria.decisionId))
    .where(and(eq(successCriteria.decisionId, decision.id), isNull(successCriteria.removedAt)))
    .orderBy(asc(successCriteria.ordinal), asc(successCriteria.createdAt));
  const status = decision.status as DecisionStatus;
  const signedOff = status === "signed_off" || status === "reviewed";
  const list: CriterionWithOutcomes[] = criteria.map((c) => {
    const outcomes = (typeof c.outcomes === "string" ? (JSON.parse(c.outcomes) as OutcomeRow[]) : c.outcomes).map((o) => ({ ...o, createdAt: new Date(o.createdAt) }));
    return {
      id: c.id,
      ordinal: c.ordinal,
      statement: c.statement,
      measure: c.measure,
      baseline: c.baseline,
      target: c.target,
      judgedBy: c.judgedBy,
      due: c.due,
      outcomes,
    };
  });
  return {
    decision: { id: decision.id, status, version: decision.version },
    criteria: list,
    today,
    canRecord: signedOff && can(actor, "outcome.record", { id: trust.id, icsId: trust.icsId }),
  };
}

export type DueReview = {
  criterionId: string;
  statement: string;
  judgedBy: string;
  decisionId: string;
  decisionTitle: string;
  /** The decision's status; with Chair's action (issue 14) its ratification, for the same words as the register. */
  status: (typeof decisions.$inferSelect)["status"];
  ratification: (typeof decisions.$inferSelect)["ratification"];
  trustName: string;
};

function dueWhere(trustIds: string[], opts: { now?: Date }) {
  return and(inArray(decisions.trustId, trustIds), reviewDueWhere({ criterion: "success_criteria", status: decisions.status }, opts));
}

/**
 * The kept per-decision rows (aggregate_decisions, exact at every commit) of the trusts' signed-off
 * decisions with a criterion due: `pending_due` holds the judged-by dates of each one's live criteria
 * with no outcome, the same criteria as reviewDueWhere. An indexed read of the trusts' kept rows, never
 * a walk of every criterion (at 1,000,000 decisions the planner's walk of the judged-by index for the
 * inbox's first 50 took over a second).
 */
function keptDue(trustIds: string[], opts: { now?: Date }) {
  return and(
    inArray(aggregateDecisions.trustId, trustIds),
    eq(aggregateDecisions.status, "signed_off"),
    // pending_due is in date order, so its first date says whether any is due (as the sign-off panel reads it).
    sql`${aggregateDecisions.pendingDue}[1] < ${todayInEngland(opts.now)}::date`,
  );
}

/**
 * Criteria due for review at the actor's trusts (lib/review-due.ts, today in England at `now`).
 */
export async function listDueReviews(actor: Actor, opts: { now?: Date; db?: DbOrTx; limit?: number } = {}): Promise<DueReview[]> {
  const trustIds = insiderTrustIds(actor);
  if (!trustIds.length) return [];
  const db = opts.db ?? (await getDb());
  // The decisions with a review due, from their kept rows, then their criteria (checked again on the
  // base tables: the list shows exactly what reviewDueWhere selects). Only the decisions whose first due
  // date is at most the limit-th smallest such date can hold the first `limit` criteria by date (each has
  // a criterion of its first date, and every other decision's are later), ties included: at 1,000,000
  // decisions a trust had 1,410 decisions with a review due and reading all their criteria took 60–90 ms.
  const limit = opts.limit ?? 200;
  const nth = db
    .select({ first: sql`${aggregateDecisions.pendingDue}[1]` })
    .from(aggregateDecisions)
    .where(keptDue(trustIds, opts))
    .orderBy(sql`${aggregateDecisions.pendingDue}[1]`)
    .offset(limit - 1)
    .limit(1);
  const due = db
    .select({ id: aggregateDecisions.decisionId })
    .from(aggregateDecisions)
    .where(and(keptDue(trustIds, opts), sql`${aggregateDecisions.pendingDue}[1] <= coalesce((${nth}), 'infinity'::date)`));
  return db
    .select({
      criterionId: successCriteria.id,
      statement: successCriteria.statement,
      judgedBy: sql<string>`${successCriteria.judgedBy}`,
      decisionId: decisions.id,
      decisionTitle: decisions.title,
      status: decisions.status,
      ratification: decisions.ratification,
      trustName: organisations.name,
    })
    .from(successCriteria)
    .innerJoin(decisions, eq(decisions.id, successCriteria.decisionId))
    .innerJoin(organisations, eq(organisations.id, decisions.trustId))
    .where(and(dueWhere(trustIds, opts), inArray(successCriteria.decisionId, due)))
    .orderBy(asc(successCriteria.judgedBy), asc(decisions.title))
    .limit(limit);
}

/** How many criteria listDueReviews would list without its limit (the inbox's "Reviews due" and its badge share it). */
export async function countDueReviews(actor: Actor, opts: { now?: Date; db?: DbOrTx } = {}): Promise<number> {
  const trustIds = insiderTrustIds(actor);
  if (!trustIds.length) return 0;
  const db = opts.db ?? (await getDb());
  const [row] = await dueReviewsCount(db, trustIds, opts);
  return row.n;
}

/**
 * The count countDueReviews sends, to send on its own or as a subquery of a wider read (the inbox
 * counts, on every page): the due dates in the trusts' kept rows (keptDue), no criterion read.
 */
export function dueReviewsCount(db: DbOrTx, trustIds: string[], opts: { now?: Date } = {}) {
  return db
    .select({ n: sql<number>`coalesce(sum((select count(*) from unnest(${aggregateDecisions.pendingDue}) p where p < ${todayInEngland(opts.now)})), 0)::int` })
    .from(aggregateDecisions)
    .where(and(inArray(aggregateDecisions.trustId, trustIds), eq(aggregateDecisions.status, "signed_off")));
}

/** How many decisions have a review due at the trusts where the actor records outcomes (cheap: one count). */
export async function countDecisionsWithDueReviews(actor: Actor, opts: { now?: Date; db?: DbOrTx } = {}): Promise<number> {
  const trustIds = [...new Set(actor.memberships.filter((m) => can(actor, "outcome.record", { id: m.organisationId })).map((m) => m.organisationId))];
  if (!trustIds.length) return 0;
  const db = opts.db ?? (await getDb());
  // The kept rows of the trusts' signed-off decisions (keptDue): one indexed read, no criterion.
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(aggregateDecisions).where(keptDue(trustIds, opts));
  return row.n;
}
