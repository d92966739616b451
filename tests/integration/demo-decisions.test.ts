import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { decisions, organisations, users } from "@/db/schema";
import { loadActor } from "@/lib/actors";
import { verifyAuditChains } from "@/lib/audit";
import { listDecisionTimeline } from "@/lib/decisions";
import { DEMO_DECISIONS } from "@/lib/demo/decision-data";
import { loadDemoDecisions } from "@/lib/demo/decisions";
import { seedDemoPeople } from "@/lib/demo/seed";
import { countInbox, getInbox } from "@/lib/inbox";
import { getSignOffPanel } from "@/lib/sign-off";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();
const NOW = new Date("2026-11-26T12:00:00Z");

async function actor(local: string) {
  const [u] = await t.db.select().from(users).where(eq(users.email, `${local}@fulcrum.demo`));
  return (await loadActor(t.db, u.id))!;
}

describe("demo decisions", () => {
  it("has about thirty realistic decisions, two in three favouring the system, every state", () => {
    expect(DEMO_DECISIONS.length).toBeGreaterThanOrEqual(28);
    const system = DEMO_DECISIONS.filter((d) => d.favoured === "system").length;
    expect(system / DEMO_DECISIONS.length).toBeGreaterThan(0.6);
    expect(system / DEMO_DECISIONS.length).toBeLessThan(0.75);
    const trustsWithTrustFavoured = new Set(DEMO_DECISIONS.filter((d) => d.favoured === "trust").map((d) => d.trust));
    expect(10 - trustsWithTrustFavoured.size).toBeGreaterThanOrEqual(3);
    expect(new Set(DEMO_DECISIONS.map((d) => d.state))).toEqual(new Set(["draft", "awaiting_sign_off", "signed_off", "declined", "reviewed", "withdrawn"]));
    const text = DEMO_DECISIONS.map((d) => d.rationale.toLowerCase()).join(" ");
    for (const phrase of ["mental health", "social care", "elective recovery", "urgent and emergency care"]) expect(text).toContain(phrase);
    for (const d of DEMO_DECISIONS) {
      expect(d.criteria.length).toBeGreaterThanOrEqual(1);
      expect(d.criteria.length).toBeLessThanOrEqual(3);
      if (d.state === "reviewed") expect(d.outcomes?.length).toBe(d.criteria.length);
    }
  });

  it("loads through the real sign-off and outcome functions, once, with an intact audit chain", async () => {
    await seedDemoPeople(t.db);
    // A persistent PostgreSQL test database may hold them from an earlier run: then fewer are inserted.
    const first = await loadDemoDecisions(t.db, { now: NOW });
    expect(first.inserted).toBeLessThanOrEqual(DEMO_DECISIONS.length);
    const titles = await t.db.select({ title: decisions.title }).from(decisions).where(inArray(decisions.title, DEMO_DECISIONS.map((d) => d.title)));
    expect(new Set(titles.map((r) => r.title)).size).toBe(DEMO_DECISIONS.length);
    const second = await loadDemoDecisions(t.db, { now: NOW });
    expect(second.inserted).toBe(0);
    const rows = await t.db
      .select({ status: decisions.status, n: sql<number>`count(*)::int` })
      .from(decisions)
      .innerJoin(organisations, eq(organisations.id, decisions.trustId))
      .where(inArray(organisations.ods, ["RNA", "RNB", "RNC", "RND", "RNE", "RSA", "RSB", "RSC", "RSD", "RSE"]))
      .groupBy(decisions.status);
    const byStatus = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    for (const s of ["draft", "awaiting_sign_off", "signed_off", "declined", "reviewed", "withdrawn"]) expect(byStatus[s]).toBeGreaterThan(0);
    expect((await verifyAuditChains(t.db)).intact).toBe(true);
    // One decision signed off between meetings by Chair's action, awaiting ratification (issue 14).
    const [byAction] = await t.db.select().from(decisions).where(eq(decisions.title, DEMO_DECISIONS.find((d) => d.urgentReason)!.title));
    expect(byAction).toMatchObject({ status: "signed_off", urgent: true, ratification: "awaiting" });
    expect(byAction.chairsActionAt?.getTime()).toBe(byAction.signedOffAt?.getTime());

    // A newcomer sees the product alive: the RNB Chair has a decision awaiting their position, the CE has reviews due.
    const chair = await actor("chair.rnb");
    const inbox = await getInbox(chair, { now: NOW });
    expect(inbox.asBoardMember?.awaitingMyPosition.map((d) => d.title)).toContain("Jointly fund 12 mental health crisis beds with county social care");
    const ce = await actor("ce.rnb");
    const ceInbox = await getInbox(ce, { now: NOW });
    expect(ceInbox.reviewsDue.length).toBeGreaterThan(0);
    expect(await countInbox(ce, { now: NOW })).toBeGreaterThan(0);
    // Dissent on a signed-off decision stays visible.
    const [liaison] = await t.db.select().from(decisions).where(eq(decisions.title, "Lend our psychiatric liaison team to Eastfield's emergency department overnight"));
    const panel = await getSignOffPanel(chair, liaison.id);
    expect(panel.decision.status).toBe("signed_off");
    expect(panel.positions.find((p) => p.position === "object")?.comment).toContain("Our own community teams are already short");
    expect(panel.signedOff?.by).toHaveLength(3);
    // Its timeline tells the story on the story's dates: drafted, submitted when version 1 was frozen,
    // positions, signed off when the last position came in — in order, never "all today".
    const timeline = await listDecisionTimeline(chair, liaison.id);
    const at = (action: string) => timeline.filter((e) => e.action === action).map((e) => new Date(e.at).getTime());
    expect(at("decision.create")).toEqual([liaison.createdAt.getTime()]);
    expect(at("decision.submit")).toEqual([liaison.submittedAt!.getTime()]);
    expect(at("decision.signed_off")).toEqual([liaison.signedOffAt!.getTime()]);
    const times = timeline.map((e) => new Date(e.at).getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(Math.max(...times)).toBeLessThan(NOW.getTime());
  });
});
