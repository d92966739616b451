import "server-only";
// Reading meetings: the list, one meeting with its agenda, attendance, quorum and resolutions, the
// meetings a decision is on, the next meeting for the inbox, and who recorded a position at a meeting.
import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { decisionVersions, decisions, meetingAttendance, meetingDeclarations, meetingItems, meetings, organisations, positions, users, type CoverSheet } from "@/db/schema";
import { can, readableDecisionsWhere, type Actor } from "../access";
import { readableDecision } from "../decisions/access";
import { decisionMeetingItems, signOffReads } from "../decisions/page-reads";
import { AppError } from "../errors";
import { formatDate } from "../format";
import { loadMeeting, loadQuorumPolicy, loadTrustPeople, orgRef, quorumSeat, type BoardPerson } from "./access";
import type { OutsideEntry } from "../risk-appetite/taxonomy";
import { evaluateMeetingQuorum, type MeetingQuorum } from "./quorum";
import { MEETING_KIND_LABELS, type MeetingKind } from "./schemas";

/** The meeting's name in words: "Board meeting in public of 3 December 2026". */
export function meetingTitle(m: { kind: MeetingKind; committeeName: string; startsAt: Date }) {
  const what = m.kind === "committee" ? m.committeeName || "Committee" : MEETING_KIND_LABELS[m.kind];
  return `${what} of ${formatDate(m.startsAt)}`;
}

/** The trusts whose meetings the actor may read. */
function meetingTrustIds(actor: Actor) {
  return [...new Set(actor.memberships.map((m) => m.organisationId))].filter((id) => can(actor, "meeting.read", { id }));
}

export async function meetingQuorumIn(db: DbOrTx, meetingId: string, trustId: string): Promise<MeetingQuorum & { people: BoardPerson[] }> {
  const [people, policy, att] = await Promise.all([
    loadTrustPeople(db, trustId),
    loadQuorumPolicy(db, trustId),
    db.select({ userId: meetingAttendance.userId }).from(meetingAttendance).where(and(eq(meetingAttendance.meetingId, meetingId), eq(meetingAttendance.attendance, "present"))),
  ]);
  const present = new Set(att.map((a) => a.userId));
  const board = new Map<string, ReturnType<typeof quorumSeat>>();
  for (const p of people) {
    const s = quorumSeat(p);
    if (s) board.set(p.userId, s);
  }
  const seats = [...board.entries()].filter(([id]) => present.has(id)).map(([, s]) => s!);
  return { ...evaluateMeetingQuorum({ policy, boardSize: board.size, present: seats }), people };
}

export type MeetingListItem = { id: string; title: string; kind: MeetingKind; startsAt: Date; status: "planned" | "held" | "minuted"; location: string; trustName: string; items: number; packIssued: boolean };

/** The actor's trusts' meetings: upcoming first (soonest first), then past ones (latest first). */
export async function listMeetings(actor: Actor): Promise<MeetingListItem[]> {
  const trustIds = meetingTrustIds(actor);
  if (!trustIds.length) return [];
  const db = await getDb();
  const rows = await db
    .select({ m: meetings, trustName: organisations.name })
    .from(meetings)
    .innerJoin(organisations, eq(organisations.id, meetings.trustId))
    .where(inArray(meetings.trustId, trustIds))
    .orderBy(asc(meetings.startsAt));
  const counts = rows.length
    ? await db.select({ meetingId: meetingItems.meetingId }).from(meetingItems).where(inArray(meetingItems.meetingId, rows.map((r) => r.m.id)))
    : [];
  const n = new Map<string, number>();
  for (const c of counts) n.set(c.meetingId, (n.get(c.meetingId) ?? 0) + 1);
  const now = Date.now();
  const list = rows.map(({ m, trustName }) => ({ id: m.id, title: meetingTitle(m), kind: m.kind, startsAt: m.startsAt, status: m.status, location: m.location, trustName, items: n.get(m.id) ?? 0, packIssued: !!m.packIssuedAt }));
  const upcoming = list.filter((m) => m.startsAt.getTime() >= now || m.status === "planned");
  const past = list.filter((m) => !upcoming.includes(m)).reverse();
  return [...upcoming, ...past];
}

export type AgendaItemView = {
  id: string;
  ordinal: number;
  title: string;
  presenter: string;
  decision: null | { id: string; title: string; status: string; version: number; contentHash: string | null; visibility: "trust" | "system"; favoured: string | null; impactTrustK: number | null; impactSystemK: number | null; outsideAppetite: OutsideEntry[] };
  packVersion: number | null;
  packHash: string | null;
  amendedSincePack: boolean;
  cover: CoverSheet | null;
  /** Signed off by Chair's action between meetings: put to this meeting for ratification (issue 14). */
  forRatification: boolean;
  resolution: "approved" | "not_approved" | "deferred" | null;
  resolutionNote: string;
  declarations: { userId: string; name: string; description: string }[];
  positions: { memberName: string; position: "support" | "object" | "abstain"; comment: string }[];
};

export type MeetingView = Awaited<ReturnType<typeof getMeeting>>;

export async function getMeeting(actor: Actor, meetingId: string) {
  const db = await getDb();
  const { meeting, trust } = await loadMeeting(db, actor, meetingId);
  const [itemRows, att, decl, quorum, recorded] = await Promise.all([
    db
      .select({
        item: meetingItems,
        decision: decisions,
        // The domains outside the board's appetite, as frozen in the version the pack holds (the current one before it is issued): the cover sheet's words.
        outside: sql<OutsideEntry[] | string | null>`(select v.content->'riskAppetite'->'outside' from ${decisionVersions} v
          where v.decision_id = ${meetingItems.decisionId} and v.version = coalesce(${meetingItems.packVersion}, ${decisions.version}))`,
      })
      .from(meetingItems)
      .leftJoin(decisions, eq(decisions.id, meetingItems.decisionId))
      .where(eq(meetingItems.meetingId, meeting.id))
      .orderBy(asc(meetingItems.ordinal)),
    db.select({ userId: meetingAttendance.userId, attendance: meetingAttendance.attendance, name: users.name }).from(meetingAttendance).innerJoin(users, eq(users.id, meetingAttendance.userId)).where(eq(meetingAttendance.meetingId, meeting.id)).orderBy(asc(users.name)),
    db
      .select({ itemId: meetingDeclarations.itemId, userId: meetingDeclarations.userId, name: users.name, description: meetingDeclarations.description })
      .from(meetingDeclarations)
      .innerJoin(users, eq(users.id, meetingDeclarations.userId))
      .innerJoin(meetingItems, eq(meetingItems.id, meetingDeclarations.itemId))
      .where(eq(meetingItems.meetingId, meeting.id))
      .orderBy(asc(meetingDeclarations.createdAt)),
    meetingQuorumIn(db, meeting.id, trust.id),
    db
      .select({ decisionId: positions.decisionId, memberName: users.name, position: positions.position, comment: positions.comment })
      .from(positions)
      .innerJoin(users, eq(users.id, positions.memberId))
      .where(eq(positions.recordedAtMeetingId, meeting.id))
      .orderBy(asc(users.name)),
  ]);
  const items: AgendaItemView[] = itemRows.map(({ item, decision, outside }) => ({
    id: item.id,
    ordinal: item.ordinal,
    title: item.title,
    presenter: item.presenter,
    decision: decision
      ? { id: decision.id, title: decision.title, status: decision.status, version: decision.version, contentHash: decision.contentHash, visibility: decision.visibility, favoured: decision.favoured, impactTrustK: decision.impactTrustK, impactSystemK: decision.impactSystemK,
          outsideAppetite: (typeof outside === "string" ? (JSON.parse(outside) as OutsideEntry[] | null) : outside) ?? [] }
      : null,
    packVersion: item.packVersion,
    packHash: item.packHash,
    amendedSincePack: !!decision && item.packVersion !== null && decision.version !== item.packVersion,
    cover: item.forRatification ? { ...(item.cover ?? { recommendation: "", executiveLead: "", author: "", previouslyConsideredBy: "", strategicRisks: "" }), purpose: "ratification" as const } : item.cover,
    forRatification: item.forRatification,
    resolution: item.resolution,
    resolutionNote: item.resolutionNote,
    declarations: decl.filter((d) => d.itemId === item.id).map((d) => ({ userId: d.userId, name: d.name, description: d.description })),
    positions: decision ? recorded.filter((r) => r.decisionId === decision.id) : [],
  }));
  const org = orgRef(trust);
  const onAgenda = new Set(items.map((i) => i.decision?.id).filter(Boolean));
  const candidates =
    meeting.status === "planned" && (can(actor, "meeting.manage", org) || can(actor, "meeting.propose", org))
      ? (
          await db
            .select({ id: decisions.id, title: decisions.title, visibility: decisions.visibility })
            .from(decisions)
            .where(and(eq(decisions.trustId, trust.id), eq(decisions.status, "awaiting_sign_off"), readableDecisionsWhere(actor)))
            .orderBy(asc(decisions.title))
        ).filter((d) => !onAgenda.has(d.id) && !(meeting.kind === "public_board" && d.visibility === "trust"))
      : [];
  return {
    candidates,
    meeting: { id: meeting.id, title: meetingTitle(meeting), kind: meeting.kind, committeeName: meeting.committeeName, startsAt: meeting.startsAt, location: meeting.location, status: meeting.status, packIssuedAt: meeting.packIssuedAt, minutesSha256: meeting.minutesSha256, minutesFileName: meeting.minutesFileName, minutedAt: meeting.minutedAt },
    trust: { id: trust.id, name: trust.name, ods: trust.ods },
    items,
    attendance: att,
    quorum: { met: quorum.met, required: quorum.required, present: quorum.present, nonExecutivesPresent: quorum.nonExecutivesPresent, executivesPresent: quorum.executivesPresent, shortfalls: quorum.shortfalls },
    people: quorum.people,
    canManage: can(actor, "meeting.manage", org),
    canPropose: can(actor, "meeting.propose", org),
  };
}

/** The meetings a decision is on (for its page), for someone who may read both. */
export async function listMeetingsForDecision(actor: Actor, decisionId: string) {
  const { decision, trust } = await readableDecision(actor, decisionId);
  if (!can(actor, "meeting.read", orgRef(trust))) return [];
  // The page's one read of the decision's meeting items (shared with the Chair's action view).
  const rows = (await decisionMeetingItems(actor, decision.id)).filter((i) => i.trustId === trust.id);
  return rows.map((i) => ({
    meetingId: i.meetingId,
    title: meetingTitle(i),
    status: i.status,
    packVersion: i.packVersion,
    amendedSincePack: i.packVersion !== null && decision.version !== i.packVersion,
    resolution: i.resolution,
  }));
}

/** The next planned meeting of the actor's trusts (for the inbox), with whether its pack is out. */
export async function nextMeetingFor(actor: Actor) {
  const trustIds = meetingTrustIds(actor);
  if (!trustIds.length) return null;
  const db = await getDb();
  const [m] = await db
    .select()
    .from(meetings)
    .where(and(inArray(meetings.trustId, trustIds), eq(meetings.status, "planned"), gte(meetings.startsAt, new Date(Date.now() - 12 * 3600_000))))
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  return m ? { id: m.id, title: meetingTitle(m), startsAt: m.startsAt, location: m.location, packIssued: !!m.packIssuedAt } : null;
}

/** For a decision's sign-off panel: position id → "Recorded by <secretary> at the <meeting>". */
export async function listRecordedPositionNotes(actor: Actor, decisionId: string): Promise<Record<string, string>> {
  // In the page's one sign-off read, after the request's access-checked load of the decision.
  const { recorded } = await signOffReads(actor, decisionId);
  return Object.fromEntries(recorded.map((r) => [r.id, `Recorded by ${r.by} at the ${meetingTitle(r).replace(/^./, (c) => c.toLowerCase())}`]));
}



/** The trusts whose meetings the actor may create (Company Secretary, Chair). */
export async function listMeetingTrusts(actor: Actor) {
  const ids = [...new Set(actor.memberships.map((m) => m.organisationId))].filter((id) => can(actor, "meeting.manage", { id }));
  if (!ids.length) return [];
  const db = await getDb();
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, ids)).orderBy(asc(organisations.name));
}

/** An administrator reads a trust's meeting quorum (standing orders) for the admin page. */
export async function getMeetingQuorumSetting(actor: Actor, trustId: string) {
  if (!can(actor, "admin")) throw new AppError("not_found", "Page not found");
  return loadQuorumPolicy(await getDb(), trustId);
}
