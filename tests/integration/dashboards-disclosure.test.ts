// What the ICS and national aggregates must never give away (issue 15, findings 1 and 3):
// - an ICS lead never sees the £ amount or the giver→receiver flow of a decision visible to its
//   trust's board only, whatever the filters, in any panel or API answer (counts may include it);
// - national rows come in a fixed label order, never ordered by their counts (API `groups` too).
import { describe, expect, it } from "vitest";
import { apiGetDecision, apiListDecisions } from "@/lib/api/decisions";
import { apiBalance } from "@/lib/api/stats";
import { BalanceQuery, ListQuery } from "@/lib/api/schemas";
import {
  getBalancePanel,
  getDashboardContext,
  getFactorsPanel,
  getOutcomesBySidePanel,
  getReciprocityPanel,
  getRegisterPanel,
  getSignOffSummaryPanel,
  getWordPairsPanel,
  type DashboardView,
} from "@/lib/dashboards";
import { CATEGORIES, FACTORS, TRUST_TYPES, type DashboardFilters } from "@/lib/dashboards/filters";
import { createDecision, submitDecision } from "@/lib/decisions";
import { useTestDatabase } from "../support/db";
import { makeIcs, makeNational, makeTrust, makeUser } from "../support/factories";
import { decisionInput } from "../support/decisions";

const t = useTestDatabase();
const SECRET_K = 987_654;

async function submitted(ce: Awaited<ReturnType<typeof makeUser>>, over: Parameters<typeof decisionInput>[0]) {
  const c = await createDecision(ce, decisionInput(over));
  await submitDecision(ce, { id: c.id, baseRevision: c.revision });
  return c.id;
}

describe("ICS lead: reciprocity amounts and flows only from decisions shared with the system", () => {
  it("never shows a confidential decision's £ or its flow, however filtered; counts still include it", async () => {
    const ics = await makeIcs(t.db);
    const [A, B, C] = [await makeTrust(t.db, { icsId: ics.id, trustType: "acute" }), await makeTrust(t.db, { icsId: ics.id, trustType: "community" }), await makeTrust(t.db, { icsId: ics.id, trustType: "acute" })];
    const ceA = await makeUser(t.db, [{ organisationId: A.id, role: "chief_executive" }]);
    const lead = await makeUser(t.db, [{ organisationId: ics.id, role: "ics_lead" }]);
    const secretId = await submitted(ceA, { visibility: "trust", category: "estates", favoured: "trust", organisations: [{ ods: B.ods, role: "benefits", amountK: SECRET_K }] } as never);
    await submitted(ceA, { visibility: "system", category: "finance", organisations: [{ ods: C.ods, role: "benefits", amountK: 111 }] } as never);

    const view: DashboardView = { kind: "ics", ods: ics.ods };
    const r = await getReciprocityPanel(lead, view, {});
    const byOds = Object.fromEntries(r.trusts.map((x) => [x.trustOds, x]));
    expect(byOds[A.ods]).toMatchObject({ gaveDecisions: 2, gaveK: 111 });
    expect(byOds[B.ods]).toMatchObject({ receivedDecisions: 1, receivedK: null });
    expect(r.flows.map((f) => `${f.fromOds}>${f.toOds}:${f.amountK}`)).toEqual([`${A.ods}>${C.ods}:111`]);

    const filters: DashboardFilters[] = [
      {}, { trust: A.ods }, { trust: B.ods }, { category: "estates" }, { favoured: "trust" }, { status: "awaiting_sign_off" },
      { trustType: "acute" }, { trustType: "community" }, { from: "2026-Q3", to: "2026-Q3" }, { trust: A.ods, category: "estates", favoured: "trust" },
    ];
    // The amount as a number (987654, £987.6m, 988), not digits inside an id: a uuid's hex could hold "988".
    const secret = new RegExp(`(?<![0-9a-f])(${SECRET_K}|987\\.?6|988)(?![0-9a-f])`);
    for (const f of filters) {
      const answers = await Promise.all([
        getReciprocityPanel(lead, view, f), getBalancePanel(lead, view, f), getOutcomesBySidePanel(lead, view, f), getFactorsPanel(lead, view, f),
        getWordPairsPanel(lead, view, f), getSignOffSummaryPanel(lead, view, f), getRegisterPanel(lead, view, f),
      ]);
      const json = JSON.stringify(answers);
      expect(json, JSON.stringify(f)).not.toMatch(secret);
      const flows = (answers[0] as Awaited<ReturnType<typeof getReciprocityPanel>>).flows;
      expect(flows.some((x) => x.fromOds === A.ods && x.toOds === B.ods), JSON.stringify(f)).toBe(false);
    }
    expect(JSON.stringify(await getDashboardContext(lead, view))).not.toMatch(secret);
    // The API: the register and statistics, however filtered, and the decision itself.
    for (const q of [{}, { ics: ics.ods }, { trust: A.ods }, { category: "estates" }, { favoured: "trust" }, { beneficiary: B.ods }, { gave: "1" }]) {
      expect(JSON.stringify(await apiListDecisions(lead, ListQuery.parse(q))), JSON.stringify(q)).not.toMatch(secret);
    }
    for (const q of [{}, { trust: A.ods }, { category: "estates", groupBy: "trust" }, { groupBy: "author" }, { favoured: "trust", groupBy: "quarter" }]) {
      expect(JSON.stringify(await apiBalance(lead, BalanceQuery.parse({ ics: ics.ods, ...q }))), JSON.stringify(q)).not.toMatch(secret);
    }
    await expect(apiGetDecision(lead, secretId)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("national view: rows in a fixed label order, never by counts", () => {
  it("orders trust types, categories, ICSs and factors by label order, in the panels and the API's groups", async () => {
    const ics = await makeIcs(t.db);
    const national = await makeNational(t.db);
    const analyst = await makeUser(t.db, [{ organisationId: national.id, role: "national_analyst" }]);
    // Counts chosen so that ordering by count would differ from the label order: the last labels most.
    const plan: { type: (typeof TRUST_TYPES)[number]; n: number }[] = [
      { type: "acute", n: 1 }, { type: "mental_health", n: 2 }, { type: "community", n: 4 },
    ];
    const cats = ["governance", "capacity", "estates", "finance"] as const;
    let k = 0;
    for (const p of plan) {
      const trust = await makeTrust(t.db, { icsId: ics.id, trustType: p.type });
      const ce = await makeUser(t.db, [{ organisationId: trust.id, role: "chief_executive" }]);
      for (let i = 0; i < p.n; i++) {
        await submitted(ce, { category: cats[k % cats.length], factors: k % 2 ? ["workforce"] : ["workforce", "board_risk_appetite"] } as never);
        k++;
      }
    }
    const view: DashboardView = { kind: "national" };
    const b = await getBalancePanel(analyst, view, { ics: ics.ods });
    expect(b.tooFewTrusts).toBeUndefined();
    const inOrder = <T,>(order: readonly T[], got: T[]) => expect(got).toEqual(order.filter((x) => got.includes(x)));
    inOrder(TRUST_TYPES, b.byTrustType.map((r) => r.trustType));
    inOrder(CATEGORIES, b.byCategory.map((r) => r.category));
    expect(b.byCategory.length).toBeGreaterThan(1);
    const f = await getFactorsPanel(analyst, view, { ics: ics.ods });
    expect(f.rows.map((r) => r.factor)).toEqual([...FACTORS]);
    const api = await apiBalance(analyst, BalanceQuery.parse({ ics: ics.ods, groupBy: "category" }));
    inOrder(CATEGORIES as readonly string[], api.groups.map((g) => g.key));
    const byType = await apiBalance(analyst, BalanceQuery.parse({ ics: ics.ods, groupBy: "trust_type" }));
    inOrder(TRUST_TYPES as readonly string[], byType.groups.map((g) => g.key));
    // ICS rows by name.
    const all = await getBalancePanel(analyst, view, {});
    const names = (all.byIcs ?? []).map((r) => r.icsName);
    expect(names).toEqual([...names].sort((x, y) => x.localeCompare(y, "en-GB")));
  });
});
