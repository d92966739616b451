// Stand-in for the decision-record lib (issue 3) until merge: inserts a submitted decision exactly as
// submit would leave it (status awaiting_sign_off, version 1, a decision_versions row whose hash comes
// from hashVersionContent). The lead switches these to createDecision/submitDecision/amend at merge.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database, DbOrTx } from "@/db/client";
import { decisionFactors, decisions, decisionVersions, organisations, successCriteria } from "@/db/schema";
import type { Actor } from "@/lib/access";
import { hashVersionContent, type VersionContent } from "@/lib/decisions/content";

export type FixtureCriterion = { statement: string; measure?: string; baseline?: string; target?: string; judgedBy?: string | null };

async function freeze(db: DbOrTx, decisionId: string, version: number, createdById: string) {
  const [d] = await db.select().from(decisions).where(eq(decisions.id, decisionId));
  const [trust] = await db.select().from(organisations).where(eq(organisations.id, d.trustId));
  const crit = await db
    .select()
    .from(successCriteria)
    .where(and(eq(successCriteria.decisionId, decisionId), isNull(successCriteria.removedAt)))
    .orderBy(asc(successCriteria.ordinal));
  const factors = await db.select().from(decisionFactors).where(eq(decisionFactors.decisionId, decisionId));
  const content: VersionContent = {
    schema: "fulcrum.decision-version/1",
    decisionId,
    version,
    trust: { ods: trust.ods, name: trust.name },
    title: d.title,
    summary: d.summary,
    context: { financialPosition: d.contextFinancialPosition, financialAmountM: d.contextFinancialAmountM, regulatorRating: d.contextRegulatorRating, notes: d.contextNotes },
    options: d.options,
    rationale: d.rationale,
    favoured: d.favoured ?? "system",
    category: d.category ?? "service",
    factors: factors.map((f) => f.factor),
    impactOnTrust: { amountK: d.impactTrustK, text: d.impactTrustText },
    impactOnSystem: { amountK: d.impactSystemK, text: d.impactSystemText },
    organisations: [],
    decidedOn: d.decidedOn,
    visibility: d.visibility,
    criteria: crit.map((c) => ({ id: c.id, ordinal: c.ordinal, statement: c.statement, measure: c.measure, baseline: c.baseline, target: c.target, judgedBy: c.judgedBy })),
  };
  const contentHash = hashVersionContent(content);
  await db.insert(decisionVersions).values({ decisionId, version, content, contentHash, createdById });
  return contentHash;
}

/** A decision awaiting sign-off at version 1, with its criteria, factors and frozen version row. */
export async function makeSubmittedDecision(
  db: Database,
  opts: {
    trust: { id: string };
    author: Actor;
    title?: string;
    criteria?: FixtureCriterion[];
    favoured?: "system" | "trust";
    visibility?: "trust" | "system";
  },
) {
  return db.transaction(async (tx) => {
    const [d] = await tx
      .insert(decisions)
      .values({
        trustId: opts.trust.id,
        authorId: opts.author.userId,
        title: opts.title ?? "Take 400 elective patients from a neighbouring trust",
        summary: "Share the elective recovery load across the system.",
        rationale: "The system's longest waiters are at our neighbour; we have theatre capacity.",
        options: "Do nothing; take 200; take 400.",
        favoured: opts.favoured ?? "system",
        category: "capacity",
        impactTrustK: -250,
        impactSystemK: 900,
        decidedOn: "2026-10-01",
        visibility: opts.visibility ?? "trust",
        status: "awaiting_sign_off",
        version: 1,
        submittedAt: new Date(),
      })
      .returning();
    const criteria = opts.criteria ?? [{ statement: "Waiting list over 52 weeks falls by 300", measure: "52-week waiters", baseline: "800", target: "500", judgedBy: "2027-03-31" }];
    for (const [i, c] of criteria.entries()) {
      await tx.insert(successCriteria).values({ decisionId: d.id, ordinal: i, statement: c.statement, measure: c.measure ?? "", baseline: c.baseline ?? "", target: c.target ?? "", judgedBy: c.judgedBy ?? null });
    }
    await tx.insert(decisionFactors).values([{ decisionId: d.id, factor: "population_outcomes" }, { decisionId: d.id, factor: "relationships_reciprocity" }]);
    const contentHash = await freeze(tx, d.id, 1, opts.author.userId);
    await tx.update(decisions).set({ contentHash }).where(eq(decisions.id, d.id));
    const [row] = await tx.select().from(decisions).where(eq(decisions.id, d.id));
    return row;
  });
}

/** An amendment: version N+1 (the summary changes), hash recomputed, revision bumped; sign-off re-opens. */
export async function amendFixture(db: Database, decisionId: string) {
  return db.transaction(async (tx) => {
    const [d] = await tx.select().from(decisions).where(eq(decisions.id, decisionId)).for("update");
    const version = d.version + 1;
    await tx.update(decisions).set({ summary: `${d.summary} (amended for version ${version})` }).where(eq(decisions.id, decisionId));
    const contentHash = await freeze(tx, decisionId, version, d.authorId);
    await tx
      .update(decisions)
      .set({ version, contentHash, status: "awaiting_sign_off", revision: sql`${decisions.revision} + 1`, updatedAt: new Date() })
      .where(eq(decisions.id, decisionId));
    const [row] = await tx.select().from(decisions).where(eq(decisions.id, decisionId));
    return row;
  });
}
