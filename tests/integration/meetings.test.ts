import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, decisions, meetingItems, organisations, positions } from "@/db/schema";
import { addMembership } from "@/lib/admin";
import { verifyAuditChains } from "@/lib/audit";
import { getDecision } from "@/lib/decisions";
import {
  addAgendaItem,
  createMeeting,
  getMeeting,
  getMeetingQuorumSetting,
  issuePack,
  listMeetings,
  listMeetingsForDecision,
  listRecordedPositionNotes,
  markMeetingHeld,
  recordAttendance,
  recordDeclaration,
  recordResolution,
  setMeetingQuorumPolicy,
} from "@/lib/meetings";
import { getSignOffPanel, recordPosition } from "@/lib/sign-off";
import type { Actor } from "@/lib/access";
import { amendFixture, makeSubmittedDecision } from "../support/decision-fixture";
import { makeAdmin, makeUser } from "../support/factories";
import { heldMeeting, makeTrustWithSecretary } from "../support/meeting-fixture";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

async function statusOf(id: string) {
  const [d] = await t.db.select().from(decisions).where(eq(decisions.id, id));
  return d.status;
}

describe("the Company Secretary", () => {
  it("reads every submitted decision of the trust, but can neither record a position nor count toward sign-off", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce });
    expect((await getDecision(b.secretary, d.id)).title).toBe(d.title);
    await expect(recordPosition(b.secretary, { decisionId: d.id, position: "support", forum: "public_board", version: 1 })).rejects.toMatchObject({ code: "forbidden" });
    // Present at a quorate meeting that approves it: positions are recorded for board members only, never the secretary.
    const { items } = await heldMeeting(b.secretary, [d.id], { present: [b.chair, b.ned1, b.ned2, b.exec, b.ce, b.secretary] });
    const r = await recordResolution(b.secretary, items[0].id, { resolution: "approved" });
    expect(r).toMatchObject({ signedOff: true, status: "signed_off", positionsRecorded: 4 });
    const rows = await t.db.select().from(positions).where(eq(positions.decisionId, d.id));
    expect(rows.map((p) => p.memberId)).not.toContain(b.secretary.userId);
    expect(rows.map((p) => p.memberId)).not.toContain(b.ce.userId);
    expect(rows.every((p) => p.recordedById === b.secretary.userId)).toBe(true);
  });

  it("another trust's secretary (and board) gets not found for the meeting, its items and resolutions", async () => {
    const a = await makeTrustWithSecretary(t.db);
    const other = await makeTrustWithSecretary(t.db, { icsId: a.trust.icsId! });
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce });
    const { meeting, items } = await heldMeeting(a.secretary, [d.id], { present: [a.chair, a.ned1, a.exec] });
    await expect(getMeeting(other.secretary, meeting.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getMeeting(other.chair, meeting.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(getMeeting(a.icsLead, meeting.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(recordResolution(other.secretary, items[0].id, { resolution: "approved" })).rejects.toMatchObject({ code: "not_found" });
    await expect(recordAttendance(other.secretary, meeting.id, { attendance: [] })).rejects.toMatchObject({ code: "not_found" });
    await expect(recordDeclaration(other.secretary, items[0].id, { userId: a.chair.userId, description: "x" })).rejects.toMatchObject({ code: "not_found" });
    const own = await createMeeting(other.secretary, { date: "2026-12-10", time: "09:30", kind: "private_board" });
    await expect(addAgendaItem(other.secretary, own.id, { decisionId: d.id })).rejects.toMatchObject({ code: "invalid" });
    expect((await listMeetings(other.secretary)).map((m) => m.id)).not.toContain(meeting.id);
    expect(await statusOf(d.id)).toBe("awaiting_sign_off");
    // Board members of the trust read the meeting but do not manage it.
    expect((await getMeeting(a.ned1, meeting.id)).canManage).toBe(false);
    await expect(recordResolution(a.ned1, items[0].id, { resolution: "approved" })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("is a membership an administrator gives on a trust, never on an ICS, and never with a seat", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const admin = await makeAdmin(t.db);
    const person = await makeUser(t.db, []);
    const [ics] = await t.db.select().from(organisations).where(eq(organisations.id, b.trust.icsId!));
    await expect(addMembership(admin, { email: person.email, ods: ics.ods, role: "company_secretary" })).rejects.toMatchObject({ code: "invalid", fieldErrors: { role: expect.stringMatching(/Company Secretary is a role on a trust/) } });
    await expect(addMembership(admin, { email: person.email, ods: b.trust.ods, role: "company_secretary", seat: "chair" })).rejects.toMatchObject({ code: "invalid" });
    expect(await addMembership(admin, { email: person.email, ods: b.trust.ods, role: "company_secretary" })).toMatchObject({ role: "company_secretary", seat: null });
  });
});

describe("the agenda", () => {
  it("refuses a decision for the trust board only on a public meeting's agenda, with a message; accepts it in private", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce, visibility: "trust" });
    const pub = await createMeeting(b.secretary, { date: "2026-12-03", time: "10:00", kind: "public_board" });
    const err = await addAgendaItem(b.secretary, pub.id, { decisionId: d.id }).catch((e) => e);
    expect(err).toMatchObject({ code: "invalid" });
    expect(err.fieldErrors.decisionId).toMatch(/trust board only.*private meeting/);
    expect(await t.db.select().from(meetingItems).where(eq(meetingItems.meetingId, pub.id))).toHaveLength(0);
    const priv = await createMeeting(b.secretary, { date: "2026-12-03", time: "14:00", kind: "private_board" });
    expect((await addAgendaItem(b.secretary, priv.id, { decisionId: d.id })).decisionId).toBe(d.id);
    // Shared decisions go on a public agenda; the Chief Executive may propose one.
    const shared = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce, visibility: "system" });
    expect((await addAgendaItem(b.ce, pub.id, { decisionId: shared.id })).proposedById).toBe(b.ce.userId);
    await expect(addAgendaItem(b.ce, pub.id, { title: "Chair's report" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createMeeting(b.ned1, { date: "2026-12-03", time: "10:00", kind: "public_board" })).rejects.toMatchObject({ code: "not_found" });
  });

  it("flags an amendment after the pack was issued, on the meeting and on the decision, and refuses to resolve on the old version", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce });
    const { meeting, items } = await heldMeeting(b.secretary, [d.id], { present: [b.chair, b.ned1, b.ned2, b.exec] });
    expect((await getMeeting(b.secretary, meeting.id)).items[0]).toMatchObject({ packVersion: 1, amendedSincePack: false });
    await amendFixture(t.db, d.id);
    expect((await getMeeting(b.secretary, meeting.id)).items[0]).toMatchObject({ packVersion: 1, amendedSincePack: true });
    expect((await listMeetingsForDecision(b.chair, d.id))[0]).toMatchObject({ meetingId: meeting.id, amendedSincePack: true });
    await expect(recordResolution(b.secretary, items[0].id, { resolution: "approved" })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/amended since the pack was issued/) });
    expect(await t.db.select().from(positions).where(eq(positions.decisionId, d.id))).toHaveLength(0);
    // Deferring is still possible.
    expect((await recordResolution(b.secretary, items[0].id, { resolution: "deferred" })).status).toBe("awaiting_sign_off");
  });
});

describe("quorum", () => {
  it("an inquorate meeting cannot record a resolution; nothing is written", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce });
    // Chair and two NEDs: enough people, but no executive.
    const { meeting, items } = await heldMeeting(b.secretary, [d.id], { present: [b.chair, b.ned1, b.ned2] });
    const view = await getMeeting(b.secretary, meeting.id);
    expect(view.quorum).toMatchObject({ met: false, required: 2, present: 3, executivesPresent: 0 });
    await expect(recordResolution(b.secretary, items[0].id, { resolution: "approved" })).rejects.toMatchObject({ code: "conflict", message: expect.stringMatching(/not quorate/) });
    expect(await t.db.select().from(positions).where(eq(positions.decisionId, d.id))).toHaveLength(0);
    const [item] = await t.db.select().from(meetingItems).where(eq(meetingItems.id, items[0].id));
    expect(item.resolution).toBeNull();
    // The Chief Executive counts as an executive: with them present it is quorate.
    await recordAttendance(b.secretary, meeting.id, { attendance: [b.chair, b.ned1, b.ned2, b.ce].map((a) => ({ userId: a.userId, attendance: "present" as const })) });
    expect((await getMeeting(b.secretary, meeting.id)).quorum.met).toBe(true);
  });

  it("follows the trust's standing orders set by an administrator", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const admin = await makeAdmin(t.db);
    await expect(setMeetingQuorumPolicy(b.secretary, { trustId: b.trust.id, minPresent: 1, minNonExecutive: 0, minExecutive: 0 })).rejects.toMatchObject({ code: "not_found" });
    await expect(setMeetingQuorumPolicy(admin, { trustId: b.trust.id, minPresent: 0, minNonExecutive: 1, minExecutive: 1 })).rejects.toMatchObject({ code: "invalid", fieldErrors: { minPresent: expect.any(String) } });
    await setMeetingQuorumPolicy(admin, { trustId: b.trust.id, minPresent: 4, minNonExecutive: 2, minExecutive: 1 });
    expect(await getMeetingQuorumSetting(admin, b.trust.id)).toEqual({ minPresent: 4, minNonExecutive: 2, minExecutive: 1 });
    await expect(getMeetingQuorumSetting(b.secretary, b.trust.id)).rejects.toMatchObject({ code: "not_found" });
    const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce });
    const { meeting } = await heldMeeting(b.secretary, [d.id], { present: [b.chair, b.ned1, b.exec] });
    expect((await getMeeting(b.secretary, meeting.id)).quorum).toMatchObject({ met: false, required: 4 });
  });
});

/** The same positions, taken by members themselves on one decision and recorded as a resolution on another. */
async function bothWays(opts: { present: (b: Awaited<ReturnType<typeof makeTrustWithSecretary>>) => Actor[]; objector?: (b: Awaited<ReturnType<typeof makeTrustWithSecretary>>) => Actor; interested?: (b: Awaited<ReturnType<typeof makeTrustWithSecretary>>) => Actor }) {
  const b = await makeTrustWithSecretary(t.db);
  const own = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce, title: "Members' own" });
  const met = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce, title: "At the meeting" });
  const present = opts.present(b);
  const objector = opts.objector?.(b);
  const interested = opts.interested?.(b);
  for (const m of present) {
    if (m === b.ce) continue; // the Chief Executive takes no position
    if (m === interested) {
      await recordPosition(m, { decisionId: own.id, position: "abstain", forum: "private_session", version: 1, conflict: "Spouse works for the provider" });
    } else if (m === objector) {
      await recordPosition(m, { decisionId: own.id, position: "object", comment: "Too risky", forum: "private_session", version: 1 });
    } else {
      await recordPosition(m, { decisionId: own.id, position: "support", forum: "private_session", version: 1 });
    }
  }
  const { items } = await heldMeeting(b.secretary, [met.id], { present });
  if (interested) await recordDeclaration(b.secretary, items[0].id, { userId: interested.userId, description: "Spouse works for the provider" });
  await recordResolution(b.secretary, items[0].id, { resolution: "approved", exceptions: objector ? [{ userId: objector.userId, position: "object", comment: "Too risky" }] : [] });
  const [p1, p2] = [await getSignOffPanel(b.chair, own.id), await getSignOffPanel(b.chair, met.id)];
  return { b, own: { status: await statusOf(own.id), supporting: p1.supportingCounted, chair: p1.chairSupports }, met: { status: await statusOf(met.id), supporting: p2.supportingCounted, chair: p2.chairSupports }, metId: met.id };
}

describe("the resolution", () => {
  it("reaches sign-off exactly as members' own positions would", async () => {
    const cases = [
      { present: (b: any) => [b.chair, b.ned1, b.ned2, b.exec], objector: (b: any) => b.ned2, expect: "signed_off" },
      { present: (b: any) => [b.chair, b.ned1, b.exec], objector: (b: any) => b.ned1, expect: "awaiting_sign_off" },
      { present: (b: any) => [b.chair, b.ned1, b.ned2, b.exec, b.ce], interested: (b: any) => b.chair, expect: "awaiting_sign_off" },
      { present: (b: any) => [b.ned1, b.ned2, b.exec], expect: "awaiting_sign_off" }, // the Chair is required and absent
    ];
    for (const c of cases) {
      const r = await bothWays(c);
      expect(r.met).toEqual(r.own);
      expect(r.met.status).toBe(c.expect);
    }
  });

  it("marks positions as recorded by the secretary at the meeting; a member's own later position supersedes, both stay", async () => {
    const b = await makeTrustWithSecretary(t.db);
    await makeAdmin(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce });
    const { items } = await heldMeeting(b.secretary, [d.id], { present: [b.chair, b.ned1, b.exec] });
    // Chair, NED and exec present, NED objects: two supporting, policy needs three, so still awaiting.
    const r = await recordResolution(b.secretary, items[0].id, { resolution: "approved", exceptions: [{ userId: b.ned1.userId, position: "object", comment: "The risk share is unclear" }] });
    expect(r).toMatchObject({ signedOff: false, status: "awaiting_sign_off", positionsRecorded: 3 });
    const notes = await listRecordedPositionNotes(b.ned1, d.id);
    expect(Object.values(notes)).toHaveLength(3);
    expect(Object.values(notes)[0]).toMatch(new RegExp(`^Recorded by ${b.secretary.name} at the board meeting in private of 3 December 2026$`));
    // NED 2, absent, supports afterwards: sign-off completes through the ordinary route.
    expect((await recordPosition(b.ned2, { decisionId: d.id, position: "support", forum: "private_session", version: 1 })).signedOff).toBe(true);
    // NED 1 changes their mind: a new position supersedes the one recorded at the meeting; both stay.
    const before = await t.db.select().from(positions).where(eq(positions.memberId, b.ned1.userId));
    expect(before).toHaveLength(1);
    await expect(recordResolution(b.secretary, items[0].id, { resolution: "approved" })).rejects.toMatchObject({ code: "conflict" });
    expect((await verifyAuditChains(t.db)).intact).toBe(true);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.organisationId, b.trust.id));
    expect(events.map((e) => e.action)).toContain("meeting.resolution");
  });

  it("a member supersedes what was recorded in their name", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce });
    const { items } = await heldMeeting(b.secretary, [d.id], { present: [b.chair, b.ned1, b.exec] });
    await recordResolution(b.secretary, items[0].id, { resolution: "approved", exceptions: [{ userId: b.ned1.userId, position: "abstain" }] });
    const res = await recordPosition(b.ned1, { decisionId: d.id, position: "support", forum: "private_session", version: 1 });
    expect(res).toMatchObject({ effect: "superseded", signedOff: true });
    const rows = await t.db.select().from(positions).where(eq(positions.memberId, b.ned1.userId));
    expect(rows).toHaveLength(2);
    expect(rows.find((p) => p.supersedesId)?.recordedById).toBeNull();
  });

  it("not approved is the Chair's decline; deferred leaves it awaiting; objections need their words", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const d1 = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce });
    const d2 = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce });
    const { items } = await heldMeeting(b.secretary, [d1.id, d2.id], { present: [b.chair, b.ned1, b.exec] });
    await expect(recordResolution(b.secretary, items[0].id, { resolution: "not_approved" })).rejects.toMatchObject({ code: "invalid", fieldErrors: { note: expect.any(String) } });
    await expect(recordResolution(b.secretary, items[0].id, { resolution: "approved", exceptions: [{ userId: b.ned1.userId, position: "object" }] })).rejects.toMatchObject({ code: "invalid" });
    await expect(recordResolution(b.secretary, items[0].id, { resolution: "approved", exceptions: [{ userId: b.ned2.userId, position: "abstain" }] })).rejects.toMatchObject({ code: "invalid", fieldErrors: { "exceptions.0.userId": expect.any(String) } });
    expect((await recordResolution(b.secretary, items[0].id, { resolution: "not_approved", note: "The board asked for a costed plan" })).status).toBe("declined");
    const [row] = await t.db.select().from(decisions).where(eq(decisions.id, d1.id));
    expect(row.declineReason).toBe("The board asked for a costed plan");
    expect((await recordResolution(b.secretary, items[1].id, { resolution: "deferred" })).status).toBe("awaiting_sign_off");
    expect(await statusOf(d2.id)).toBe("awaiting_sign_off");
  });
});

describe("meeting cycle rules", () => {
  it("records attendance and declarations only once held; the pack must be issued first", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce });
    const m = await createMeeting(b.secretary, { date: "2026-12-03", time: "10:00", kind: "private_board" });
    await addAgendaItem(b.secretary, m.id, { decisionId: d.id });
    await expect(recordAttendance(b.secretary, m.id, { attendance: [] })).rejects.toMatchObject({ code: "conflict" });
    await expect(markMeetingHeld(b.secretary, m.id)).rejects.toMatchObject({ code: "conflict" });
    await issuePack(b.secretary, m.id);
    await markMeetingHeld(b.secretary, m.id);
    const outsider = await makeTrustWithSecretary(t.db);
    await expect(recordAttendance(b.secretary, m.id, { attendance: [{ userId: outsider.chair.userId, attendance: "present" }] })).rejects.toMatchObject({ code: "invalid" });
    expect((await getMeeting(b.chair, m.id)).meeting.startsAt.toISOString()).toBe("2026-12-03T10:00:00.000Z");
    const summer = await createMeeting(b.secretary, { date: "2027-06-03", time: "10:00", kind: "committee", committeeName: "Finance and Performance Committee" });
    expect(summer.startsAt.toISOString()).toBe("2027-06-03T09:00:00.000Z");
    await expect(createMeeting(b.secretary, { date: "2027-02-30", time: "25:00", kind: "committee" })).rejects.toMatchObject({ code: "invalid", fieldErrors: { date: expect.any(String), time: expect.any(String), committeeName: expect.any(String) } });
  });
});

describe("the dashboards' sign-off panel", () => {
  it("counts decisions signed off at a meeting and individually, with the median days to the resolving meeting; another trust's board gets not found", async () => {
    const { getSignOffSummaryPanel } = await import("@/lib/dashboards");
    const b = await makeTrustWithSecretary(t.db);
    const other = await makeTrustWithSecretary(t.db);
    const atMeeting = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce, title: "Resolved at the board" });
    const individually = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce, title: "Signed off by members" });
    for (const m of [b.chair, b.ned1, b.ned2]) await recordPosition(m, { decisionId: individually.id, position: "support", forum: "public_board", version: 1 });
    const { items } = await heldMeeting(b.secretary, [atMeeting.id], { present: [b.chair, b.ned1, b.ned2, b.exec, b.ce] });
    expect((await recordResolution(b.secretary, items[0].id, { resolution: "approved" })).signedOff).toBe(true);

    const panel = await getSignOffSummaryPanel(b.chair, { kind: "trust", ods: b.trust.ods }, {});
    expect(panel).toMatchObject({ timed: 2, atMeeting: 1, individually: 1 });
    // The fixture meeting is on 3 December 2026; the decision was submitted just now.
    const [submitted] = await t.db.select({ at: decisions.submittedAt }).from(decisions).where(eq(decisions.id, atMeeting.id));
    const expected = (Date.parse("2026-12-03T10:00:00Z") - submitted.at!.getTime()) / 86_400_000;
    expect(panel.medianDaysToMeeting).not.toBeNull();
    expect(Math.abs(panel.medianDaysToMeeting! - expected)).toBeLessThan(0.2);
    await expect(getSignOffSummaryPanel(other.chair, { kind: "trust", ods: b.trust.ods }, {})).rejects.toMatchObject({ code: "not_found" });
  });
});
