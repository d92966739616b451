// A small world with known answers for the dashboard tests. Rows are inserted directly (the same
// rows the decision, sign-off and outcome functions write), so every expected figure can be worked
// out by hand from the table below.
//
// ICS A: trusts T1 (acute, CE c1), T2 (mental health, CE c2), T3 (acute, CE c3). ICS B: T4 (community, CE c4).
//
// | id  | trust | side   | category    | status            | visibility | decided    | quarter | factors                                  |
// |-----|-------|--------|-------------|-------------------|------------|------------|---------|------------------------------------------|
// | d1  | T1    | system | finance     | signed_off        | system     | 2025-05-10 | 2025-Q1 | financial_stability, relationships_recip. |
// | d2  | T1    | trust  | service     | reviewed          | trust      | 2025-08-01 | 2025-Q2 | regulatory_standing                      |
// | d3  | T1    | system | finance     | awaiting_sign_off | system     | 2025-11-01 | 2025-Q3 | financial_stability                      |
// | d4  | T1    | system | finance     | draft             | system     | 2025-05-01 | —       | (never counted)                          |
// | d5  | T1    | system | finance     | withdrawn         | system     | 2025-05-02 | 2025-Q1 | (counted only when status=withdrawn)     |
// | d6  | T2    | system | capacity    | signed_off        | trust      | 2025-06-15 | 2025-Q1 | population_outcomes                      |
// | d7  | T2    | system | workforce   | declined          | system     | 2026-01-10 | 2025-Q4 | workforce                                |
// | d8  | T3    | trust  | estates     | signed_off        | system     | 2025-05-20 | 2025-Q1 | financial_stability                      |
// | d12 | T3    | system | service     | signed_off        | system     | 2025-09-01 | 2025-Q2 | population_outcomes, local_context_demand |
// | d9–d11 | T4 | system | finance     | signed_off        | system     | 2025-05-05 | 2025-Q1 | financial_stability                      |
//
// Benefits named (other organisations): d1→T2 £100k, d3→T3 £50k, d6→T1 £200k, d12→T1 £30k and T2 £20k;
// d2 names its own trust T1 (not a gift).
// Submission→sign-off days: d2 4, d12 6, d1 10, d6 20, d8 30 (median 10); d7 declined, never signed off.
// Criteria: k1 (d1) met; k2 (d1) judged 2025-09-30, no outcome → due; k3 (d2) met then not_met (latest);
// k4 (d6) met; k5 (d8) partly_met; k6 (d12) judged 2027-03-31, not yet due.
import { randomBytes } from "node:crypto";
import type { Database } from "@/db/client";
import { criterionOutcomes, decisionFactors, decisionOrganisations, decisions, successCriteria } from "@/db/schema";
import type { Actor } from "@/lib/access";
import { makeIcs, makeNational, makeTrust, makeUser } from "./factories";

type Spec = {
  key: string;
  trust: "T1" | "T2" | "T3" | "T4";
  favoured: "system" | "trust";
  category: "finance" | "service" | "capacity" | "workforce" | "estates";
  status: "draft" | "awaiting_sign_off" | "signed_off" | "declined" | "reviewed" | "withdrawn";
  visibility: "trust" | "system";
  decidedOn: string;
  factors: (typeof decisionFactors.$inferInsert)["factor"][];
  submitted?: string;
  signedOff?: string;
  summary: string;
  rationale: string;
};

export async function buildDashboardFixture(db: Database) {
  const tag = randomBytes(3).toString("hex").toUpperCase();
  const icsA = await makeIcs(db, { name: `Fixture ICS A ${tag}` });
  const icsB = await makeIcs(db, { name: `Fixture ICS B ${tag}` });
  const T1 = await makeTrust(db, { icsId: icsA.id, trustType: "acute", name: `Trust One ${tag}` });
  const T2 = await makeTrust(db, { icsId: icsA.id, trustType: "mental_health", name: `Trust Two ${tag}` });
  const T3 = await makeTrust(db, { icsId: icsA.id, trustType: "acute", name: `Trust Three ${tag}` });
  const T4 = await makeTrust(db, { icsId: icsB.id, trustType: "community", name: `Trust Four ${tag}` });
  const trusts = { T1, T2, T3, T4 };
  const c1 = await makeUser(db, [{ organisationId: T1.id, role: "chief_executive" }], { name: `CE One ${tag}` });
  const c2 = await makeUser(db, [{ organisationId: T2.id, role: "chief_executive" }], { name: `CE Two ${tag}` });
  const c3 = await makeUser(db, [{ organisationId: T3.id, role: "chief_executive" }], { name: `CE Three ${tag}` });
  const c4 = await makeUser(db, [{ organisationId: T4.id, role: "chief_executive" }], { name: `CE Four ${tag}` });
  const ces: Record<keyof typeof trusts, Actor> = { T1: c1, T2: c2, T3: c3, T4: c4 };
  const boardT1 = await makeUser(db, [{ organisationId: T1.id, role: "board_member", seat: "non_executive" }]);
  const boardT2 = await makeUser(db, [{ organisationId: T2.id, role: "board_member", seat: "chair" }]);
  const icsLeadA = await makeUser(db, [{ organisationId: icsA.id, role: "ics_lead" }]);
  const icsLeadB = await makeUser(db, [{ organisationId: icsB.id, role: "ics_lead" }]);
  const national = await makeNational(db);
  const analyst = await makeUser(db, [{ organisationId: national.id, role: "national_analyst" }]);

  const shared = "We protect mental health services. Social care partners agreed.";
  const specs: Spec[] = [
    { key: "d1", trust: "T1", favoured: "system", category: "finance", status: "signed_off", visibility: "system", decidedOn: "2025-05-10", factors: ["financial_stability", "relationships_reciprocity"], submitted: "2025-05-01T09:00:00Z", signedOff: "2025-05-11T09:00:00Z", summary: "Fund mental health beds.", rationale: "Social care capacity is short." },
    { key: "d2", trust: "T1", favoured: "trust", category: "service", status: "reviewed", visibility: "trust", decidedOn: "2025-08-01", factors: ["regulatory_standing"], submitted: "2025-07-20T09:00:00Z", signedOff: "2025-07-24T09:00:00Z", summary: "Secret merger secret merger.", rationale: "Secret merger." },
    { key: "d3", trust: "T1", favoured: "system", category: "finance", status: "awaiting_sign_off", visibility: "system", decidedOn: "2025-11-01", factors: ["financial_stability"], submitted: "2025-10-20T09:00:00Z", summary: "Mental health crisis hub.", rationale: "Social care support." },
    { key: "d4", trust: "T1", favoured: "system", category: "finance", status: "draft", visibility: "system", decidedOn: "2025-05-01", factors: ["financial_stability"], summary: "Draft mental health idea.", rationale: "" },
    { key: "d5", trust: "T1", favoured: "system", category: "finance", status: "withdrawn", visibility: "system", decidedOn: "2025-05-02", factors: ["financial_stability"], submitted: "2025-04-25T09:00:00Z", summary: "Withdrawn plan.", rationale: "" },
    { key: "d6", trust: "T2", favoured: "system", category: "capacity", status: "signed_off", visibility: "trust", decidedOn: "2025-06-15", factors: ["population_outcomes"], submitted: "2025-06-01T09:00:00Z", signedOff: "2025-06-21T09:00:00Z", summary: "Secret merger secret merger.", rationale: "Secret merger." },
    { key: "d7", trust: "T2", favoured: "system", category: "workforce", status: "declined", visibility: "system", decidedOn: "2026-01-10", factors: ["workforce"], submitted: "2026-01-02T09:00:00Z", summary: "Share mental health staff.", rationale: "Rotas." },
    { key: "d8", trust: "T3", favoured: "trust", category: "estates", status: "signed_off", visibility: "system", decidedOn: "2025-05-20", factors: ["financial_stability"], submitted: "2025-05-01T09:00:00Z", signedOff: "2025-05-31T09:00:00Z", summary: "Keep mental health wing.", rationale: "Social care rely on it." },
    { key: "d12", trust: "T3", favoured: "system", category: "service", status: "signed_off", visibility: "system", decidedOn: "2025-09-01", factors: ["population_outcomes", "local_context_demand"], submitted: "2025-08-20T09:00:00Z", signedOff: "2025-08-26T09:00:00Z", summary: "Mental health outreach.", rationale: "Community teams." },
    ...[9, 10, 11].map((n) => ({ key: `d${n}`, trust: "T4" as const, favoured: "system" as const, category: "finance" as const, status: "signed_off" as const, visibility: "system" as const, decidedOn: "2025-05-05", factors: ["financial_stability" as const], submitted: "2025-04-20T09:00:00Z", signedOff: "2025-04-27T09:00:00Z", summary: shared, rationale: "" })),
  ];

  const ids: Record<string, string> = {};
  const titles: Record<string, string> = {};
  for (const s of specs) {
    const submitted = s.status !== "draft";
    const title = `Fixture ${s.key} ${tag}`;
    const [row] = await db
      .insert(decisions)
      .values({
        trustId: trusts[s.trust].id,
        authorId: ces[s.trust].userId,
        title,
        summary: s.summary,
        rationale: s.rationale,
        favoured: s.favoured,
        category: s.category,
        visibility: s.visibility,
        status: s.status,
        version: submitted ? 1 : 0,
        decidedOn: s.decidedOn,
        submittedAt: s.submitted ? new Date(s.submitted) : null,
        signedOffAt: s.signedOff ? new Date(s.signedOff) : null,
      })
      .returning({ id: decisions.id });
    ids[s.key] = row.id;
    titles[s.key] = title;
    await db.insert(decisionFactors).values(s.factors.map((factor) => ({ decisionId: row.id, factor })));
  }

  const benefit = (d: string, org: { id: string }, amountK: number) => ({ decisionId: ids[d], organisationId: org.id, role: "benefits" as const, amountK });
  await db.insert(decisionOrganisations).values([
    benefit("d1", T2, 100),
    benefit("d3", T3, 50),
    benefit("d6", T1, 200),
    benefit("d12", T1, 30),
    benefit("d12", T2, 20),
    benefit("d2", T1, 500),
    { decisionId: ids.d8, organisationId: T1.id, role: "bears_cost", amountK: 40 },
  ]);

  const criterion = async (d: string, judgedBy: string) => {
    const [c] = await db.insert(successCriteria).values({ decisionId: ids[d], statement: `Criterion of ${d}`, judgedBy }).returning({ id: successCriteria.id });
    return c.id;
  };
  const k1 = await criterion("d1", "2025-09-30");
  await criterion("d1", "2025-09-30"); // k2: due
  const k3 = await criterion("d2", "2025-12-31");
  const k4 = await criterion("d6", "2025-12-31");
  const k5 = await criterion("d8", "2025-12-31");
  await criterion("d12", "2027-03-31"); // k6: not yet due
  const assess = (k: string, d: string, outcome: "met" | "partly_met" | "not_met", createdAt: string, by: Actor) => ({
    criterionId: k, decisionId: ids[d], outcome, assessedOn: createdAt.slice(0, 10), assessedById: by.userId, createdAt: new Date(createdAt),
  });
  await db.insert(criterionOutcomes).values([
    assess(k1, "d1", "met", "2025-10-01T09:00:00Z", c1),
    assess(k3, "d2", "met", "2026-01-05T09:00:00Z", c1),
    assess(k3, "d2", "not_met", "2026-02-05T09:00:00Z", c1),
    assess(k4, "d6", "met", "2026-01-05T09:00:00Z", c2),
    assess(k5, "d8", "partly_met", "2026-01-05T09:00:00Z", c3),
  ]);

  return { tag, icsA, icsB, trusts, ces, boardT1, boardT2, icsLeadA, icsLeadB, analyst, ids, titles };
}

export type DashboardFixture = Awaited<ReturnType<typeof buildDashboardFixture>>;
