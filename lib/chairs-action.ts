import "server-only";
// Chair's action, ratified at the next board (issue 14 part 2). A Chief Executive marks a decision
// urgent, with a reason; the Chair and the non-executive director(s) the trust's standing orders ask
// for may then sign it off between meetings (positions with forum `chairs_action`; the rule itself is
// evaluateChairsAction in lib/quorum.ts, applied by evaluateSignOff in lib/sign-off.ts). It is then
// "signed off — awaiting ratification" and goes on the agenda of the trust's next planned board
// meeting (public, or private when for the trust board only) as an item for ratification; that
// meeting's resolution ratifies it or not.
import { and, asc, eq, max, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Tx } from "@/db/client";
import { decisions, meetingItems, meetings, organisations, type Decision, type Meeting } from "@/db/schema";
import { assertCan, can, ROLE, type Actor, type Seat } from "./access";
import { recordAccessChange } from "./admin/access-changes";
import { refuseSelf } from "./admin/users";
import { recordAudit } from "./audit";
import { loadReadableDecision, readableDecision } from "./decisions/access";
import { decisionMeetingItems } from "./decisions/page-reads";
import { AppError } from "./errors";
import { formatDate } from "./format";
import { notifyNotRatified } from "./notifications/events";
import { parseInput, text } from "./validation";

export const OUTSIDE_APPETITE_MESSAGE = "This decision is outside the board's risk appetite, so it cannot be signed off by Chair's action; it needs the board";
export const NOT_URGENT_MESSAGE = "Chair's action is only for a decision its Chief Executive has marked urgent: choose the meeting where the board took this position";
export const NOT_NED_MESSAGE = "Only the Chair and non-executive directors sign off by Chair's action";

export { RATIFICATION_LABELS, ratificationWords, type RatificationState } from "./chairs-action-words";
import type { RatificationState } from "./chairs-action-words";

const invalid = (field: string, message: string) => new AppError("invalid", message, { fieldErrors: { [field]: message } });

/** Refuses a position by Chair's action that the rules do not allow (inside recordPosition's transaction). */
export function assertChairsActionAllowed(decision: Pick<Decision, "urgent" | "outsideAppetite">, seat: Seat) {
  if (decision.outsideAppetite) throw invalid("forum", OUTSIDE_APPETITE_MESSAGE);
  if (!decision.urgent) throw invalid("forum", NOT_URGENT_MESSAGE);
  if (seat !== "chair" && seat !== "non_executive") throw invalid("forum", NOT_NED_MESSAGE);
}

// ---------------------------------------------------------------- marking a decision urgent

export const UrgencySchema = z
  .object({
    urgent: z.preprocess((v) => (v === "yes" || v === "true" || v === true ? true : v === "no" || v === "false" || v === false ? false : v), z.boolean({ error: "Select whether the decision is urgent" })),
    reason: text("the reason it is urgent", 2000).optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.urgent && !v.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: "Enter why the decision cannot wait for the next board meeting" });
  });
export type UrgencyInput = z.input<typeof UrgencySchema>;

/** The Chief Executive marks a draft or a decision awaiting sign-off urgent (with a reason), or no longer urgent. */
export async function setUrgency(actor: Actor, input: { decisionId: string } & UrgencyInput) {
  const { decisionId, ...rest } = input;
  const data = parseInput(UrgencySchema, rest);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { decision, trust } = await loadReadableDecision(tx, actor, decisionId, { lock: true });
    assertCan(actor, "decision.edit", { id: trust.id, icsId: trust.icsId }, { visible: true });
    if (decision.status !== "draft" && decision.status !== "awaiting_sign_off") {
      throw new AppError("conflict", "Only a draft or a decision awaiting sign-off can be marked urgent.");
    }
    const reason = data.urgent ? data.reason : "";
    if (decision.urgent === data.urgent && decision.urgentReason === reason) return { urgent: decision.urgent, reason, changed: false };
    const now = new Date();
    await tx
      .update(decisions)
      .set({ urgent: data.urgent, urgentReason: reason, urgentAt: data.urgent ? now : null, revision: sql`${decisions.revision} + 1`, updatedAt: now })
      .where(eq(decisions.id, decision.id));
    await recordAudit(tx, actor, {
      organisationId: trust.id,
      action: data.urgent ? "decision.marked_urgent" : "decision.urgent_removed",
      entityType: "decision",
      entityId: decision.id,
      before: { urgent: decision.urgent, urgentReason: decision.urgentReason, revision: decision.revision },
      after: { urgent: data.urgent, urgentReason: reason, revision: decision.revision + 1 },
    });
    return { urgent: data.urgent, reason, changed: true };
  });
}

// ---------------------------------------------------------------- the standing orders' setting

export const ChairsActionSettingSchema = z.object({
  neds: z.coerce
    .number({ error: "Non-executive directors for Chair's action must be 1 or 2" })
    .int({ error: "Non-executive directors for Chair's action must be 1 or 2" })
    .min(1, { error: "Non-executive directors for Chair's action must be 1 or 2" })
    .max(2, { error: "Non-executive directors for Chair's action must be 1 or 2" }),
  reason: text("the reason for the change", 2000, { required: true }),
});

/** An administrator sets how many non-executive directors must join the Chair for Chair's action (standing orders). */
export async function setChairsActionNeds(actor: Actor, input: { trustId: string; neds: number | string; reason?: string }) {
  assertCan(actor, "admin");
  if (actor.memberships.some((m) => m.organisationId === input.trustId && m.role !== ROLE.admin)) {
    await refuseSelf(actor, actor.userId, "organisation.chairs_action", "You cannot change the Chair's action rule of a board you sit on: another administrator must make this change");
  }
  const data = parseInput(ChairsActionSettingSchema, { neds: input.neds, reason: input.reason });
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!z.uuid().safeParse(input.trustId).success) throw new AppError("not_found", "Trust not found");
    const [trust] = await tx.select().from(organisations).where(and(eq(organisations.id, input.trustId), eq(organisations.kind, "trust"))).for("update");
    if (!trust) throw new AppError("not_found", "Trust not found");
    if (trust.chairsActionNeds === data.neds) return { neds: data.neds, changed: false };
    await tx.update(organisations).set({ chairsActionNeds: data.neds, updatedAt: new Date() }).where(eq(organisations.id, trust.id));
    await recordAudit(tx, actor, {
      organisationId: trust.id,
      action: "chairs_action_policy.changed",
      entityType: "organisation",
      entityId: trust.id,
      before: { neds: trust.chairsActionNeds },
      after: { neds: data.neds, reason: data.reason },
    });
    const words = (n: number) => `the Chair and ${n === 1 ? "one non-executive director" : "two non-executive directors"}`;
    await recordAccessChange(tx, actor, trust.id, `Chair's action changed from ${words(trust.chairsActionNeds)} to ${words(data.neds)}`);
    return { neds: data.neds, changed: true };
  });
}

// ---------------------------------------------------------------- the next board meeting's agenda

const MEETING_FOR = (visibility: Decision["visibility"]) => (visibility === "trust" ? ("private_board" as const) : ("public_board" as const));

async function putOnAgenda(tx: Tx, actor: Actor | null, meeting: Meeting, decision: Decision) {
  const cover = { purpose: "ratification" as const, recommendation: "The board is asked to ratify the Chair's action.", executiveLead: "", author: "", previouslyConsideredBy: "Chair's action", strategicRisks: "" };
  const [existing] = await tx.select().from(meetingItems).where(and(eq(meetingItems.meetingId, meeting.id), eq(meetingItems.decisionId, decision.id)));
  let itemId: string;
  if (existing) {
    // Already on this agenda for decision: it now comes to the board for ratification instead.
    await tx.update(meetingItems).set({ forRatification: true, cover: { ...(existing.cover ?? cover), purpose: "ratification" } }).where(eq(meetingItems.id, existing.id));
    itemId = existing.id;
  } else {
    const [{ last }] = await tx.select({ last: max(meetingItems.ordinal) }).from(meetingItems).where(eq(meetingItems.meetingId, meeting.id));
    const [item] = await tx
      .insert(meetingItems)
      .values({ meetingId: meeting.id, ordinal: (last ?? 0) + 1, title: decision.title, decisionId: decision.id, forRatification: true, cover, proposedById: actor?.userId ?? meeting.createdById })
      .returning();
    itemId = item.id;
  }
  await recordAudit(tx, actor, {
    organisationId: decision.trustId,
    action: "meeting.ratification_item_added",
    entityType: "meeting",
    entityId: meeting.id,
    after: { itemId, decisionId: decision.id, forRatification: true, version: decision.version, contentHash: decision.contentHash },
  });
  return itemId;
}

/**
 * In the transaction that signs a decision off by Chair's action: puts it on the agenda of the trust's
 * next planned board meeting of the right kind (not `excludeMeetingId`). With none planned yet, it waits
 * for createMeeting to pick it up. Returns the meeting it went on, if any.
 */
export async function placeForRatification(tx: Tx, actor: Actor | null, decisionId: string, excludeMeetingId?: string): Promise<string | null> {
  const [decision] = await tx.select().from(decisions).where(eq(decisions.id, decisionId));
  if (!decision || decision.ratification !== "awaiting") return null;
  const [meeting] = await tx
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.trustId, decision.trustId),
        eq(meetings.kind, MEETING_FOR(decision.visibility)),
        // Planned: not yet held (a meeting whose date has passed but is not marked held is still to come).
        eq(meetings.status, "planned"),
        excludeMeetingId ? ne(meetings.id, excludeMeetingId) : undefined,
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(1)
    .for("update");
  if (!meeting) return null;
  await putOnAgenda(tx, actor, meeting, decision);
  return meeting.id;
}

/** In createMeeting's transaction: a new board meeting takes every decision of its kind awaiting ratification not already on a planned agenda. */
export async function pickUpRatifications(tx: Tx, actor: Actor, meeting: Meeting): Promise<number> {
  if (meeting.kind === "committee" || meeting.status !== "planned") return 0;
  const waiting = await tx
    .select()
    .from(decisions)
    .where(
      and(
        eq(decisions.trustId, meeting.trustId),
        eq(decisions.ratification, "awaiting"),
        meeting.kind === "private_board" ? eq(decisions.visibility, "trust") : eq(decisions.visibility, "system"),
        sql`not exists (select 1 from ${meetingItems} i where i.decision_id = ${decisions.id} and i.for_ratification and (i.resolution is null or i.resolution <> 'deferred'))`,
      ),
    )
    .orderBy(asc(decisions.chairsActionAt), asc(decisions.id));
  for (const d of waiting) await putOnAgenda(tx, actor, meeting, d);
  return waiting.length;
}

/**
 * The board's resolution on an item for ratification (lib/meetings/resolution.ts, in its transaction):
 * approved → ratified; not approved → not ratified (its Chief Executive and Chair are told; it stays
 * signed off, in the record); deferred → still awaiting, and put to the next planned meeting.
 */
export async function resolveRatification(tx: Tx, actor: Actor, input: { decision: Decision; meeting: Meeting; meetingTitle: string; resolution: "approved" | "not_approved" | "deferred"; note: string }) {
  const { decision, meeting } = input;
  if (decision.ratification !== "awaiting") throw new AppError("conflict", `"${decision.title}" is not awaiting ratification, so the board's resolution cannot change it.`);
  if (input.resolution === "deferred") {
    await placeForRatification(tx, actor, decision.id, meeting.id);
    return "awaiting" as const;
  }
  const to: RatificationState = input.resolution === "approved" ? "ratified" : "not_ratified";
  const now = new Date();
  await tx
    .update(decisions)
    .set({ ratification: to, ratificationDecidedAt: now, revision: sql`${decisions.revision} + 1`, updatedAt: now })
    .where(eq(decisions.id, decision.id));
  await recordAudit(tx, actor, {
    organisationId: decision.trustId,
    action: to === "ratified" ? "decision.ratified" : "decision.not_ratified",
    entityType: "decision",
    entityId: decision.id,
    before: { ratification: decision.ratification, revision: decision.revision },
    after: { ratification: to, meetingId: meeting.id, note: input.note, version: decision.version, contentHash: decision.contentHash, revision: decision.revision + 1 },
  });
  if (to === "not_ratified") await notifyNotRatified(tx, { decisionId: decision.id, meetingTitle: input.meetingTitle, on: now.toISOString(), actorId: actor.userId });
  return to;
}

// ---------------------------------------------------------------- the decision page

export type ChairsActionView = {
  urgent: boolean;
  urgentReason: string;
  urgentAt: Date | null;
  outsideAppetite: boolean;
  nedsRequired: number;
  ratification: RatificationState | null;
  chairsActionAt: Date | null;
  ratificationDecidedAt: Date | null;
  /** The meeting the decision is (or was) put to for ratification, newest first. */
  items: { meetingId: string; meetingStartsAt: Date; meetingKind: Meeting["kind"]; meetingStatus: Meeting["status"]; resolution: "approved" | "not_approved" | "deferred" | null; resolutionNote: string }[];
  /** In words: the state line the page shows. */
  words: string | null;
  canMarkUrgent: boolean;
};

/** What the decision page shows about urgency, Chair's action and ratification (to anyone who may read it). */
export async function getChairsActionView(actor: Actor, decisionId: string): Promise<ChairsActionView> {
  const { decision, trust } = await readableDecision(actor, decisionId);
  // The page's one read of the decision's meeting items (shared with its meetings section).
  const items = (await decisionMeetingItems(actor, decision.id))
    .filter((i) => i.forRatification)
    .map((i) => ({
      meetingId: i.meetingId,
      meetingStartsAt: i.startsAt,
      meetingKind: i.kind,
      meetingStatus: i.status,
      resolution: i.resolution,
      resolutionNote: i.resolutionNote,
    }));
  const ratification = decision.ratification as RatificationState | null;
  const words =
    ratification === "awaiting"
      ? `Signed off by Chair's action on ${formatDate(decision.chairsActionAt)} — awaiting ratification${items[0] && !items[0].resolution ? ` at the board meeting on ${formatDate(items[0].meetingStartsAt)}` : " at the next board meeting"}`
      : ratification === "ratified"
        ? `Signed off by Chair's action on ${formatDate(decision.chairsActionAt)}; ratified on ${formatDate(decision.ratificationDecidedAt)}`
        : ratification === "not_ratified"
          ? `Not ratified on ${formatDate(decision.ratificationDecidedAt)} (signed off by Chair's action on ${formatDate(decision.chairsActionAt)})`
          : null;
  const org = { id: trust.id, icsId: trust.icsId };
  return {
    urgent: decision.urgent,
    urgentReason: decision.urgentReason,
    urgentAt: decision.urgentAt,
    outsideAppetite: decision.outsideAppetite,
    nedsRequired: trust.chairsActionNeds,
    ratification,
    chairsActionAt: decision.chairsActionAt,
    ratificationDecidedAt: decision.ratificationDecidedAt,
    items,
    words,
    canMarkUrgent: (decision.status === "draft" || decision.status === "awaiting_sign_off") && can(actor, "decision.edit", org),
  };
}
