import "server-only";
// Reads the decision page's sections share (statements per request, issue 16): each is one statement
// (json_agg subqueries), loaded once per request for the actor (lib/request-memo.ts), after the
// request's one access-checked load of the decision (readableDecision). The sections' own functions
// (getSignOffPanel, listRecordedPositionNotes, getImportedSignOff, getChairsActionView,
// listMeetingsForDecision) still check access and shape what they show; they take their rows from here.
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { meetingItems, meetings, positions } from "@/db/schema";
import type { Actor } from "../access";
import { memoised } from "../request-memo";
import { readableDecision } from "./access";

type Position = typeof positions.$inferSelect;
type Seat = Position["seat"];
type MeetingKind = (typeof meetings.$inferSelect)["kind"];

/** JSON from one statement: PGlite may hand json columns back as text. */
const fromJson = <T>(v: T | string): T => (typeof v === "string" ? (JSON.parse(v) as T) : v);
const date = (v: string | Date) => new Date(v);

export type PositionRow = {
  id: string;
  memberId: string;
  memberName: string;
  seat: Seat;
  position: Position["position"];
  comment: string;
  forum: Position["forum"];
  conflictDeclared: boolean;
  conflictDescription: string | null;
  decisionVersion: number;
  contentHash: string;
  supersedesId: string | null;
  createdAt: Date;
  /** The seat held now (null once the member has left the board or been disabled). */
  currentSeat: Seat | null;
};

export type SignOffReads = {
  /** Every position on the decision, oldest first. */
  positions: PositionRow[];
  /** The trust's current board (enabled members with a board-member membership), by name. */
  board: { userId: string; memberId: string; name: string; seat: Seat | null }[];
  /** Positions a Company Secretary recorded at a meeting: who, and the meeting. */
  recorded: { id: string; by: string; kind: MeetingKind; committeeName: string; startsAt: Date }[];
  /** The sign-off imported from a spreadsheet, if any. */
  imported: { signedOffOn: string; meeting: string; signedOffBy: string; fileName: string; sheet: string | null; row: number; fileSha256: string; importedAt: Date } | null;
};

/** What the sign-off panel reads, in one statement, once per request; "not found" if the actor may not read the decision. */
export function signOffReads(actor: Actor, decisionId: string): Promise<SignOffReads> {
  return memoised(actor, `sign-off-reads:${decisionId}`, async () => {
    const { decision } = await readableDecision(actor, decisionId);
    const db = await getDb();
    const [row] = await db
      .select({
        positions: sql<unknown>`coalesce((select json_agg(json_build_object('id', p.id, 'memberId', p.member_id, 'memberName', u.name, 'seat', p.seat, 'position', p.position,
          'comment', p.comment, 'forum', p.forum, 'conflictDeclared', p.conflict_declared, 'conflictDescription', p.conflict_description,
          'decisionVersion', p.decision_version, 'contentHash', p.content_hash, 'supersedesId', p.supersedes_id, 'createdAt', p.created_at,
          'currentSeat', case when u.disabled_at is null then m.seat else null end) order by p.created_at, p.id)
        from positions p join users u on u.id = p.member_id
        left join memberships m on m.user_id = p.member_id and m.organisation_id = ${decision.trustId} and m.role = 'board_member'
        where p.decision_id = ${decision.id}), '[]'::json)`,
        board: sql<unknown>`coalesce((select json_agg(json_build_object('userId', u.id, 'memberId', u.id, 'name', u.name, 'seat', m.seat) order by u.name)
        from memberships m join users u on u.id = m.user_id
        where m.organisation_id = ${decision.trustId} and m.role = 'board_member' and u.disabled_at is null), '[]'::json)`,
        recorded: sql<unknown>`coalesce((select json_agg(json_build_object('id', p.id, 'by', u.name, 'kind', mt.kind, 'committeeName', mt.committee_name, 'startsAt', mt.starts_at))
        from positions p join users u on u.id = p.recorded_by_id join meetings mt on mt.id = p.recorded_at_meeting_id
        where p.decision_id = ${decision.id} and p.recorded_by_id is not null), '[]'::json)`,
        imported: sql<unknown>`(select json_build_object('signedOffOn', i.signed_off_on, 'meeting', i.meeting, 'signedOffBy', i.signed_off_by, 'fileName', i.file_name,
          'sheet', i.sheet, 'row', i.row, 'fileSha256', i.file_sha256, 'importedAt', i.imported_at)
        from imported_sign_offs i where i.decision_id = ${decision.id})`,
      })
      .from(sql`(select 1) as one`);
    const positions = fromJson(row.positions as PositionRow[] | string).map((p) => ({ ...p, createdAt: date(p.createdAt) }));
    const board = fromJson(row.board as SignOffReads["board"] | string);
    const recorded = fromJson(row.recorded as SignOffReads["recorded"] | string).map((r) => ({ ...r, startsAt: date(r.startsAt) }));
    const imp = row.imported == null ? null : fromJson(row.imported as NonNullable<SignOffReads["imported"]> | string);
    return { positions, board, recorded, imported: imp ? { ...imp, importedAt: date(imp.importedAt) } : null };
  });
}

export type DecisionMeetingItem = {
  meetingId: string;
  trustId: string;
  kind: MeetingKind;
  committeeName: string;
  startsAt: Date;
  status: (typeof meetings.$inferSelect)["status"];
  forRatification: boolean;
  packVersion: number | null;
  resolution: (typeof meetingItems.$inferSelect)["resolution"];
  resolutionNote: string;
};

/** The meeting items that name the decision, latest meeting first, in one statement, once per request. */
export function decisionMeetingItems(actor: Actor, decisionId: string): Promise<DecisionMeetingItem[]> {
  return memoised(actor, `meeting-items:${decisionId}`, async () => {
    const { decision } = await readableDecision(actor, decisionId);
    const db = await getDb();
    const [row] = await db
      .select({
        items: sql<unknown>`coalesce((select json_agg(json_build_object('meetingId', m.id, 'trustId', m.trust_id, 'kind', m.kind,
        'committeeName', m.committee_name, 'startsAt', m.starts_at, 'status', m.status, 'forRatification', i.for_ratification,
        'packVersion', i.pack_version, 'resolution', i.resolution, 'resolutionNote', i.resolution_note) order by m.starts_at desc)
      from meeting_items i join meetings m on m.id = i.meeting_id where i.decision_id = ${decision.id}), '[]'::json)`,
      })
      .from(sql`(select 1) as one`);
    return fromJson(row.items as DecisionMeetingItem[] | string).map((i) => ({ ...i, startsAt: date(i.startsAt) }));
  });
}
