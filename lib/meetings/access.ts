import "server-only";
// Loading a meeting: only a member of its trust who may read meetings finds it; anyone else, "not found".
import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { meetingQuorumPolicies, meetings, memberships, organisations, users, type Meeting, type Organisation } from "@/db/schema";
import { can, ROLE, type Actor, type Seat } from "../access";
import { isUuid } from "../decisions/schemas";
import { AppError } from "../errors";
import { DEFAULT_MEETING_QUORUM, type BoardSeatForQuorum, type MeetingQuorumPolicy } from "./quorum";

export const meetingNotFound = () => new AppError("not_found", "Meeting not found");

export async function loadMeeting(db: DbOrTx, actor: Actor, id: string, opts: { lock?: boolean } = {}): Promise<{ meeting: Meeting; trust: Organisation }> {
  if (!isUuid(id)) throw meetingNotFound();
  const q = db.select({ meeting: meetings, trust: organisations }).from(meetings).innerJoin(organisations, eq(organisations.id, meetings.trustId)).where(eq(meetings.id, id));
  const [row] = opts.lock ? await q.for("update", { of: meetings }) : await q;
  if (!row || !can(actor, "meeting.read", { id: row.trust.id, icsId: row.trust.icsId })) throw meetingNotFound();
  return row;
}

export const orgRef = (trust: Organisation) => ({ id: trust.id, icsId: trust.icsId });

export type BoardPerson = { userId: string; name: string; role: "chief_executive" | "board_member" | "company_secretary"; seat: Seat | null };

/** The trust's Chief Executive, board and Company Secretary (enabled accounts), board first. */
export async function loadTrustPeople(db: DbOrTx, trustId: string): Promise<BoardPerson[]> {
  const rows = await db
    .select({ userId: users.id, name: users.name, role: memberships.role, seat: memberships.seat })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.organisationId, trustId),
        isNull(users.disabledAt),
        or(inArray(memberships.role, [ROLE.chiefExecutive, ROLE.boardMember, ROLE.companySecretary])),
      ),
    )
    .orderBy(asc(users.name));
  return rows as BoardPerson[];
}

/** How a person counts toward a meeting's quorum: null when they are not on the board. */
export function quorumSeat(p: BoardPerson): BoardSeatForQuorum | null {
  if (p.role === "chief_executive") return "executive";
  if (p.role === "board_member") return p.seat === "executive" ? "executive" : "non_executive";
  return null;
}

export async function loadQuorumPolicy(db: DbOrTx, trustId: string): Promise<MeetingQuorumPolicy> {
  const [row] = await db.select().from(meetingQuorumPolicies).where(eq(meetingQuorumPolicies.trustId, trustId));
  return row ? { minPresent: row.minPresent, minNonExecutive: row.minNonExecutive, minExecutive: row.minExecutive } : DEFAULT_MEETING_QUORUM;
}
