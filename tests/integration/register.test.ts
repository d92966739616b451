import { describe, expect, it } from "vitest";
import { createDecision, listRegister, submitDecision, withdrawDecision } from "@/lib/decisions";
import { registerFiltersFromSearchParams, registerHref } from "@/lib/decisions/register-filters";
import { AppError } from "@/lib/errors";
import { makeTrust, makeTrustWithBoard, makeUser } from "../support/factories";
import { decisionInput } from "../support/decisions";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

async function seed() {
  const a = await makeTrustWithBoard(t.db);
  const ce2 = await makeUser(t.db, [{ organisationId: a.trust.id, role: "chief_executive" }], { name: "Zed Interim" });
  const specs = [
    { title: "Mental health crisis beds", rationale: "Social care delays in mental health", favoured: "system", category: "service", decidedOn: "2026-01-10", factors: ["population_outcomes"], visibility: "system" },
    { title: "Keep our elective income", rationale: "Financial recovery plan", favoured: "trust", category: "finance", decidedOn: "2026-03-05", factors: ["financial_stability"], visibility: "trust" },
    { title: "Pool the estates team", rationale: "Economies of scale across the ICS", favoured: "system", category: "estates", decidedOn: "2026-06-20", factors: ["economies_of_scale", "workforce"], visibility: "system" },
  ] as const;
  const ids: string[] = [];
  for (const s of specs) {
    const d = await createDecision(a.ce, decisionInput({ ...s, factors: [...s.factors] }));
    await submitDecision(a.ce, { id: d.id, baseRevision: d.revision });
    ids.push(d.id);
  }
  const byCe2 = await createDecision(ce2, decisionInput({ title: "Interim's workforce decision", category: "workforce", favoured: "trust", decidedOn: "2026-09-01", visibility: "trust" }));
  const s = await submitDecision(ce2, { id: byCe2.id, baseRevision: byCe2.revision });
  await withdrawDecision(ce2, { id: byCe2.id, baseRevision: s.revision, reason: "Superseded" });
  const draft = await createDecision(a.ce, decisionInput({ title: "Private draft about social care", decidedOn: "2026-10-01" }));
  return { a, ce2, ids, byCe2: byCe2.id, draft: draft.id };
}

describe("the register", () => {
  it("filters by favoured, status, category, dates, author, factor and text", async () => {
    const { a, ce2, byCe2 } = await seed();
    const titles = async (f: Parameters<typeof listRegister>[1]) => (await listRegister(a.chair, f)).rows.map((r) => r.title);
    expect(await titles({})).toEqual(["Interim's workforce decision", "Pool the estates team", "Keep our elective income", "Mental health crisis beds"]);
    expect(await titles({ favoured: "system" })).toEqual(["Pool the estates team", "Mental health crisis beds"]);
    expect(await titles({ status: ["withdrawn"] })).toEqual(["Interim's workforce decision"]);
    expect(await titles({ status: "withdrawn,awaiting_sign_off" as never })).toHaveLength(4);
    expect(await titles({ category: "finance" })).toEqual(["Keep our elective income"]);
    expect(await titles({ from: "2026-03-01", to: "2026-06-30" })).toEqual(["Pool the estates team", "Keep our elective income"]);
    expect(await titles({ author: ce2.userId })).toEqual(["Interim's workforce decision"]);
    expect(await titles({ factor: "workforce" })).toEqual(["Pool the estates team"]);
    expect(await titles({ q: "social care" })).toEqual(["Mental health crisis beds"]);
    expect(await titles({ q: "\"economies of scale\"" })).toEqual(["Pool the estates team"]);
    // The Chief Executive sees their own draft; the board does not.
    expect((await listRegister(a.ce, { q: "social care" })).rows.map((r) => r.title)).toEqual(["Private draft about social care", "Mental health crisis beds"]);
    expect(byCe2).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("sorts and pages with a total count", async () => {
    const { a } = await seed();
    const asc = await listRegister(a.chair, { sort: "title-asc", pageSize: 2 });
    expect(asc.total).toBe(4);
    expect(asc.pageCount).toBe(2);
    expect(asc.rows.map((r) => r.title)).toEqual(["Interim's workforce decision", "Keep our elective income"]);
    const p2 = await listRegister(a.chair, { sort: "title-asc", pageSize: 2, page: 2 });
    expect(p2.rows.map((r) => r.title)).toEqual(["Mental health crisis beds", "Pool the estates team"]);
    const oldest = await listRegister(a.chair, { sort: "decided-asc" });
    expect(oldest.rows[0].title).toBe("Mental health crisis beds");
    const byFavoured = await listRegister(a.chair, { sort: "favoured-desc" });
    expect(byFavoured.rows[0].favoured).toBe("trust");
  });

  it("gives an ICS lead the shared decisions, counts the confidential ones in SQL, and scopes by trust and ICS", async () => {
    const { a } = await seed();
    const sibling = await makeTrustWithBoard(t.db, { icsId: a.trust.icsId! });
    const sd = await createDecision(sibling.ce, decisionInput({ title: "Sibling's confidential", visibility: "trust" }));
    await submitDecision(sibling.ce, { id: sd.id, baseRevision: sd.revision });

    const all = await listRegister(a.icsLead, {});
    expect(all.rows.map((r) => r.title).sort()).toEqual(["Mental health crisis beds", "Pool the estates team"]);
    expect(all.hiddenCount).toBe(3); // two confidential of A (one withdrawn) + the sibling's
    const justA = await listRegister(a.icsLead, { trust: a.trust.ods });
    expect(justA.hiddenCount).toBe(2);
    const financeOnly = await listRegister(a.icsLead, { category: "finance" });
    expect(financeOnly.total).toBe(0);
    expect(financeOnly.hiddenCount).toBe(1);
    expect(a.trust.icsId).toEqual(expect.any(String));
    const acute = await listRegister(a.icsLead, { trustType: "acute" });
    expect(acute.total).toBe(2);
  });

  it("answers not found for a trust or ICS the actor may not see", async () => {
    const { a } = await seed();
    const stranger = await makeTrustWithBoard(t.db);
    for (const f of [{ trust: a.trust.ods }, { trust: "NOPE1" }]) {
      await expect(listRegister(stranger.ce, f)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "not_found");
      await expect(listRegister(stranger.icsLead, f)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "not_found");
    }
    const analyst = await makeUser(t.db, [{ organisationId: (await makeTrust(t.db)).id, role: "national_analyst" }]);
    await expect(listRegister(analyst, {})).rejects.toSatisfy((e) => e instanceof AppError && e.code === "not_found");
  });
});

describe("register URL parameters", () => {
  it("reads repeated and comma-separated status, drops what does not parse, and round-trips", () => {
    const sp = new URLSearchParams("trust=rna&status=signed_off&status=declined,reviewed&favoured=maybe&from=2026-13-01&page=2&sort=title-asc&sort=decided-desc");
    const { filters, ignored } = registerFiltersFromSearchParams(sp);
    expect(filters).toMatchObject({ trust: "RNA", status: ["signed_off", "declined", "reviewed"], page: 2, sort: "decided-desc" });
    expect(filters.favoured).toBeUndefined();
    expect(ignored.sort()).toEqual(["favoured", "from"]);
    expect(registerHref(filters)).toBe("/decisions?trust=RNA&status=signed_off&status=declined&status=reviewed&sort=decided-desc&page=2");
  });
});

describe("the count of decisions for trust boards only (issue 15, finding 4)", () => {
  it("is given for coarse filters only: never with an author, exact day, factor, beneficiary or outcome filter", async () => {
    const { a, ce2 } = await seed();
    // Coarse: quarter, side, category, trust, status.
    expect((await listRegister(a.icsLead, { from: "2026-01-01", to: "2026-03-31" })).hiddenCount).toBe(1);
    expect((await listRegister(a.icsLead, { favoured: "trust", category: "finance", trust: a.trust.ods, status: ["awaiting_sign_off"] })).hiddenCount).toBe(1);
    // Fine: each would single out the confidential "Keep our elective income" (5 March, financial stability) or ce2's.
    for (const fine of [
      { author: ce2.userId },
      { from: "2026-03-05", to: "2026-03-05" },
      { from: "2026-03-01" },
      { to: "2026-03-05" },
      { factor: "financial_stability" as const },
      { outcome: "assessed" as const },
      { due: "1" as const },
      { gave: "1" as const },
      { beneficiary: a.trust.ods },
      { q: "income" },
    ]) {
      expect((await listRegister(a.icsLead, fine)).hiddenCount, JSON.stringify(fine)).toBeNull();
    }
  });
});
