import "server-only";
// Preparing a meeting: create it, build its agenda and cover sheets, issue the pack, hold it, record
// attendance and declarations. Each write is one transaction with its audit event.
import { and, eq, max } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { decisions, meetingAttendance, meetingDeclarations, meetingItems, meetingQuorumPolicies, meetings, organisations, type Meeting } from "@/db/schema";
import { assertCan, can, type Actor } from "../access";
import { recordAudit } from "../audit";
import { pickUpRatifications } from "../chairs-action";
import { loadReadableDecision } from "../decisions/access";
import { isUuid } from "../decisions/schemas";
import { AppError } from "../errors";
import { parseInput } from "../validation";
import { loadMeeting, loadTrustPeople, orgRef } from "./access";
import {
  AddItemSchema,
  AttendanceSchema,
  CoverSheetSchema,
  CreateMeetingSchema,
  DeclarationSchema,
  MeetingQuorumSchema,
  englandTimeToDate,
  type AddItemInput,
  type AttendanceInput,
  type CoverSheetInput,
  type CreateMeetingInput,
} from "./schemas";

const invalid = (fieldErrors: Record<string, string>) => new AppError("invalid", "Some answers need correcting", { fieldErrors });

function requireStatus(meeting: Meeting, status: Meeting["status"], doing: string) {
  if (meeting.status !== status) {
    throw new AppError("conflict", `You can ${doing} only while the meeting is ${status} (it is ${meeting.status}).`);
  }
}

/** The Company Secretary or the Chair creates a meeting of their trust. */
export async function createMeeting(actor: Actor, input: CreateMeetingInput & { trustId?: string }) {
  const { trustId: asked, ...rest } = input;
  const data = parseInput(CreateMeetingSchema, rest);
  const db = await getDb();
  const trustIds = [...new Set(actor.memberships.map((m) => m.organisationId))].filter((id) => can(actor, "meeting.manage", { id }));
  const trustId = asked ?? (trustIds.length === 1 ? trustIds[0] : undefined);
  if (!trustId || !trustIds.includes(trustId)) {
    if (trustIds.length === 0 || (asked && !trustIds.includes(asked))) throw new AppError("not_found", "Trust not found");
    throw invalid({ trustId: "Select the trust whose meeting this is" });
  }
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(meetings)
      .values({ trustId, startsAt: englandTimeToDate(data.date, data.time), kind: data.kind, committeeName: data.kind === "committee" ? data.committeeName : "", location: data.location, createdById: actor.userId })
      .returning();
    await recordAudit(tx, actor, { organisationId: trustId, action: "meeting.created", entityType: "meeting", entityId: row.id, after: { startsAt: row.startsAt.toISOString(), kind: row.kind, committeeName: row.committeeName, location: row.location } });
    // Decisions signed off by Chair's action and awaiting ratification come to the new board meeting (issue 14).
    await pickUpRatifications(tx, actor, row);
    return row;
  });
}

/**
 * Adds an item to a planned meeting's agenda: a decision awaiting sign-off (by the secretary or Chair,
 * or proposed by the trust's Chief Executive), or a plain item (secretary or Chair). A decision for the
 * trust board only goes only on a private meeting's agenda.
 */
export async function addAgendaItem(actor: Actor, meetingId: string, input: AddItemInput) {
  const data = parseInput(AddItemSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { meeting, trust } = await loadMeeting(tx, actor, meetingId, { lock: true });
    const manage = can(actor, "meeting.manage", orgRef(trust));
    const propose = can(actor, "meeting.propose", orgRef(trust));
    if (!manage && !(propose && data.decisionId)) assertCan(actor, "meeting.manage", orgRef(trust), { visible: true });
    requireStatus(meeting, "planned", "change the agenda");
    let title = data.title;
    let forRatification = false;
    if (data.decisionId) {
      const { decision } = await loadReadableDecision(tx, actor, data.decisionId).catch(() => {
        throw invalid({ decisionId: "Select a decision of this trust awaiting sign-off" });
      });
      // A decision signed off by Chair's action and awaiting ratification may go on a board agenda for ratification.
      forRatification = decision.status === "signed_off" && decision.ratification === "awaiting" && meeting.kind !== "committee";
      if (decision.trustId !== trust.id || (decision.status !== "awaiting_sign_off" && !forRatification)) throw invalid({ decisionId: "Select a decision of this trust awaiting sign-off" });
      if (decision.visibility === "trust" && meeting.kind === "public_board") {
        throw invalid({ decisionId: `"${decision.title}" is for the trust board only: it can go only on a private meeting's agenda, not a board meeting in public.` });
      }
      const [dupe] = await tx.select({ id: meetingItems.id }).from(meetingItems).where(and(eq(meetingItems.meetingId, meeting.id), eq(meetingItems.decisionId, decision.id)));
      if (dupe) throw invalid({ decisionId: "This decision is already on the agenda" });
      title = title || decision.title;
    }
    const [{ last }] = await tx.select({ last: max(meetingItems.ordinal) }).from(meetingItems).where(eq(meetingItems.meetingId, meeting.id));
    const cover = data.decisionId ? { purpose: forRatification ? ("ratification" as const) : ("decision" as const), recommendation: "", executiveLead: "", author: "", previouslyConsideredBy: "", strategicRisks: "", ...(data.cover ?? {}) } : null;
    const [item] = await tx
      .insert(meetingItems)
      .values({ meetingId: meeting.id, ordinal: (last ?? 0) + 1, title, presenter: data.presenter, decisionId: data.decisionId ?? null, forRatification, cover, proposedById: actor.userId })
      .returning();
    await recordAudit(tx, actor, { organisationId: trust.id, action: manage ? "meeting.item_added" : "meeting.item_proposed", entityType: "meeting", entityId: meeting.id, after: { itemId: item.id, ordinal: item.ordinal, title, decisionId: item.decisionId, ...(forRatification ? { forRatification } : {}) } });
    return item;
  });
}

async function loadItem(tx: Tx, actor: Actor, itemId: string) {
  const [item] = isUuid(itemId) ? await tx.select().from(meetingItems).where(eq(meetingItems.id, itemId)) : [];
  if (!item) throw new AppError("not_found", "Agenda item not found");
  const loaded = await loadMeeting(tx, actor, item.meetingId, { lock: true }).catch(() => {
    throw new AppError("not_found", "Agenda item not found");
  });
  return { item, ...loaded };
}
export { loadItem as unsafeLoadItemForMeetingWrite };

/** The secretary, the Chair or the trust's Chief Executive edits a decision item's cover sheet. */
export async function setCoverSheet(actor: Actor, itemId: string, input: CoverSheetInput) {
  const data = parseInput(CoverSheetSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { item, meeting, trust } = await loadItem(tx, actor, itemId);
    if (!can(actor, "meeting.manage", orgRef(trust)) && !can(actor, "meeting.propose", orgRef(trust))) assertCan(actor, "meeting.manage", orgRef(trust), { visible: true });
    if (!item.decisionId) throw invalid({ purpose: "Only a decision item has a cover sheet" });
    if (meeting.status === "minuted") throw new AppError("conflict", "The meeting is minuted: its papers can no longer change.");
    await tx.update(meetingItems).set({ cover: data }).where(eq(meetingItems.id, item.id));
    await recordAudit(tx, actor, { organisationId: trust.id, action: "meeting.cover_sheet", entityType: "meeting", entityId: meeting.id, before: { itemId: item.id, cover: item.cover }, after: { itemId: item.id, cover: data } });
    return data;
  });
}

/**
 * Issues the board pack: freezes, for each decision item, the version current now (the one the board
 * considers) and its content hash. Re-issuing while still planned freezes again.
 */
export async function issuePack(actor: Actor, meetingId: string) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { meeting, trust } = await loadMeeting(tx, actor, meetingId, { lock: true });
    assertCan(actor, "meeting.manage", orgRef(trust), { visible: true });
    requireStatus(meeting, "planned", "issue the pack");
    const items = await tx
      .select({ item: meetingItems, decision: decisions })
      .from(meetingItems)
      .innerJoin(decisions, eq(decisions.id, meetingItems.decisionId))
      .where(eq(meetingItems.meetingId, meeting.id));
    const frozen: { itemId: string; decisionId: string; version: number; contentHash: string }[] = [];
    for (const { item, decision } of items) {
      if (decision.visibility === "trust" && meeting.kind === "public_board") {
        throw new AppError("conflict", `"${decision.title}" is now for the trust board only: take it off this public agenda before issuing the pack.`);
      }
      if (decision.version < 1 || !decision.contentHash) continue;
      await tx.update(meetingItems).set({ packVersion: decision.version, packHash: decision.contentHash }).where(eq(meetingItems.id, item.id));
      frozen.push({ itemId: item.id, decisionId: decision.id, version: decision.version, contentHash: decision.contentHash });
    }
    const now = new Date();
    await tx.update(meetings).set({ packIssuedAt: now, packIssuedById: actor.userId, updatedAt: now }).where(eq(meetings.id, meeting.id));
    await recordAudit(tx, actor, { organisationId: trust.id, action: "meeting.pack_issued", entityType: "meeting", entityId: meeting.id, after: { items: frozen } });
    return { issuedAt: now, items: frozen };
  });
}

/** The meeting has taken place: attendance, declarations and resolutions can now be recorded. */
export async function markMeetingHeld(actor: Actor, meetingId: string) {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { meeting, trust } = await loadMeeting(tx, actor, meetingId, { lock: true });
    assertCan(actor, "meeting.manage", orgRef(trust), { visible: true });
    requireStatus(meeting, "planned", "mark the meeting held");
    if (!meeting.packIssuedAt) throw new AppError("conflict", "Issue the board pack before the meeting is held.");
    await tx.update(meetings).set({ status: "held", updatedAt: new Date() }).where(eq(meetings.id, meeting.id));
    await recordAudit(tx, actor, { organisationId: trust.id, action: "meeting.held", entityType: "meeting", entityId: meeting.id, before: { status: "planned" }, after: { status: "held" } });
  });
}

/** The secretary records who was present, sent apologies or was in attendance (replacing what was recorded). */
export async function recordAttendance(actor: Actor, meetingId: string, input: AttendanceInput) {
  const data = parseInput(AttendanceSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { meeting, trust } = await loadMeeting(tx, actor, meetingId, { lock: true });
    assertCan(actor, "meeting.manage", orgRef(trust), { visible: true });
    requireStatus(meeting, "held", "record attendance");
    const people = new Set((await loadTrustPeople(tx, trust.id)).map((p) => p.userId));
    const fieldErrors: Record<string, string> = {};
    data.attendance.forEach((a, i) => {
      if (!people.has(a.userId)) fieldErrors[`attendance.${i}.userId`] = "Select a member of this trust's board or its Company Secretary";
    });
    if (Object.keys(fieldErrors).length) throw invalid(fieldErrors);
    await tx.delete(meetingAttendance).where(eq(meetingAttendance.meetingId, meeting.id));
    if (data.attendance.length) await tx.insert(meetingAttendance).values(data.attendance.map((a) => ({ meetingId: meeting.id, userId: a.userId, attendance: a.attendance })));
    await recordAudit(tx, actor, { organisationId: trust.id, action: "meeting.attendance", entityType: "meeting", entityId: meeting.id, after: { attendance: data.attendance } });
    return data.attendance;
  });
}

/** The secretary records a declaration of interest on an agenda item. */
export async function recordDeclaration(actor: Actor, itemId: string, input: { userId: string; description: string }) {
  const data = parseInput(DeclarationSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { item, meeting, trust } = await loadItem(tx, actor, itemId);
    assertCan(actor, "meeting.manage", orgRef(trust), { visible: true });
    requireStatus(meeting, "held", "record a declaration of interest");
    const people = new Set((await loadTrustPeople(tx, trust.id)).map((p) => p.userId));
    if (!people.has(data.userId)) throw invalid({ userId: "Select a member of this trust's board" });
    const [row] = await tx.insert(meetingDeclarations).values({ itemId: item.id, userId: data.userId, description: data.description }).returning();
    await recordAudit(tx, actor, { organisationId: trust.id, action: "meeting.declaration", entityType: "meeting", entityId: meeting.id, after: { itemId: item.id, userId: data.userId, description: data.description } });
    return row;
  });
}

/** An administrator sets a trust's meeting quorum (standing orders). */
export async function setMeetingQuorumPolicy(actor: Actor, input: { trustId: string; minPresent: number | string | null; minNonExecutive: number | string; minExecutive: number | string }) {
  assertCan(actor, "admin");
  const data = parseInput(MeetingQuorumSchema, { ...input, minPresent: input.minPresent === "" ? null : input.minPresent });
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [trust] = await tx.select().from(organisations).where(and(eq(organisations.id, input.trustId), eq(organisations.kind, "trust"))).for("update");
    if (!trust) throw new AppError("not_found", "Trust not found");
    await tx
      .insert(meetingQuorumPolicies)
      .values({ trustId: trust.id, ...data })
      .onConflictDoUpdate({ target: meetingQuorumPolicies.trustId, set: { ...data, updatedAt: new Date() } });
    await recordAudit(tx, actor, { organisationId: trust.id, action: "meeting_quorum.changed", entityType: "organisation", entityId: trust.id, after: data });
    return data;
  });
}
