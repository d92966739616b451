import { describe, expect, it } from "vitest";
import { getFactorsPanel, type DashboardView } from "@/lib/dashboards";
import { createDecision, submitDecision } from "@/lib/decisions";
import { decisionInput } from "../support/decisions";
import { makeIcs, makeNational, makeTrust, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/db";

// Issue 10 item 13: in "Local context and demand" the national view showed Chief Executives 3 / fewer
// than 3 / 5, which gives the hidden 2 away (the total is the union of the sides). Five trusts of one ICS,
// one Chief Executive each, one decision each citing the factor: three favour the system, two the trust.

const t = useTestDatabase();
const national: DashboardView = { kind: "national" };

describe("national factors: Chief Executives by side", () => {
  it("hides the total that would pin a suppressed side", async () => {
    const ics = await makeIcs(t.db);
    const analyst = await makeUser(t.db, [{ organisationId: (await makeNational(t.db)).id, role: "national_analyst" }]);
    for (const favoured of ["system", "system", "system", "trust", "trust"] as const) {
      const trust = await makeTrust(t.db, { icsId: ics.id });
      const ce = await makeUser(t.db, [{ organisationId: trust.id, role: "chief_executive" }]);
      const d = await createDecision(ce, decisionInput({ favoured, factors: ["local_context_demand"] }));
      await submitDecision(ce, { id: d.id, baseRevision: d.revision });
    }
    const f = await getFactorsPanel(analyst, national, { ics: ics.ods });
    const row = f.rows.find((r) => r.factor === "local_context_demand")!;
    expect(row.chiefExecutives.system).toBe(3);
    expect(row.chiefExecutives.trust).toEqual({ suppressed: true });
    // Not 5: with 3 shown, 5 in all would mean the hidden side is 2.
    expect(row.chiefExecutives.total).toEqual({ suppressed: true, secondary: true });
    expect(row.decisions).toEqual({ system: 3, trust: { suppressed: true }, total: { suppressed: true, secondary: true } });
  });
});
