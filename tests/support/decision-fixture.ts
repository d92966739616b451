// Submitted decisions for sign-off and outcome tests, made through the real decision-record functions
// (createDecision, submitDecision, updateDecision), so what the tests sign off is what the app makes.
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { decisions } from "@/db/schema";
import type { Actor } from "@/lib/access";
import { loadActor } from "@/lib/actors";
import { createDecision, getDecisionVersion, submitDecision, updateDecision } from "@/lib/decisions";
import { decisionInput } from "./decisions";

export type FixtureCriterion = { statement: string; measure?: string; baseline?: string; target?: string; judgedBy?: string | null };

async function row(db: Database, id: string) {
  const [d] = await db.select().from(decisions).where(eq(decisions.id, id));
  return d;
}

/** A decision awaiting sign-off at version 1, with its criteria, factors and frozen version row. */
export async function makeSubmittedDecision(
  db: Database,
  opts: {
    trust: { id: string; ods?: string };
    author: Actor;
    title?: string;
    criteria?: FixtureCriterion[];
    favoured?: "system" | "trust";
    visibility?: "trust" | "system";
  },
) {
  const criteria = (opts.criteria ?? [{ statement: "Waiting list over 52 weeks falls by 300", measure: "52-week waiters", baseline: "800", target: "500", judgedBy: "2027-03-31" }]).map(
    (c) => ({ statement: c.statement, measure: c.measure ?? "As reported to the board", baseline: c.baseline ?? "", target: c.target ?? "As stated", judgedBy: c.judgedBy ?? "2027-03-31" }),
  );
  const created = await createDecision(
    opts.author,
    decisionInput({
      title: opts.title ?? "Take 400 elective patients from a neighbouring trust",
      favoured: opts.favoured ?? "system",
      visibility: opts.visibility ?? "trust",
      decidedOn: "2026-10-01",
      criteria: criteria as never,
    }),
  );
  await submitDecision(opts.author, { id: created.id, baseRevision: created.revision });
  return row(db, created.id);
}

/** An amendment through updateDecision: version N+1 (the summary changes); sign-off re-opens. */
export async function amendFixture(db: Database, decisionId: string) {
  const d = await row(db, decisionId);
  const author = await loadActor(db, d.authorId);
  if (!author) throw new Error("author not loadable");
  const { content } = await getDecisionVersion(author, decisionId, d.version);
  await updateDecision(author, {
    id: decisionId,
    baseRevision: d.revision,
    title: content.title,
    summary: `${content.summary} (amended for version ${d.version + 1})`,
    context: content.context,
    options: content.options,
    rationale: content.rationale,
    favoured: content.favoured,
    category: content.category,
    factors: content.factors,
    impactOnTrust: content.impactOnTrust,
    impactOnSystem: content.impactOnSystem,
    organisations: content.organisations.map((o) => ({ ods: o.ods, role: o.role, amountK: o.amountK })),
    decidedOn: content.decidedOn,
    visibility: content.visibility,
    criteria: content.criteria.map((c) => ({ id: c.id, statement: c.statement, measure: c.measure, baseline: c.baseline, target: c.target, judgedBy: c.judgedBy })),
  } as never);
  return row(db, decisionId);
}
