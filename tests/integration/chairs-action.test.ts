// Chair's action, ratified at the next board (issue 14 part 2), on both engines.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, decisions, meetingItems, outbox } from "@/db/schema";
import type { Actor } from "@/lib/access";
import { getChairsActionView, OUTSIDE_APPETITE_MESSAGE, setChairsActionNeds, setUrgency } from "@/lib/chairs-action";
import { getDecision } from "@/lib/decisions";
import { draftMinutesFrom } from "@/lib/meetings/minutes";
import { addAgendaItem, createMeeting, getMeeting, issuePack, markMeetingHeld, recordAttendance, recordResolution } from "@/lib/meetings";
import { recordPosition } from "@/lib/sign-off";
import { createDecision, submitDecision } from "@/lib/decisions";
import { setRiskAppetite } from "@/lib/risk-appetite";
import { decisionInput } from "../support/decisions";
import { makeSubmittedDecision } from "../support/decision-fixture";
import { getOrganisation, updateOrganisation } from "@/lib/admin";
import { makeAdmin, makeIcs, makeNational, makeUser } from "../support/factories";
import { getRatificationPanel, getRegisterPanel } from "@/lib/dashboards";
import { registerHref as dashboardRegisterHref } from "@/lib/dashboards/filters";
import { apiListDecisions } from "@/lib/api/decisions";
import { ListQuery } from "@/lib/api/schemas";
import { listRegister } from "@/lib/decisions";
import { registerFiltersFromSearchParams } from "@/lib/decisions/register-filters";
import { makeTrustWithSecretary } from "../support/meeting-fixture";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

async function row(id: string) {
  const [d] = await t.db.select().from(decisions).where(eq(decisions.id, id));
  return d;
}
async function actions(id: string) {
  return (await t.db.select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.entityId, id))).map((r) => r.action);
}
const support = (a: Actor, decisionId: string, forum: "chairs_action" | "public_board" = "chairs_action") => recordPosition(a, { decisionId, position: "support", forum, version: 1 });

async function urgentDecision(visibility: "trust" | "system" = "system", icsId?: string) {
  const b = await makeTrustWithSecretary(t.db, icsId ? { icsId } : {});
  const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce, visibility });
  await setUrgency(b.ce, { decisionId: d.id, urgent: true, reason: "The neighbouring trust's theatres close on Friday" });
  return { b, d };
}

describe("marking a decision urgent", () => {
  it("is the Chief Executive's, needs a reason, and is audited", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce });
    await expect(setUrgency(b.ce, { decisionId: d.id, urgent: true, reason: "" })).rejects.toMatchObject({ code: "invalid", fieldErrors: { reason: expect.stringMatching(/why the decision cannot wait/) } });
    expect((await row(d.id)).urgent).toBe(false);
    await expect(setUrgency(b.chair, { decisionId: d.id, urgent: true, reason: "x" })).rejects.toMatchObject({ code: "forbidden" });
    expect(await setUrgency(b.ce, { decisionId: d.id, urgent: "yes" as never, reason: "Theatres close on Friday" })).toMatchObject({ urgent: true, changed: true });
    const r = await row(d.id);
    expect(r).toMatchObject({ urgent: true, urgentReason: "Theatres close on Friday", revision: d.revision + 1 });
    expect(await actions(d.id)).toContain("decision.marked_urgent");
    expect((await getChairsActionView(b.ned1, d.id)).urgentReason).toBe("Theatres close on Friday");
  });
});

describe("Chair's action", () => {
  it("needs the Chair and one non-executive, both by Chair's action: signed off, awaiting ratification", async () => {
    const { b, d } = await urgentDecision();
    // A NED alone does not sign off; an executive cannot act by Chair's action.
    expect((await support(b.ned1, d.id)).signedOff).toBe(false);
    await expect(support(b.exec, d.id)).rejects.toMatchObject({ code: "invalid", fieldErrors: { forum: expect.stringMatching(/Only the Chair and non-executive/) } });
    const r = await support(b.chair, d.id);
    expect(r).toMatchObject({ signedOff: true, status: "signed_off" });
    const after = await row(d.id);
    expect(after).toMatchObject({ status: "signed_off", ratification: "awaiting" });
    expect(after.chairsActionAt).toBeInstanceOf(Date);
    const [ev] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, d.id), eq(auditEvents.action, "decision.signed_off")));
    expect(ev.after).toMatchObject({ ratification: "awaiting", chairsAction: { nedsRequired: 1, chair: b.chair.userId, neds: [b.ned1.userId] } });
    expect((await getChairsActionView(b.ce, d.id)).words).toMatch(/Signed off by Chair's action on .* — awaiting ratification at the next board meeting/);
  });

  it("is refused for a decision not marked urgent, with a clear message, and nothing is recorded", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce });
    await expect(support(b.chair, d.id)).rejects.toMatchObject({ code: "invalid", message: expect.stringMatching(/only for a decision its Chief Executive has marked urgent/) });
    expect(await actions(d.id)).not.toContain("position.recorded");
  });

  it("is refused when the decision is outside the board's risk appetite, saying why", async () => {
    const { b, d } = await urgentDecision();
    await t.db.update(decisions).set({ outsideAppetite: true }).where(eq(decisions.id, d.id));
    await expect(support(b.chair, d.id)).rejects.toMatchObject({ code: "invalid", message: OUTSIDE_APPETITE_MESSAGE });
    await expect(support(b.ned1, d.id)).rejects.toMatchObject({ message: expect.stringMatching(/outside the board's risk appetite/) });
    expect((await row(d.id)).status).toBe("awaiting_sign_off");
  });

  it("is refused for a decision that its risks put outside the appetite in force, and then needs the board with the Chair", async () => {
    // The whole path (parts 1 and 2 together): the secretary sets the appetite, the CE records a risk
    // above it and submits (flag frozen), marks it urgent; Chair's action is refused, the board signs it off.
    const b = await makeTrustWithSecretary(t.db);
    await setRiskAppetite(b.secretary, b.trust.ods, { baseVersion: 0, note: "", domains: { finance: { level: "cautious", statement: "Modest financial risk only." } } });
    const created = await createDecision(
      b.ce,
      decisionInput({ title: "Underwrite the hub's first-year deficit", risks: [{ domain: "finance", level: "open", reason: "We carry the deficit" }] } as never),
    );
    await submitDecision(b.ce, { id: created.id, baseRevision: created.revision });
    expect((await row(created.id)).outsideAppetite).toBe(true);
    await setUrgency(b.ce, { decisionId: created.id, urgent: true, reason: "The contract must be signed this week" });
    await expect(support(b.chair, created.id)).rejects.toMatchObject({ code: "invalid", message: OUTSIDE_APPETITE_MESSAGE });
    await expect(support(b.ned1, created.id)).rejects.toMatchObject({ code: "invalid", message: OUTSIDE_APPETITE_MESSAGE });
    expect(await actions(created.id)).not.toContain("position.recorded");
    // At a board meeting: without the Chair it does not sign off, whatever the count; with the Chair it does, not by Chair's action.
    expect((await support(b.ned1, created.id, "public_board")).signedOff).toBe(false);
    expect((await support(b.ned2, created.id, "public_board")).signedOff).toBe(false);
    expect((await support(b.exec, created.id, "public_board")).signedOff).toBe(false);
    expect((await support(b.chair, created.id, "public_board")).signedOff).toBe(true);
    expect(await row(created.id)).toMatchObject({ status: "signed_off", ratification: null });
  });

  it("needs two non-executives when the standing orders say so (an audited admin setting)", async () => {
    const { b, d } = await urgentDecision();
    const admin = await makeAdmin(t.db);
    await expect(setChairsActionNeds(admin, { trustId: b.trust.id, neds: 3, reason: "Standing orders" })).rejects.toMatchObject({ code: "invalid" });
    await expect(setChairsActionNeds(b.chair, { trustId: b.trust.id, neds: 2, reason: "x" })).rejects.toMatchObject({ code: "not_found" });
    expect(await setChairsActionNeds(admin, { trustId: b.trust.id, neds: "2", reason: "Standing orders revised in November" })).toMatchObject({ neds: 2, changed: true });
    expect(await actions(b.trust.id)).toContain("chairs_action_policy.changed");
    expect((await support(b.chair, d.id)).signedOff).toBe(false);
    expect((await support(b.ned1, d.id)).signedOff).toBe(false);
    // A conflicted NED does not count.
    expect((await recordPosition(b.ned2, { decisionId: d.id, position: "support", forum: "chairs_action", version: 1, conflict: "Governor of the other trust" })).signedOff).toBe(false);
    expect((await recordPosition(b.ned2, { decisionId: d.id, position: "support", forum: "chairs_action", version: 1 })).signedOff).toBe(true);
    expect((await row(d.id)).ratification).toBe("awaiting");
  });

  it("the administrator's organisation form sets the Chair's action rule, with a reason, as an access change", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const admin = await makeAdmin(t.db);
    const ics = await getOrganisation(admin, b.trust.icsId!);
    const fields = { kind: "trust", name: b.trust.name, ods: b.trust.ods, icsOds: ics.ods, trustType: "acute", signOffMinSupport: 3, signOffChairRequired: "yes", chairsActionNeds: "2" };
    await expect(updateOrganisation(admin, b.trust.id, fields)).rejects.toMatchObject({ code: "invalid", fieldErrors: { policyChangeReason: expect.any(String) } });
    await expect(updateOrganisation(admin, b.trust.id, { ...fields, chairsActionNeds: "3", policyChangeReason: "x" })).rejects.toMatchObject({ code: "invalid", fieldErrors: { chairsActionNeds: expect.stringMatching(/from 1 to 2/) } });
    expect(await updateOrganisation(admin, b.trust.id, { ...fields, policyChangeReason: "Standing orders revised" })).toMatchObject({ chairsActionNeds: 2 });
    // Left out (an older client): it stays as it is.
    const { chairsActionNeds: _n, ...older } = fields;
    expect(await updateOrganisation(admin, b.trust.id, { ...older, name: "Renamed" })).toMatchObject({ chairsActionNeds: 2 });
  });

  it("a member of another trust cannot record a Chair's action position, nor see the decision or its ratification item", async () => {
    const { b, d } = await urgentDecision();
    const other = await makeTrustWithSecretary(t.db, { icsId: b.trust.icsId! });
    await expect(support(other.chair, d.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(setUrgency(other.ce, { decisionId: d.id, urgent: false })).rejects.toMatchObject({ code: "not_found" });
    const m = await createMeeting(b.secretary, { date: "2027-01-14", time: "10:00", kind: "public_board" });
    await support(b.chair, d.id);
    await support(b.ned1, d.id);
    const [item] = await t.db.select().from(meetingItems).where(eq(meetingItems.decisionId, d.id));
    await expect(getMeeting(other.secretary, m.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getChairsActionView(other.chair, d.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(recordResolution(other.secretary, item.id, { resolution: "approved" })).rejects.toMatchObject({ code: "not_found" });
    const own = await createMeeting(other.secretary, { date: "2027-01-15", time: "10:00", kind: "public_board" });
    await expect(addAgendaItem(other.secretary, own.id, { decisionId: d.id })).rejects.toMatchObject({ code: "invalid" });
    expect((await getMeeting(other.secretary, own.id)).items).toHaveLength(0);
  });
});

describe("ratification at the next board", () => {
  it("lands on the next planned public board meeting's agenda in the same transaction; the board ratifies it", async () => {
    const { b, d } = await urgentDecision("system");
    const later = await createMeeting(b.secretary, { date: "2027-03-11", time: "10:00", kind: "public_board" });
    const next = await createMeeting(b.secretary, { date: "2027-01-14", time: "10:00", kind: "public_board" });
    await createMeeting(b.secretary, { date: "2027-01-07", time: "10:00", kind: "private_board" });
    await support(b.chair, d.id);
    await support(b.ned1, d.id);
    const items = await t.db.select().from(meetingItems).where(eq(meetingItems.decisionId, d.id));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ meetingId: next.id, forRatification: true, cover: expect.objectContaining({ purpose: "ratification" }) });
    expect(items[0].meetingId).not.toBe(later.id);
    expect(await actions(next.id)).toContain("meeting.ratification_item_added");
    const view = await getMeeting(b.secretary, next.id);
    expect(view.items[0]).toMatchObject({ title: d.title });
    await issuePack(b.secretary, next.id);
    await markMeetingHeld(b.secretary, next.id);
    await recordAttendance(b.secretary, next.id, { attendance: [b.chair, b.ned1, b.ned2, b.exec, b.ce].map((a) => ({ userId: a.userId, attendance: "present" as const })) });
    const r = await recordResolution(b.secretary, items[0].id, { resolution: "approved", note: "Ratified" });
    expect(r).toMatchObject({ ratification: "ratified", status: "signed_off", positionsRecorded: 0 });
    const after = await row(d.id);
    expect(after).toMatchObject({ status: "signed_off", ratification: "ratified" });
    expect(after.ratificationDecidedAt).toBeInstanceOf(Date);
    expect(await actions(d.id)).toContain("decision.ratified");
    // The minutes and the pack's cover sheet say it was for ratification.
    const m = await getMeeting(b.secretary, next.id);
    expect(m.items[0]).toMatchObject({ forRatification: true, cover: expect.objectContaining({ purpose: "ratification" }), resolution: "approved" });
    const minutes = draftMinutesFrom(m).sections.flatMap((x) => x.paragraphs).join("\n");
    expect(minutes).toMatch(/signed off between meetings by Chair's action and came to the Board for ratification/);
    expect(minutes).toMatch(/The Board RATIFIED the Chair's action/);
    expect((await getChairsActionView(b.ned2, d.id)).words).toMatch(/ratified on/);
  });

  it("waits for the next private board meeting when for the board only, and a meeting created later picks it up", async () => {
    const { b, d } = await urgentDecision("trust");
    await createMeeting(b.secretary, { date: "2027-01-14", time: "10:00", kind: "public_board" });
    await support(b.chair, d.id);
    await support(b.ned1, d.id);
    expect(await t.db.select().from(meetingItems).where(eq(meetingItems.decisionId, d.id))).toHaveLength(0);
    expect((await getChairsActionView(b.ce, d.id)).words).toMatch(/awaiting ratification at the next board meeting/);
    // A committee does not ratify.
    await createMeeting(b.secretary, { date: "2027-01-20", time: "10:00", kind: "committee", committeeName: "Finance committee" });
    const priv = await createMeeting(b.secretary, { date: "2027-02-04", time: "14:00", kind: "private_board" });
    const items = await t.db.select().from(meetingItems).where(eq(meetingItems.decisionId, d.id));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ meetingId: priv.id, forRatification: true });
    // A second private meeting does not take it again.
    await createMeeting(b.secretary, { date: "2027-03-04", time: "14:00", kind: "private_board" });
    expect(await t.db.select().from(meetingItems).where(eq(meetingItems.decisionId, d.id))).toHaveLength(1);
  });

  it("not ratified: stays signed off in the record, shows 'Not ratified on', and the Chief Executive and Chair are told; deferred stays awaiting", async () => {
    const { b, d } = await urgentDecision("trust");
    const first = await createMeeting(b.secretary, { date: "2027-01-14", time: "10:00", kind: "private_board" });
    const second = await createMeeting(b.secretary, { date: "2027-02-11", time: "10:00", kind: "private_board" });
    await support(b.chair, d.id);
    await support(b.ned1, d.id);
    const present = [b.chair, b.ned1, b.ned2, b.exec, b.ce].map((a) => ({ userId: a.userId, attendance: "present" as const }));
    const [item1] = await t.db.select().from(meetingItems).where(and(eq(meetingItems.decisionId, d.id), eq(meetingItems.meetingId, first.id)));
    await issuePack(b.secretary, first.id);
    await markMeetingHeld(b.secretary, first.id);
    await recordAttendance(b.secretary, first.id, { attendance: present });
    expect(await recordResolution(b.secretary, item1.id, { resolution: "deferred" })).toMatchObject({ ratification: "awaiting" });
    expect((await row(d.id)).ratification).toBe("awaiting");
    // Deferred: put to the next planned board meeting.
    const [item2] = await t.db.select().from(meetingItems).where(and(eq(meetingItems.decisionId, d.id), eq(meetingItems.meetingId, second.id)));
    expect(item2.forRatification).toBe(true);
    await issuePack(b.secretary, second.id);
    await markMeetingHeld(b.secretary, second.id);
    await recordAttendance(b.secretary, second.id, { attendance: present });
    await expect(recordResolution(b.secretary, item2.id, { resolution: "not_approved" })).rejects.toMatchObject({ code: "invalid" });
    expect(await recordResolution(b.secretary, item2.id, { resolution: "not_approved", note: "The board would have wanted to see the options" })).toMatchObject({ ratification: "not_ratified" });
    const after = await row(d.id);
    expect(after).toMatchObject({ status: "signed_off", ratification: "not_ratified" });
    expect((await getChairsActionView(b.ce, d.id)).words).toMatch(/^Not ratified on \d+ \w+ \d{4}/);
    expect((await getDecision(b.ned2, d.id)).status).toBe("signed_off");
    const mail = await t.db.select().from(outbox).where(and(eq(outbox.decisionId, d.id), eq(outbox.kind, "not_ratified")));
    expect(mail.map((m) => m.recipientUserId).sort()).toEqual([b.ce.userId, b.chair.userId].sort());
    expect(mail[0].subject).toBe(`Chair's action not ratified: ${d.title}`);
    expect(await actions(d.id)).toContain("decision.not_ratified");
  });
});

describe("dashboards: Chair's action and ratification", () => {
  it("counts awaiting, ratified and not ratified with the median lag (trust, ICS), and suppresses small national counts", async () => {
    const ics = await makeIcs(t.db);
    const made = [];
    for (let i = 0; i < 3; i++) {
      const { b, d } = await urgentDecision("system", ics.id);
      await support(b.chair, d.id);
      await support(b.ned1, d.id);
      made.push({ b, d });
    }
    // The board's resolutions, dated so the lag is known: 10 and 20 days after the Chair's action.
    const at = (iso: string) => new Date(iso);
    await t.db.update(decisions).set({ ratification: "ratified", chairsActionAt: at("2026-11-01T10:00:00Z"), ratificationDecidedAt: at("2026-11-11T10:00:00Z") }).where(eq(decisions.id, made[1].d.id));
    await t.db.update(decisions).set({ ratification: "not_ratified", chairsActionAt: at("2026-11-01T10:00:00Z"), ratificationDecidedAt: at("2026-11-21T10:00:00Z") }).where(eq(decisions.id, made[2].d.id));
    const trust = await getRatificationPanel(made[0].b.ce, { kind: "trust", ods: made[0].b.trust.ods }, {});
    expect(trust).toEqual({ byChairsAction: 1, awaiting: 1, ratified: 0, notRatified: 0, medianLagDays: null });
    const lead = await makeUser(t.db, [{ organisationId: ics.id, role: "ics_lead" }]);
    const icsPanel = await getRatificationPanel(lead, { kind: "ics", ods: ics.ods }, {});
    expect(icsPanel).toEqual({ byChairsAction: 3, awaiting: 1, ratified: 1, notRatified: 1, medianLagDays: 15 });
    const national = await makeNational(t.db);
    const analyst = await makeUser(t.db, [{ organisationId: national.id, role: "national_analyst" }]);
    const n = await getRatificationPanel(analyst, { kind: "national" }, { ics: ics.ods });
    expect(n.awaiting).toEqual({ suppressed: true });
    expect(n.notRatified).toEqual({ suppressed: true });
    expect(n.medianLagDays).toBeNull();
    // Another ICS's lead cannot open this ICS's view.
    const otherLead = await makeUser(t.db, [{ organisationId: (await makeIcs(t.db)).id, role: "ics_lead" }]);
    await expect(getRatificationPanel(otherLead, { kind: "ics", ods: ics.ods }, {})).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the register's ratification filter", () => {
  it("lists the decisions awaiting, ratified and not ratified behind the panel's figures, says their status in the register's words, and is a fine filter", async () => {
    const ics = await makeIcs(t.db);
    const made: Awaited<ReturnType<typeof urgentDecision>>[] = [];
    for (let i = 0; i < 3; i++) {
      const { b, d } = await urgentDecision("system", ics.id);
      await support(b.chair, d.id);
      await support(b.ned1, d.id);
      made.push({ b, d });
    }
    // One more of the ICS, for its trust board only: not ratified.
    const hidden = await urgentDecision("trust", ics.id);
    await support(hidden.b.chair, hidden.d.id);
    await support(hidden.b.ned1, hidden.d.id);
    await t.db.update(decisions).set({ ratification: "not_ratified" }).where(eq(decisions.id, hidden.d.id));
    await t.db.update(decisions).set({ ratification: "ratified" }).where(eq(decisions.id, made[1].d.id));
    await t.db.update(decisions).set({ ratification: "not_ratified" }).where(eq(decisions.id, made[2].d.id));
    const lead = await makeUser(t.db, [{ organisationId: ics.id, role: "ics_lead" }]);
    const ids = async (ratification: "awaiting" | "ratified" | "not_ratified") => {
      const p = await listRegister(lead, { ics: ics.ods, ratification });
      expect(p.hiddenCount, "a fine filter: no count of decisions for trust boards only").toBeNull();
      return p.rows.map((r) => r.id);
    };
    expect(await ids("awaiting")).toEqual([made[0].d.id]);
    expect(await ids("ratified")).toEqual([made[1].d.id]);
    expect(await ids("not_ratified")).toEqual([made[2].d.id]);
    // Without it the ICS lead learns of the board-only one; with it, not.
    expect((await listRegister(lead, { ics: ics.ods })).hiddenCount).toBe(1);
    // The API's list takes it too, and refuses a value not in the list.
    const api = await apiListDecisions(lead, ListQuery.parse({ ics: ics.ods, ratification: "not_ratified" }));
    expect(api.data.map((d) => d.id)).toEqual([made[2].d.id]);
    expect(ListQuery.safeParse({ ratification: "pending" }).success).toBe(false);
    await expect(listRegister(lead, { ratification: "pending" as never })).rejects.toMatchObject({ code: "invalid", fieldErrors: { ratification: "Choose awaiting, ratified or not ratified" } });
    // The panel's figures link to these lists; the link parses back to the same filter.
    const href = dashboardRegisterHref({ kind: "ics", ods: ics.ods }, {}, { ratification: "not_ratified" });
    expect(href).toMatch(/[?&]ratification=not_ratified(&|$)/);
    const back = registerFiltersFromSearchParams(new URLSearchParams(href.split("?")[1]));
    expect(back.ignored).toEqual([]);
    expect((await listRegister(lead, back.filters)).rows.map((r) => r.id)).toEqual([made[2].d.id]);
    // The dashboard's register list carries the state, for the same words as the register.
    const panel = await getRegisterPanel(lead, { kind: "ics", ods: ics.ods }, {});
    expect(Object.fromEntries(panel.rows.filter((r) => made.some((m) => m.d.id === r.id)).map((r) => [r.id, r.ratification]))).toEqual({
      [made[0].d.id]: "awaiting", [made[1].d.id]: "ratified", [made[2].d.id]: "not_ratified",
    });
    // Another ICS's member sees none of them through the filter.
    const other = await urgentDecision("system");
    for (const r of ["awaiting", "ratified", "not_ratified"] as const) {
      const seen = (await listRegister(other.b.ce, { ratification: r })).rows.map((x) => x.id);
      expect(seen.filter((id) => [...made.map((m) => m.d.id), hidden.d.id].includes(id))).toEqual([]);
    }
  });
});
