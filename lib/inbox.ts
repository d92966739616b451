import "server-only";
import { and, asc, desc, eq, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import { getDb } from "@/db/client";
import { decisionVersions, decisions, memberships, organisations, positions, users } from "@/db/schema";
import type { ComparableContent } from "./decisions/diff";
import { describeChanges } from "./decisions/word-diff";
import { ROLE, boardTrustIds, chiefExecutiveTrustIds, insiderTrustIds, type Actor, type Seat } from "./access";
import { dueReviewsCount, listDueReviews, type DueReview } from "./outcomes";
import { evaluateQuorum } from "./quorum";

export type InboxDecision = {
  id: string;
  title: string;
  trustName: string;
  version: number;
  updatedAt: Date;
  /** For an amended decision (version 2 on): what the amendment changed, in words ("summary, target of criterion 2"). */
  changed?: string | null;
};
export type AwaitingWithResponses = InboxDecision & {
  submittedAt: Date | null;
  responded: { name: string; seat: Seat; position: "support" | "object" | "abstain" }[];
  notResponded: { name: string; seat: Seat }[];
  /** Sign-off cannot complete with the members' current positions (lib/quorum.ts evaluateQuorum's `blocked`). */
  blocked: boolean;
};
/** What each inbox list holds in full (the lists stop at INBOX_LIMIT); the navigation badge is their sum. */
export type InboxCounts = { awaitingMyPosition: number; awaitingSignOff: number; reviewsDue: number };
export type Inbox = {
  asChiefExecutive: null | {
    drafts: InboxDecision[];
    awaiting: AwaitingWithResponses[];
    declined: (InboxDecision & { declinedAt: Date | null; declineReason: string | null })[];
  };
  asBoardMember: null | { awaitingMyPosition: (InboxDecision & { submittedAt: Date | null })[] };
  reviewsDue: DueReview[];
  counts: InboxCounts;
};

const base = {
  id: decisions.id,
  title: decisions.title,
  trustName: organisations.name,
  version: decisions.version,
  updatedAt: decisions.updatedAt,
};

/** No effective position by this user on the decision's current version (any position on it means "answered"). */
const notAnsweredBy = (userId: string) =>
  sql`not exists (select 1 from ${positions} p where p.decision_id = ${decisions.id} and p.decision_version = ${decisions.version} and p.member_id = ${userId})`;

/**
 * Adds to each amended decision what its latest amendment changed: one read of the two latest
 * versions of the listed decisions (the actor may read them: they are listed because the actor is
 * of the trust's board or its Chief Executive).
 */
async function withChanges<T extends InboxDecision>(db: Awaited<ReturnType<typeof getDb>>, list: T[]): Promise<T[]> {
  const amended = list.filter((d) => d.version > 1);
  if (!amended.length) return list;
  const rows = await db
    .select({ decisionId: decisionVersions.decisionId, version: decisionVersions.version, content: decisionVersions.content })
    .from(decisionVersions)
    .innerJoin(decisions, eq(decisions.id, decisionVersions.decisionId))
    .where(and(inArray(decisionVersions.decisionId, amended.map((d) => d.id)), sql`${decisionVersions.version} >= ${decisions.version} - 1`));
  const byKey = new Map(rows.map((r) => [`${r.decisionId}:${r.version}`, r.content as ComparableContent]));
  return list.map((d) => {
    if (d.version < 2) return d;
    const before = byKey.get(`${d.id}:${d.version - 1}`);
    const after = byKey.get(`${d.id}:${d.version}`);
    return { ...d, changed: before && after ? describeChanges(before, after) || null : null };
  });
}

/** The home page: what is waiting for this person, by the roles they hold. `now` is injectable for tests. */
/** Each inbox list shows at most this many, oldest waiting first; the register holds the rest. */
export const INBOX_LIMIT = 50;

export async function getInbox(actor: Actor, opts: { now?: Date } = {}): Promise<Inbox> {
  const db = await getDb();
  const ceTrusts = chiefExecutiveTrustIds(actor);
  const boardTrusts = boardTrustIds(actor);
  let asChiefExecutive: Inbox["asChiefExecutive"] = null;
  if (ceTrusts.length) {
    const drafts = await db
      .select(base)
      .from(decisions)
      .innerJoin(organisations, eq(organisations.id, decisions.trustId))
      .where(and(eq(decisions.authorId, actor.userId), inArray(decisions.trustId, ceTrusts), eq(decisions.status, "draft")))
      .orderBy(desc(decisions.updatedAt))
      .limit(INBOX_LIMIT);
    const awaitingRows = await db
      .select({
        ...base,
        submittedAt: decisions.submittedAt,
        trustId: decisions.trustId,
        authorId: decisions.authorId,
        minSupport: organisations.signOffMinSupport,
        // A decision outside the board's risk appetite needs the Chair whatever the policy (lib/sign-off.ts policyFor).
        chairRequired: sql<boolean>`(${organisations.signOffChairRequired} or ${decisions.outsideAppetite})`,
      })
      .from(decisions)
      .innerJoin(organisations, eq(organisations.id, decisions.trustId))
      .where(and(inArray(decisions.trustId, ceTrusts), eq(decisions.status, "awaiting_sign_off")))
      .orderBy(asc(decisions.submittedAt), asc(decisions.title))
      .limit(INBOX_LIMIT);
    let awaiting: AwaitingWithResponses[] = [];
    if (awaitingRows.length) {
      const board = await db
        .select({ userId: users.id, name: users.name, seat: memberships.seat, trustId: memberships.organisationId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(inArray(memberships.organisationId, ceTrusts), eq(memberships.role, ROLE.boardMember), isNull(users.disabledAt)))
        .orderBy(asc(users.name));
      // Each member's effective (unsuperseded) position on each decision's current version.
      const effective = await db
        .select({
          id: positions.id,
          decisionId: positions.decisionId,
          memberId: positions.memberId,
          position: positions.position,
          seat: positions.seat,
          conflictDeclared: positions.conflictDeclared,
          decisionVersion: positions.decisionVersion,
          supersedesId: positions.supersedesId,
          createdAt: positions.createdAt,
        })
        .from(positions)
        .innerJoin(decisions, and(eq(decisions.id, positions.decisionId), eq(decisions.version, positions.decisionVersion)))
        .where(
          and(
            inArray(positions.decisionId, awaitingRows.map((d) => d.id)),
            sql`not exists (select 1 from ${positions} p2 where p2.supersedes_id = ${positions.id})`,
          ),
        );
      awaiting = awaitingRows.map(({ trustId, authorId, minSupport, chairRequired, ...d }) => {
        const mine = effective.filter((p) => p.decisionId === d.id);
        const members = board.filter((b) => b.trustId === trustId && b.userId !== authorId);
        const seats = new Map(board.filter((b) => b.trustId === trustId).map((b) => [b.userId, b.seat]));
        const quorum = evaluateQuorum({
          policy: { minSupport, chairRequired },
          authorId,
          currentVersion: d.version,
          positions: mine.map((p) => ({ ...p, currentSeat: seats.get(p.memberId) ?? null })),
          board: [...seats].map(([memberId, seat]) => ({ memberId, seat })),
        });
        return {
          ...d,
          blocked: quorum.blocked,
          responded: members.flatMap((m) => {
            const p = mine.find((x) => x.memberId === m.userId);
            return p ? [{ name: m.name, seat: (m.seat ?? "executive") as Seat, position: p.position }] : [];
          }),
          notResponded: members.filter((m) => !mine.some((x) => x.memberId === m.userId)).map((m) => ({ name: m.name, seat: (m.seat ?? "executive") as Seat })),
        };
      });
    }
    const declined = await db
      .select({ ...base, declinedAt: decisions.declinedAt, declineReason: decisions.declineReason })
      .from(decisions)
      .innerJoin(organisations, eq(organisations.id, decisions.trustId))
      .where(and(inArray(decisions.trustId, ceTrusts), eq(decisions.status, "declined")))
      .orderBy(desc(decisions.declinedAt))
      .limit(20);
    asChiefExecutive = { drafts, awaiting: await withChanges(db, awaiting), declined };
  }
  let asBoardMember: Inbox["asBoardMember"] = null;
  if (boardTrusts.length) {
    const awaitingMyPosition = await db
      .select({ ...base, submittedAt: decisions.submittedAt })
      .from(decisions)
      .innerJoin(organisations, eq(organisations.id, decisions.trustId))
      .where(
        and(
          inArray(decisions.trustId, boardTrusts),
          eq(decisions.status, "awaiting_sign_off"),
          ne(decisions.authorId, actor.userId),
          notAnsweredBy(actor.userId),
        ),
      )
      .orderBy(asc(decisions.submittedAt), asc(decisions.title))
      .limit(INBOX_LIMIT);
    asBoardMember = { awaitingMyPosition: await withChanges(db, awaitingMyPosition) };
  }
  const reviewsDue = await listDueReviews(actor, { now: opts.now, db, limit: INBOX_LIMIT });
  return { asChiefExecutive, asBoardMember, reviewsDue, counts: await getInboxCounts(actor, opts) };
}

/**
 * How many items each inbox list holds in full: decisions awaiting this person's position (as a board
 * member), decisions of their trusts awaiting sign-off (as Chief Executive), and criteria with a review
 * due. Three indexed counts, over exactly the conditions the lists use, in one statement.
 */
export async function getInboxCounts(actor: Actor, opts: { now?: Date } = {}): Promise<InboxCounts> {
  const boardTrusts = boardTrustIds(actor);
  const ceTrusts = chiefExecutiveTrustIds(actor);
  const db = await getDb();
  const reviewTrusts = insiderTrustIds(actor);
  // The three counts as scalar subqueries of one statement (statements per request, issue 16); each is
  // planned on its own, as when they were sent one by one.
  const parts: Partial<Record<keyof InboxCounts, SQL<number>>> = {};
  if (boardTrusts.length)
    parts.awaitingMyPosition = sql<number>`(${db
      .select({ n: sql<number>`count(*)::int` })
      .from(decisions)
      .where(and(inArray(decisions.trustId, boardTrusts), eq(decisions.status, "awaiting_sign_off"), ne(decisions.authorId, actor.userId), notAnsweredBy(actor.userId)))})`;
  if (ceTrusts.length)
    parts.awaitingSignOff = sql<number>`(${db
      .select({ n: sql<number>`count(*)::int` })
      .from(decisions)
      .where(and(inArray(decisions.trustId, ceTrusts), eq(decisions.status, "awaiting_sign_off")))})`;
  if (reviewTrusts.length) parts.reviewsDue = sql<number>`(${dueReviewsCount(db, reviewTrusts, opts)})`;
  const counts: InboxCounts = { awaitingMyPosition: 0, awaitingSignOff: 0, reviewsDue: 0 };
  if (!Object.keys(parts).length) return counts;
  const [row] = await db.select(parts as Record<string, SQL<number>>).from(sql`(select 1) as one`);
  for (const k of Object.keys(parts) as (keyof InboxCounts)[]) counts[k] = Number(row[k]);
  return counts;
}

/** The number beside "Inbox" in the navigation: every item the inbox lists under a counted heading. */
export async function countInbox(actor: Actor, opts: { now?: Date } = {}): Promise<number> {
  const c = await getInboxCounts(actor, opts);
  return c.awaitingMyPosition + c.awaitingSignOff + c.reviewsDue;
}
