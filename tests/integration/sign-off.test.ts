import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, decisions, memberships, positions } from "@/db/schema";
import { removeMembership, setUserDisabled } from "@/lib/admin";
import { verifyAuditChains } from "@/lib/audit";
import { declineDecision, getSignOffPanel, recordPosition, setSignOffPolicy } from "@/lib/sign-off";
import { amendFixture, makeSubmittedDecision } from "../support/decision-fixture";
import { makeAdmin, makeTrustWithBoard, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

async function setup() {
  const board = await makeTrustWithBoard(t.db);
  const decision = await makeSubmittedDecision(t.db, { trust: board.trust, author: board.ce });
  return { ...board, decision };
}
const support = (version = 1) => ({ position: "support" as const, forum: "public_board" as const, version });

async function statusOf(id: string) {
  const [d] = await t.db.select().from(decisions).where(eq(decisions.id, id));
  return d;
}

describe("recording positions", () => {
  it("signs off automatically when the Chair and two NEDs support, in the same transaction, audited", async () => {
    const { decision, chair, ned1, ned2 } = await setup();
    expect((await recordPosition(chair, { decisionId: decision.id, ...support() })).signedOff).toBe(false);
    expect((await recordPosition(ned1, { decisionId: decision.id, ...support() })).status).toBe("awaiting_sign_off");
    const last = await recordPosition(ned2, { decisionId: decision.id, ...support() });
    expect(last).toMatchObject({ signedOff: true, status: "signed_off", effect: "recorded" });
    const d = await statusOf(decision.id);
    expect(d.status).toBe("signed_off");
    expect(d.signedOffAt).not.toBeNull();
    expect(d.revision).toBe(decision.revision + 1);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.organisationId, decision.trustId)).orderBy(auditEvents.seq);
    // After the Chief Executive's create and submit: three positions and the sign-off, nothing else.
    expect(events.map((e) => e.action).slice(-4)).toEqual(["position.recorded", "position.recorded", "position.recorded", "decision.signed_off"]);
    const [p] = await t.db.select().from(positions).where(eq(positions.memberId, ned2.userId));
    expect(p).toMatchObject({ decisionVersion: 1, contentHash: decision.contentHash, seat: "non_executive" });
    expect((await verifyAuditChains(t.db)).intact).toBe(true);
  });

  it("refuses positions from anyone but a board member of the decision's trust", async () => {
    const { decision, ce, icsLead, trust } = await setup();
    const other = await makeTrustWithBoard(t.db, { icsId: trust.icsId! });
    await expect(recordPosition(other.chair, { decisionId: decision.id, ...support() })).rejects.toMatchObject({ code: "not_found" });
    await expect(recordPosition(ce, { decisionId: decision.id, ...support() })).rejects.toMatchObject({ code: "forbidden" });
    // An ICS lead cannot even read a trust-only decision; shared with the system, they may read but not record.
    await expect(recordPosition(icsLead, { decisionId: decision.id, ...support() })).rejects.toMatchObject({ code: "not_found" });
    const shared = await makeSubmittedDecision(t.db, { trust, author: ce, visibility: "system" });
    await expect(recordPosition(icsLead, { decisionId: shared.id, ...support() })).rejects.toMatchObject({ code: "forbidden" });
    const admin = await makeAdmin(t.db);
    await expect(recordPosition(admin, { decisionId: decision.id, ...support() })).rejects.toMatchObject({ code: "not_found" });
    expect(await t.db.select().from(positions).where(eq(positions.decisionId, decision.id))).toHaveLength(0);
  });

  it("requires a comment to object, and a description for a declared conflict; nothing written on bad input", async () => {
    const { decision, ned1 } = await setup();
    await expect(recordPosition(ned1, { decisionId: decision.id, position: "object", forum: "public_board", version: 1 })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { comment: "Enter a comment saying why you object" },
    });
    await expect(recordPosition(ned1, { decisionId: decision.id, ...support(), conflict: "  " })).rejects.toMatchObject({
      fieldErrors: { conflict: "Describe your conflict of interest" },
    });
    await expect(recordPosition(ned1, { decisionId: decision.id, ...support(), forum: "pub" as never })).rejects.toMatchObject({ code: "invalid" });
    await expect(recordPosition(ned1, { decisionId: decision.id, ...support(), comment: "a\u0000b" })).rejects.toMatchObject({ code: "invalid" });
    expect(await t.db.select().from(positions).where(eq(positions.decisionId, decision.id))).toHaveLength(0);
  });

  it("refuses a position against a stale version or hash, with a clear message", async () => {
    const { decision, chair } = await setup();
    await amendFixture(t.db, decision.id);
    await expect(recordPosition(chair, { decisionId: decision.id, ...support(1) })).rejects.toMatchObject({
      code: "conflict",
      message: expect.stringContaining("version 2 is now current"),
    });
    await expect(recordPosition(chair, { decisionId: decision.id, ...support(2), contentHash: decision.contentHash! })).rejects.toMatchObject({ code: "conflict" });
    const ok = await recordPosition(chair, { decisionId: decision.id, ...support(2) });
    expect(ok.effect).toBe("recorded");
  });

  it("keeps positions on an older version visible but no longer counted after an amendment", async () => {
    const { decision, chair, ned1, ned2 } = await setup();
    await recordPosition(chair, { decisionId: decision.id, ...support() });
    await recordPosition(ned1, { decisionId: decision.id, position: "object", comment: "The cost is not shown", forum: "private_session", version: 1 });
    await amendFixture(t.db, decision.id);
    await recordPosition(ned2, { decisionId: decision.id, ...support(2) });
    const panel = await getSignOffPanel(chair, decision.id);
    expect(panel.decision.version).toBe(2);
    expect(panel.supportingCounted).toBe(1);
    expect(panel.positions).toHaveLength(3);
    const old = panel.positions.filter((p) => p.version === 1);
    expect(old.every((p) => !p.counts && p.notCountedReason === "On an older version")).toBe(true);
    expect(old.find((p) => p.position === "object")?.comment).toBe("The cost is not shown");
    expect(panel.notResponded.map((m) => m.seat).sort()).toEqual(["chair", "executive", "non_executive"]);
    expect(panel.canRecord).toBe(true);
  });

  it("treats an identical repeat as a no-op and a change of mind as a superseding position", async () => {
    const { decision, ned1, trust } = await setup();
    const first = await recordPosition(ned1, { decisionId: decision.id, ...support() });
    const again = await recordPosition(ned1, { decisionId: decision.id, ...support() });
    expect(again).toMatchObject({ effect: "unchanged", positionId: first.positionId });
    const changed = await recordPosition(ned1, { decisionId: decision.id, position: "abstain", comment: "I need more on workforce", forum: "public_board", version: 1 });
    expect(changed.effect).toBe("superseded");
    const rows = await t.db.select().from(positions).where(eq(positions.decisionId, decision.id));
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === changed.positionId)?.supersedesId).toBe(first.positionId);
    const audits = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, trust.id), eq(auditEvents.entityType, "position"))).orderBy(auditEvents.seq);
    expect(audits.map((a) => a.action)).toEqual(["position.recorded", "position.superseded"]);
  });

  it("records but does not count a conflicted member or the author, whatever their seat", async () => {
    const { trust, chair, ned1, ned2, exec } = await setup();
    // The author holds a board seat as well as being Chief Executive.
    const author = await makeUser(t.db, [
      { organisationId: trust.id, role: "chief_executive" },
      { organisationId: trust.id, role: "board_member", seat: "executive" },
    ]);
    const decision = await makeSubmittedDecision(t.db, { trust, author });
    await recordPosition(author, { decisionId: decision.id, ...support() });
    await recordPosition(chair, { decisionId: decision.id, ...support() });
    await recordPosition(ned1, { decisionId: decision.id, ...support(), conflict: "My spouse works at the neighbouring trust" });
    expect((await statusOf(decision.id)).status).toBe("awaiting_sign_off");
    await recordPosition(ned2, { decisionId: decision.id, ...support() });
    expect((await statusOf(decision.id)).status).toBe("awaiting_sign_off");
    const done = await recordPosition(exec, { decisionId: decision.id, ...support() });
    expect(done.signedOff).toBe(true);
    const panel = await getSignOffPanel(chair, decision.id);
    expect(panel.signedOff?.by.map((b) => b.seat).sort()).toEqual(["chair", "executive", "non_executive"]);
    expect(panel.positions.find((p) => p.conflictDeclared)?.conflictDescription).toBe("My spouse works at the neighbouring trust");
  });

  it("refuses positions once signed off, and keeps dissent visible after sign-off", async () => {
    const { decision, chair, ned1, ned2, exec } = await setup();
    await recordPosition(exec, { decisionId: decision.id, position: "object", comment: "Our own waiting list grows", forum: "public_board", version: 1 });
    await recordPosition(chair, { decisionId: decision.id, ...support() });
    await recordPosition(ned1, { decisionId: decision.id, ...support() });
    await recordPosition(ned2, { decisionId: decision.id, ...support() });
    await expect(recordPosition(exec, { decisionId: decision.id, ...support() })).rejects.toMatchObject({ code: "conflict" });
    const panel = await getSignOffPanel(ned1, decision.id);
    expect(panel.decision.status).toBe("signed_off");
    expect(panel.signedOff).toMatchObject({ version: 1, contentHash: decision.contentHash });
    expect(panel.tally).toEqual({ support: 3, object: 1, abstain: 0 });
    expect(panel.positions.find((p) => p.position === "object")?.comment).toBe("Our own waiting list grows");
    expect(panel.canRecord).toBe(false);
  });

  it("follows the trust's policy as set by an administrator", async () => {
    const { decision, trust, ned1, chair } = await setup();
    const admin = await makeAdmin(t.db);
    await expect(setSignOffPolicy(chair, { trustId: trust.id, minSupport: 1, chairRequired: false, reason: "x" })).rejects.toMatchObject({ code: "not_found" });
    await expect(setSignOffPolicy(admin, { trustId: trust.id, minSupport: 0, chairRequired: false })).rejects.toMatchObject({ code: "invalid" });
    await setSignOffPolicy(admin, { trustId: trust.id, minSupport: 1, chairRequired: false, reason: "Smaller board this year" });
    expect((await recordPosition(ned1, { decisionId: decision.id, ...support() })).signedOff).toBe(true);
  });

  it("a lowered policy signs off, at once and audited, every waiting decision it now completes (issue 10 item 2)", async () => {
    const { decision, trust, ned1, chair, ce } = await setup();
    const other = await makeSubmittedDecision(t.db, { trust, author: ce, title: "Only one supporter" });
    const admin = await makeAdmin(t.db);
    await recordPosition(chair, { decisionId: decision.id, ...support() });
    expect((await recordPosition(ned1, { decisionId: decision.id, ...support() })).signedOff).toBe(false);
    await recordPosition(chair, { decisionId: other.id, ...support() });
    // A reason is required, and nothing changes without one.
    await expect(setSignOffPolicy(admin, { trustId: trust.id, minSupport: 2, chairRequired: true })).rejects.toMatchObject({ code: "invalid" });
    expect((await statusOf(decision.id)).status).toBe("awaiting_sign_off");
    const result = await setSignOffPolicy(admin, { trustId: trust.id, minSupport: 2, chairRequired: true, reason: "Board reduced to five members" });
    expect(result).toMatchObject({ waiting: 2, signedOff: [decision.id] });
    expect((await statusOf(decision.id)).status).toBe("signed_off");
    expect((await statusOf(other.id)).status).toBe("awaiting_sign_off");
    expect(await t.db.select().from(positions).where(eq(positions.decisionId, decision.id))).toHaveLength(2);
    const [ev] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, decision.id), eq(auditEvents.action, "decision.signed_off")));
    expect(ev.actorId).toBe(admin.userId);
    expect(JSON.stringify(ev.after)).toContain("Board reduced to five members");
    const [change] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, trust.id), eq(auditEvents.action, "sign_off_policy.changed")));
    expect(JSON.stringify(change.after)).toContain("Board reduced to five members");
    // Recording the same position again changes nothing more.
    await expect(recordPosition(ned1, { decisionId: decision.id, ...support() })).rejects.toMatchObject({ code: "conflict" });
    expect((await verifyAuditChains(t.db)).intact).toBe(true);
  });
});

describe("policy changed on the admin organisation form (issue 10 item 2)", () => {
  it("applies the same rule: says how many wait, needs a reason, signs off those now complete", async () => {
    const { decision, trust, ned1, chair } = await setup();
    const admin = await makeAdmin(t.db);
    const { countDecisionsAwaitingSignOff } = await import("@/lib/sign-off");
    const { getOrganisation, updateOrganisation } = await import("@/lib/admin");
    await recordPosition(chair, { decisionId: decision.id, ...support() });
    await recordPosition(ned1, { decisionId: decision.id, ...support() });
    expect(await countDecisionsAwaitingSignOff(admin, trust.id)).toBe(1);
    await expect(countDecisionsAwaitingSignOff(chair, trust.id)).rejects.toMatchObject({ code: "not_found" });
    const ics = await getOrganisation(admin, trust.icsId!);
    const fields = { kind: "trust", name: trust.name, ods: trust.ods, icsOds: ics.ods, trustType: "acute", signOffMinSupport: 2, signOffChairRequired: "yes" };
    await expect(updateOrganisation(admin, trust.id, fields)).rejects.toMatchObject({ code: "invalid" });
    expect((await statusOf(decision.id)).status).toBe("awaiting_sign_off");
    await updateOrganisation(admin, trust.id, { ...fields, policyChangeReason: "Board reduced to five members" });
    expect((await statusOf(decision.id)).status).toBe("signed_off");
    expect(await countDecisionsAwaitingSignOff(admin, trust.id)).toBe(0);
  });
});

describe("sign-off that cannot complete (issue 10 item 1)", () => {
  it("says so when every member has responded and too few support", async () => {
    const { decision, chair, ned1, ned2, exec, ce } = await setup();
    await recordPosition(chair, { decisionId: decision.id, ...support() });
    await recordPosition(exec, { decisionId: decision.id, ...support() });
    let panel = await getSignOffPanel(ce, decision.id);
    expect(panel.blocked).toBe(false);
    await recordPosition(ned1, { decisionId: decision.id, position: "object", comment: "Too costly", forum: "public_board", version: 1 });
    await recordPosition(ned2, { decisionId: decision.id, ...support(), conflict: "My spouse works at the neighbouring trust" });
    panel = await getSignOffPanel(ce, decision.id);
    expect(panel).toMatchObject({ blocked: true, stillNeeded: 1, notResponded: [] });
    expect(panel.blockedReason).toMatch(/Every board member has responded/);
    const { getInbox } = await import("@/lib/inbox");
    const row = (await getInbox(ce)).asChiefExecutive!.awaiting.find((d) => d.id === decision.id)!;
    expect(row.blocked).toBe(true);
    // A member changing their position is a way out.
    await recordPosition(ned1, { decisionId: decision.id, ...support() });
    expect((await statusOf(decision.id)).status).toBe("signed_off");
  });

  it("says so when the Chair is required and has objected, while others have yet to respond", async () => {
    const { decision, chair, ce } = await setup();
    await recordPosition(chair, { decisionId: decision.id, position: "object", comment: "No", forum: "public_board", version: 1 });
    const panel = await getSignOffPanel(ce, decision.id);
    expect(panel.blocked).toBe(true);
    expect(panel.blockedReason).toMatch(/Chair/);
    const { getInbox } = await import("@/lib/inbox");
    expect((await getInbox(ce)).asChiefExecutive!.awaiting.find((d) => d.id === decision.id)!.blocked).toBe(true);
  });

  it("is not blocked while enough members have yet to respond", async () => {
    const { decision, ned1, ce, chair } = await setup();
    await recordPosition(ned1, { decisionId: decision.id, position: "object", comment: "No", forum: "public_board", version: 1 });
    expect((await getSignOffPanel(ce, decision.id)).blocked).toBe(false);
    expect((await getSignOffPanel(chair, decision.id)).blocked).toBe(false);
  });
});

describe("members who leave the board", () => {
  it("stops counting a member who has left or been disabled, and does not sign off on their support", async () => {
    const { decision, chair, ned1, ned2, exec, trust } = await setup();
    const admin = await makeAdmin(t.db);
    await recordPosition(chair, { decisionId: decision.id, ...support() });
    await recordPosition(ned1, { decisionId: decision.id, ...support() });
    const [m] = await t.db.select().from(memberships).where(and(eq(memberships.userId, ned1.userId), eq(memberships.organisationId, trust.id)));
    await removeMembership(admin, { membershipId: m.id });
    // NED2's support would have been the third; NED1 no longer counts.
    expect((await recordPosition(ned2, { decisionId: decision.id, ...support() })).signedOff).toBe(false);
    const panel = await getSignOffPanel(chair, decision.id);
    // Still shown, marked as not counted.
    expect(panel.positions.find((p) => p.memberName === ned1.name)).toMatchObject({ counts: false, notCountedReason: "No longer a member of the board" });
    expect((await statusOf(decision.id)).status).toBe("awaiting_sign_off");
    // A disabled member's support does not count either.
    await setUserDisabled(admin, { userId: ned2.userId, disabled: true });
    expect((await recordPosition(exec, { decisionId: decision.id, ...support() })).signedOff).toBe(false);
    await setUserDisabled(admin, { userId: ned2.userId, disabled: false });
    const before = await statusOf(decision.id);
    expect(before.status).toBe("awaiting_sign_off");
  });
});

describe("concurrency", () => {
  it("20 identical requests in parallel from one member give one position", async () => {
    const { decision, ned1, trust } = await setup();
    const results = await Promise.all(Array.from({ length: 20 }, () => recordPosition(ned1, { decisionId: decision.id, ...support() })));
    expect(results.filter((r) => r.effect === "recorded")).toHaveLength(1);
    expect(results.filter((r) => r.effect === "unchanged")).toHaveLength(19);
    expect(await t.db.select().from(positions).where(eq(positions.decisionId, decision.id))).toHaveLength(1);
    const audits = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, trust.id), eq(auditEvents.entityType, "position")));
    expect(audits).toHaveLength(1);
  });

  it("20 identical completing requests sign off exactly once", async () => {
    const { decision, chair, ned1, ned2, trust } = await setup();
    await recordPosition(chair, { decisionId: decision.id, ...support() });
    await recordPosition(ned1, { decisionId: decision.id, ...support() });
    const results = await Promise.all(Array.from({ length: 20 }, () => recordPosition(ned2, { decisionId: decision.id, ...support() }).catch((e) => e)));
    expect(results.filter((r) => r.signedOff === true)).toHaveLength(1);
    const signed = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, trust.id), eq(auditEvents.action, "decision.signed_off")));
    expect(signed).toHaveLength(1);
    expect((await statusOf(decision.id)).revision).toBe(decision.revision + 1);
  });

  it("two members completing the quorum at the same moment sign off exactly once", async () => {
    const { decision, chair, ned1, ned2, exec, trust } = await setup();
    await recordPosition(chair, { decisionId: decision.id, ...support() });
    await recordPosition(ned1, { decisionId: decision.id, ...support() });
    const [a, b] = await Promise.allSettled([
      recordPosition(ned2, { decisionId: decision.id, ...support() }),
      recordPosition(exec, { decisionId: decision.id, ...support() }),
    ]);
    const fulfilled = [a, b].filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<{ signedOff: boolean }>).value);
    expect(fulfilled.filter((r) => r.signedOff)).toHaveLength(1);
    // The loser arrives after sign-off and is refused: a position is only taken while awaiting.
    const rejected = [a, b].filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(rejected.every((r) => r.reason.code === "conflict")).toBe(true);
    const signed = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, trust.id), eq(auditEvents.action, "decision.signed_off")));
    expect(signed).toHaveLength(1);
    expect((await verifyAuditChains(t.db)).intact).toBe(true);
  });
});

describe("declining", () => {
  it("lets only the Chair decline, with a reason", async () => {
    const { decision, chair, ned1, ce } = await setup();
    await expect(declineDecision(ned1, { decisionId: decision.id, reason: "No" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(declineDecision(ce, { decisionId: decision.id, reason: "No" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(declineDecision(chair, { decisionId: decision.id, reason: "  " })).rejects.toMatchObject({
      code: "invalid",
      fieldErrors: { reason: "Enter the reason for declining" },
    });
    const other = await makeTrustWithBoard(t.db);
    await expect(declineDecision(other.chair, { decisionId: decision.id, reason: "No" })).rejects.toMatchObject({ code: "not_found" });
    expect(await declineDecision(chair, { decisionId: decision.id, reason: "The risk to our own elective recovery is too high" })).toEqual({ status: "declined" });
    const d = await statusOf(decision.id);
    expect(d).toMatchObject({ status: "declined", declineReason: "The risk to our own elective recovery is too high", revision: decision.revision + 1 });
    await expect(declineDecision(chair, { decisionId: decision.id, reason: "Again" })).rejects.toMatchObject({ code: "conflict" });
    await expect(recordPosition(ned1, { decisionId: decision.id, ...support() })).rejects.toMatchObject({ code: "conflict" });
  });
});
