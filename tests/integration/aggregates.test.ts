// Kept aggregates (issue 16): after any sequence of writes — through every lib write function, raw
// SQL, and (on PostgreSQL) concurrent transactions — the kept tables equal a from-scratch recount.
// Also: the rebuild, and what the aggregates must never show (issue 15, findings 1 and 3).
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { decisions, successCriteria } from "@/db/schema";
import { executeRows } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { createDecision, getDecisionVersion, submitDecision, updateDecision, withdrawDecision } from "@/lib/decisions";
import { declineDecision, recordPosition } from "@/lib/sign-off";
import { recordOutcome } from "@/lib/outcomes";
import { checkAggregates, rebuildAggregates } from "@/lib/dashboards/aggregates";
import { engineName, useTestDatabase } from "../support/db";
import { makeNational, makeTrustWithBoard, makeUser } from "../support/factories";
import { getBalancePanel, getOutcomesBySidePanel } from "@/lib/dashboards";
import { decisionInput } from "../support/decisions";

const t = useTestDatabase();

/** A small seeded generator, so a failing sequence can be replayed from its seed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = s;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const FACTORS = ["population_outcomes", "financial_stability", "regulatory_standing", "workforce", "economies_of_scale"] as const;
const CATEGORIES = ["finance", "service", "estates", "workforce"] as const;
const DATES = ["2024-05-01", "2025-01-15", "2025-04-01", "2025-07-20", "2026-02-10", null];
const OUTCOMES = ["met", "partly_met", "not_met", "unknown"] as const;

type Board = Awaited<ReturnType<typeof makeTrustWithBoard>>;

/** One random write; refusals (a transition that is not allowed now) are part of the game. */
async function randomWrite(rand: () => number, boards: Board[], ids: string[]): Promise<string> {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const b = pick(boards);
  const op = ids.length < 3 ? 0 : Math.floor(rand() * 9);
  const id = pick(ids);
  const row = async () => (await t.db.select().from(decisions).where(eq(decisions.id, id)))[0];
  try {
    switch (op) {
      case 0:
      case 1: {
        const factors = FACTORS.filter(() => rand() < 0.4);
        const created = await createDecision(
          b.ce,
          decisionInput({
            favoured: rand() < 0.6 ? "system" : "trust",
            category: pick(CATEGORIES),
            factors: factors.length ? [...factors] : ["workforce"],
            visibility: rand() < 0.5 ? "system" : "trust",
            decidedOn: pick(DATES) ?? undefined,
            criteria: [
              { statement: "Waits fall", measure: "Weeks", baseline: "10", target: "8", judgedBy: "2025-01-31" },
              { statement: "Costs hold", measure: "£k", baseline: "0", target: "0", judgedBy: "2027-06-30" },
            ],
          } as never),
        );
        ids.push(created.id);
        if (rand() < 0.7) await submitDecision(b.ce, { id: created.id, baseRevision: created.revision });
        return "create";
      }
      case 2: {
        const d = await row();
        const ce = boards.find((x) => x.trust.id === d.trustId)!.ce;
        if (d.status === "draft") {
          await submitDecision(ce, { id, baseRevision: d.revision });
          return "submit";
        }
        const { content } = await getDecisionVersion(ce, id, d.version);
        await updateDecision(ce, {
          id, baseRevision: d.revision, title: content.title, summary: `${content.summary} Amended ${Math.floor(rand() * 1e6)}.`,
          context: content.context, options: content.options, rationale: content.rationale,
          favoured: rand() < 0.5 ? "system" : "trust", category: pick(CATEGORIES),
          factors: [pick(FACTORS)], impactOnTrust: content.impactOnTrust, impactOnSystem: content.impactOnSystem,
          organisations: [], decidedOn: pick(DATES.filter(Boolean)), visibility: content.visibility,
          criteria: content.criteria.map((c) => ({ id: c.id, statement: c.statement, measure: c.measure, baseline: c.baseline, target: c.target, judgedBy: c.judgedBy })),
        } as never);
        return "amend";
      }
      case 3: {
        const d = await row();
        const ce = boards.find((x) => x.trust.id === d.trustId)!.ce;
        await withdrawDecision(ce, { id, baseRevision: d.revision, reason: "No longer needed" });
        return "withdraw";
      }
      case 4:
      case 5: {
        const d = await row();
        const bd = boards.find((x) => x.trust.id === d.trustId)!;
        const member = pick([bd.chair, bd.ned1, bd.ned2, bd.exec]);
        await recordPosition(member, { decisionId: id, position: rand() < 0.85 ? "support" : "object", forum: "public_board", version: d.version });
        return "position";
      }
      case 6: {
        const d = await row();
        const bd = boards.find((x) => x.trust.id === d.trustId)!;
        await declineDecision(bd.chair, { decisionId: id, reason: "Not now", version: d.version });
        return "decline";
      }
      case 7: {
        const d = await row();
        const bd = boards.find((x) => x.trust.id === d.trustId)!;
        const crit = await t.db.select().from(successCriteria).where(eq(successCriteria.decisionId, id));
        if (!crit.length) return "none";
        await recordOutcome(bd.ce, { criterionId: pick(crit).id, outcome: pick(OUTCOMES), evidence: "Board report" });
        return "outcome";
      }
      default: {
        // A write that no lib function makes: raw SQL still keeps the aggregates exact.
        await t.db.execute(sql`update decisions set category = ${pick(CATEGORIES)}, decided_on = ${pick(DATES)} where id = ${id}`);
        return "raw";
      }
    }
  } catch (e) {
    if (isAppError(e)) return `refused:${e.code}`;
    throw e;
  }
}

async function world(n = 2) {
  const first = await makeTrustWithBoard(t.db);
  const boards = [first];
  for (let i = 1; i < n; i++) boards.push(await makeTrustWithBoard(t.db, { icsId: first.trust.icsId! }));
  return boards;
}

describe(`kept aggregates on ${engineName()}`, () => {
  it("equal a from-scratch recount after random sequences of every write", async () => {
    const boards = await world(2);
    const ids: string[] = [];
    for (const seed of [16, 1601]) {
      const rand = prng(seed);
      const done: string[] = [];
      for (let i = 0; i < 30; i++) done.push(await randomWrite(rand, boards, ids));
      // The sequence really wrote: decisions created, signed off or declined, and outcomes recorded.
      expect(done.filter((x) => !x.startsWith("refused")).length, done.join(" ")).toBeGreaterThan(10);
      expect(await checkAggregates(t.db), `seed ${seed}: ${done.join(" ")}`).toEqual([]);
    }
  });

  it.runIf(engineName() === "postgres")("equal the recount after concurrent writes (PostgreSQL)", async () => {
    const boards = await world(3);
    const ids: string[] = [];
    const rand = prng(7);
    for (let i = 0; i < 8; i++) await randomWrite(rand, boards, ids);
    for (let round = 0; round < 4; round++) {
      const results = await Promise.allSettled(Array.from({ length: 6 }, (_, k) => randomWrite(prng(round * 100 + k), boards, ids)));
      // A write may lose a race (stale revision, deadlock refused by the database): never a wrong figure.
      expect(results.filter((r) => r.status === "rejected" && !/deadlock|could not serialize/i.test(String(r.reason)))).toEqual([]);
      expect(await checkAggregates(t.db)).toEqual([]);
    }
  });

  it("national panels read from the roll-ups give the same figures as from the finer kept counts", async () => {
    const boards = await world(3);
    const ids: string[] = [];
    const rand = prng(99);
    for (let i = 0; i < 25; i++) await randomWrite(rand, boards, ids);
    const analyst = await makeUser(t.db, [{ organisationId: (await makeNational(t.db)).id, role: "national_analyst" }]);
    const view = { kind: "national" } as const;
    for (const f of [{}, { favoured: "trust" as const }, { status: "signed_off" as const }]) {
      const viaRollups = await getBalancePanel(analyst, view, f);
      expect(viaRollups.total.total, JSON.stringify(f)).not.toBeNull();
      expect(viaRollups).toEqual(await getBalancePanel(analyst, view, f, { rollups: false }));
      expect(await getOutcomesBySidePanel(analyst, view, f)).toEqual(await getOutcomesBySidePanel(analyst, view, f, { rollups: false }));
    }
  });

  it("the check reports a kept figure that differs, and the rebuild makes it exact again", async () => {
    const boards = await world(1);
    const ids: string[] = [];
    const rand = prng(42);
    for (let i = 0; i < 6; i++) await randomWrite(rand, boards, ids);
    const created = await createDecision(boards[0].ce, decisionInput());
    await submitDecision(boards[0].ce, { id: created.id, baseRevision: created.revision });
    await t.db.execute(sql`update aggregate_counts set decisions = decisions + 1 where trust_id = ${boards[0].trust.id}`);
    const diff = await checkAggregates(t.db);
    expect(diff.length).toBeGreaterThan(0);
    expect(diff[0].table).toBe("aggregate_counts");
    const rebuilt = await rebuildAggregates(t.db);
    expect(rebuilt.decisions).toBeGreaterThan(0);
    expect(await checkAggregates(t.db)).toEqual([]);
    // The national roll-ups too.
    await t.db.execute(sql`update aggregate_rollups set met = met + 1 where dim = 'trust' and key = ${boards[0].trust.id}`);
    const rollupDiff = await checkAggregates(t.db);
    expect(rollupDiff.map((d) => d.table)).toContain("aggregate_rollups");
    await rebuildAggregates(t.db);
    expect(await checkAggregates(t.db)).toEqual([]);
  });

  it("leave no decision marked dirty after commit", async () => {
    const [r] = await executeRows<{ n: number }>(t.db, sql`select count(*)::int as n from aggregate_dirty`);
    expect(r.n).toBe(0);
  });
});

