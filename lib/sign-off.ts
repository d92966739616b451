import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx, type Tx } from "@/db/client";
import { decisions, memberships, organisations, positions, users, type Decision, type Organisation } from "@/db/schema";
import { ROLE, assertCan, can, seatAt, type Actor, type Seat } from "./access";
import { recordAccessChange } from "./admin/access-changes";
import { refuseSelf } from "./admin/users";
import { recordAudit } from "./audit";
import { loadReadableDecision, readableDecision, sharedHistory } from "./decisions/access";
import { signOffReads } from "./decisions/page-reads";
import { LIMITS } from "./decisions/taxonomy";
import { AppError } from "./errors";
import { notifyDecision, notifyPosition } from "./notifications/events";
import { nextStatus, refusalMessage, type DecisionStatus } from "./lifecycle";
import { evaluateChairsAction, evaluateQuorum, NOT_COUNTED_LABELS, type NotCountedReason, type QuorumPolicy } from "./quorum";
import { assertChairsActionAllowed, placeForRatification } from "./chairs-action";
import { parseInput, text } from "./validation";
import { OUTSIDE_APPETITE_CHAIR_REASON } from "./risk-appetite/taxonomy";

export const POSITION_LABELS = { support: "Support", object: "Object", abstain: "Abstain" } as const;
export const FORUM_LABELS = { public_board: "Public board meeting", private_session: "Private session of the board", chairs_action: "Chair's action" } as const;

// ---------------------------------------------------------------- input (wire names of POST /api/v1/decisions/{id}/positions)

export const RecordPositionSchema = z
  .object({
    position: z.enum(["support", "object", "abstain"], { error: "Select support, object or abstain" }),
    comment: text("your comment", LIMITS.positionComment).optional().default(""),
    forum: z.enum(["public_board", "private_session", "chairs_action"], { error: "Select the forum where you took this position" }),
    /** null or absent: no conflict of interest; a description: a declared conflict. */
    conflict: text("a description of your conflict of interest", LIMITS.conflict).nullable().optional().default(null),
    version: z.coerce.number({ error: "Version must be a whole number" }).int({ error: "Version must be a whole number" }).min(1, { error: "Version must be 1 or more" }),
    /** The content hash shown on screen; when given it must be the current version's. */
    contentHash: z.string().regex(/^[0-9a-f]{64}$/, { error: "Content hash must be 64 hexadecimal characters" }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.position === "object" && !v.comment) ctx.addIssue({ code: "custom", path: ["comment"], message: "Enter a comment saying why you object" });
    if (v.conflict !== null && v.conflict !== undefined && v.conflict.length === 0) {
      ctx.addIssue({ code: "custom", path: ["conflict"], message: "Describe your conflict of interest" });
    }
  });
export type RecordPositionInput = z.input<typeof RecordPositionSchema>;

export const DeclineSchema = z.object({
  reason: text("the reason for declining", LIMITS.declineReason, { required: true }),
  version: z.coerce.number().int().min(1).optional(),
});

export const SignOffPolicySchema = z.object({
  minSupport: z.coerce
    .number({ error: "Minimum supporting members must be a number" })
    .int({ error: "Minimum supporting members must be a whole number" })
    .min(1, { error: "Minimum supporting members must be 1 or more" })
    .max(20, { error: "Minimum supporting members must be 20 or fewer" }),
  chairRequired: z.coerce.boolean(),
  reason: text("the reason for changing the sign-off policy", LIMITS.declineReason, { required: true }),
});

// ---------------------------------------------------------------- reads shared by writes

async function loadPositionRows(tx: DbOrTx, decisionId: string) {
  return tx
    .select({
      id: positions.id,
      memberId: positions.memberId,
      memberName: users.name,
      seat: positions.seat,
      position: positions.position,
      comment: positions.comment,
      forum: positions.forum,
      conflictDeclared: positions.conflictDeclared,
      conflictDescription: positions.conflictDescription,
      decisionVersion: positions.decisionVersion,
      contentHash: positions.contentHash,
      supersedesId: positions.supersedesId,
      createdAt: positions.createdAt,
      // The seat held now (null once the member has left the board or been disabled).
      currentSeat: sql<"chair" | "non_executive" | "executive" | null>`case when ${users.disabledAt} is null then ${memberships.seat} else null end`,
    })
    .from(positions)
    .innerJoin(users, eq(users.id, positions.memberId))
    .innerJoin(decisions, eq(decisions.id, positions.decisionId))
    .leftJoin(
      memberships,
      and(eq(memberships.userId, positions.memberId), eq(memberships.organisationId, decisions.trustId), eq(memberships.role, ROLE.boardMember)),
    )
    .where(eq(positions.decisionId, decisionId))
    .orderBy(asc(positions.createdAt), asc(positions.id));
}

/** The trust's sign-off policy as set by an administrator. */
function policyOf(trust: Organisation): QuorumPolicy {
  return { minSupport: trust.signOffMinSupport, chairRequired: trust.signOffChairRequired };
}

/**
 * The policy a decision's sign-off is held to: the trust's, except that a decision outside the board's
 * risk appetite (decisions.outside_appetite, set when its version was frozen) needs the Chair's
 * support whatever the trust's policy says.
 */
export function policyFor(trust: Organisation, decision: Pick<Decision, "outsideAppetite">): QuorumPolicy {
  const p = policyOf(trust);
  return decision.outsideAppetite ? { ...p, chairRequired: true } : p;
}

/** Changes status through the lifecycle, bumping the optimistic-lock revision. */
async function changeStatus(tx: Tx, actor: Actor, decision: Decision, event: "quorum" | "decline", extra: Partial<typeof decisions.$inferInsert>, audit: { action: string; after: Record<string, unknown> }) {
  const to = nextStatus(decision.status as DecisionStatus, event);
  if (!to) throw new AppError("conflict", refusalMessage(decision.status as DecisionStatus, event));
  const now = new Date();
  await tx
    .update(decisions)
    .set({ ...extra, status: to, revision: sql`${decisions.revision} + 1`, updatedAt: now })
    .where(eq(decisions.id, decision.id));
  await recordAudit(tx, actor, {
    organisationId: decision.trustId,
    action: audit.action,
    entityType: "decision",
    entityId: decision.id,
    before: { status: decision.status, revision: decision.revision },
    after: { status: to, revision: decision.revision + 1, version: decision.version, contentHash: decision.contentHash, ...audit.after },
  });
  await notifyDecision(tx, to as "signed_off" | "declined", decision.id, actor.userId);
  return to;
}

// ---------------------------------------------------------------- writes

export type RecordPositionResult = {
  /** "recorded": first position on this version; "superseded": replaces the member's earlier one; "unchanged": identical repeat, nothing written. */
  effect: "recorded" | "superseded" | "unchanged";
  positionId: string;
  status: DecisionStatus;
  signedOff: boolean;
};

/**
 * A board member of the decision's trust records support, objection or abstention on the current
 * version. Under the decision's row lock: the version and hash must be current (else "conflict"),
 * an identical repeat of the member's effective position is a no-op, a different one supersedes it,
 * and when the policy is met the decision is signed off in this same transaction.
 */
export async function recordPosition(actor: Actor, input: { decisionId: string } & RecordPositionInput): Promise<RecordPositionResult> {
  const { decisionId, ...rest } = input;
  const data = parseInput(RecordPositionSchema, rest);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { decision, trust } = await loadReadableDecision(tx, actor, decisionId, { lock: true });
    assertCan(actor, "position.record", { id: trust.id, icsId: trust.icsId }, { visible: true });
    const seat = seatAt(actor, trust.id) as Seat;
    if (decision.status !== "awaiting_sign_off") {
      throw new AppError("conflict", `Positions can be recorded only while a decision is awaiting sign-off (this decision is ${labelOf(decision.status)}).`);
    }
    if (data.version !== decision.version || (data.contentHash && data.contentHash !== decision.contentHash)) {
      throw new AppError(
        "conflict",
        `This decision has changed since you opened it: version ${decision.version} is now current, and your position was for version ${data.version}. Read version ${decision.version} and record your position again.`,
        { details: { currentVersion: decision.version, contentHash: decision.contentHash } },
      );
    }
    // Chair's action (issue 14): only the Chair and non-executives, only on an urgent decision within appetite.
    if (data.forum === "chairs_action") assertChairsActionAllowed(decision, seat);
    const conflictDescription = data.conflict ?? null;
    const [prior] = await tx
      .select()
      .from(positions)
      .where(
        and(
          eq(positions.decisionId, decision.id),
          eq(positions.decisionVersion, decision.version),
          eq(positions.memberId, actor.userId),
          sql`not exists (select 1 from ${positions} p2 where p2.supersedes_id = ${positions.id})`,
        ),
      )
      .orderBy(sql`${positions.createdAt} desc`)
      .limit(1);
    if (
      prior &&
      prior.position === data.position &&
      prior.comment === data.comment &&
      prior.forum === data.forum &&
      prior.conflictDeclared === (conflictDescription !== null) &&
      (prior.conflictDescription ?? null) === conflictDescription
    ) {
      // Nothing new to record. But the trust's policy may have been lowered since: the same position,
      // recorded again, completes sign-off if the current positions now meet it.
      const signedOff = await evaluateSignOff(tx, actor, decision.id);
      return { effect: "unchanged", positionId: prior.id, status: signedOff ? "signed_off" : (decision.status as DecisionStatus), signedOff } satisfies RecordPositionResult;
    }
    const [row] = await tx
      .insert(positions)
      .values({
        decisionId: decision.id,
        decisionVersion: decision.version,
        contentHash: decision.contentHash!,
        memberId: actor.userId,
        seat,
        position: data.position,
        comment: data.comment,
        forum: data.forum,
        conflictDeclared: conflictDescription !== null,
        conflictDescription,
        supersedesId: prior?.id ?? null,
      })
      .returning();
    await recordAudit(tx, actor, {
      organisationId: trust.id,
      action: prior ? "position.superseded" : "position.recorded",
      entityType: "position",
      entityId: row.id,
      before: prior ? { id: prior.id, position: prior.position, comment: prior.comment, forum: prior.forum, conflictDeclared: prior.conflictDeclared } : null,
      after: {
        decisionId: decision.id,
        version: decision.version,
        contentHash: decision.contentHash,
        seat,
        position: row.position,
        comment: row.comment,
        forum: row.forum,
        conflictDeclared: row.conflictDeclared,
        conflictDescription: row.conflictDescription,
        supersedesId: row.supersedesId,
      },
    });
    await notifyPosition(tx, { decisionId: decision.id, memberId: actor.userId, position: row.position, conflictDeclared: row.conflictDeclared });
    const signedOff = await evaluateSignOff(tx, actor, decision.id);
    return { effect: prior ? "superseded" : "recorded", positionId: row.id, status: signedOff ? "signed_off" : (decision.status as DecisionStatus), signedOff } satisfies RecordPositionResult;
  });
}

/**
 * THE sign-off evaluation, in the caller's transaction: locks the decision, and when it is awaiting
 * sign-off and its current positions meet the trust's current policy, signs it off (status change and
 * its audit event in this transaction). Every path that can complete sign-off calls this one function:
 * recording a position, a change of the trust's policy, a board meeting's resolution.
 * Returns whether it signed the decision off now.
 */
export async function evaluateSignOff(tx: Tx, actor: Actor, decisionId: string, opts: { reason?: string } = {}): Promise<boolean> {
  const [decision] = await tx.select().from(decisions).where(eq(decisions.id, decisionId)).for("update");
  if (!decision || decision.status !== "awaiting_sign_off") return false;
  const [trust] = await tx.select().from(organisations).where(eq(organisations.id, decision.trustId));
  const all = await loadPositionRows(tx, decision.id);
  const quorum = evaluateQuorum({ policy: policyFor(trust, decision), authorId: decision.authorId, currentVersion: decision.version, positions: all });
  // Chair's action (issue 14): the Chair and the non-executive(s) the standing orders ask for, on an urgent decision.
  const action = evaluateChairsAction({ counted: quorum.counted, nedsRequired: trust.chairsActionNeds, urgent: decision.urgent, outsideAppetite: decision.outsideAppetite });
  if (!quorum.met && !action.met) return false;
  const now = new Date();
  const byAction = action.met ? { ratification: "awaiting" as const, chairsActionAt: now } : {};
  await changeStatus(tx, actor, decision, "quorum", { signedOffAt: now, ...byAction }, {
    action: "decision.signed_off",
    after: {
      supporting: quorum.counted.map((p) => ({ memberId: p.memberId, seat: p.seat, positionId: p.id })),
      policy: policyFor(trust, decision),
      ...(decision.outsideAppetite ? { outsideAppetite: true } : {}),
      ...(opts.reason ? { reason: opts.reason } : {}),
      ...(action.met ? { chairsAction: { nedsRequired: trust.chairsActionNeds, chair: action.chair!.memberId, neds: action.neds.map((p) => p.memberId) }, ratification: "awaiting" } : {}),
    },
  });
  if (action.met) await placeForRatification(tx, actor, decision.id);
  return true;
}

/** A meeting's "not approved" resolution, recorded as the Chair's decline (lib/meetings/), in the caller's transaction. */
export async function declineInTransaction(tx: Tx, actor: Actor, decision: Decision, reason: string, after: Record<string, unknown> = {}) {
  return changeStatus(tx, actor, decision, "decline", { declinedAt: new Date(), declineReason: reason }, { action: "decision.declined", after: { reason, ...after } });
}

/** The Chair declines a decision awaiting sign-off, with a reason. */
export async function declineDecision(actor: Actor, input: { decisionId: string; reason: string; version?: number }) {
  const { decisionId, ...rest } = input;
  const data = parseInput(DeclineSchema, rest);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { decision, trust } = await loadReadableDecision(tx, actor, decisionId, { lock: true });
    assertCan(actor, "sign_off.decline", { id: trust.id, icsId: trust.icsId }, { visible: true });
    if (data.version !== undefined && data.version !== decision.version) {
      throw new AppError("conflict", `This decision has changed since you opened it: version ${decision.version} is now current. Read it and decide again.`);
    }
    const status = await changeStatus(tx, actor, decision, "decline", { declinedAt: new Date(), declineReason: data.reason }, {
      action: "decision.declined",
      after: { reason: data.reason },
    });
    return { status };
  });
}

/**
 * The rule for a changed sign-off policy (one place): the new policy applies at once to every
 * decision of the trust awaiting sign-off. In the caller's transaction (the trust's row locked),
 * each waiting decision is re-evaluated through evaluateSignOff; those the current positions now
 * satisfy are signed off, each with its own audit event naming the policy change and its reason.
 */
export async function reapplySignOffPolicy(tx: Tx, actor: Actor, trustId: string, reason: string) {
  const waiting = await tx
    .select({ id: decisions.id })
    .from(decisions)
    .where(and(eq(decisions.trustId, trustId), eq(decisions.status, "awaiting_sign_off")))
    .orderBy(asc(decisions.id));
  const signedOff: string[] = [];
  for (const d of waiting) {
    if (await evaluateSignOff(tx, actor, d.id, { reason: `Sign-off policy changed: ${reason}` })) signedOff.push(d.id);
  }
  return { waiting: waiting.length, signedOff };
}

/** How many of the trust's decisions await sign-off: said on the admin form before a policy change. */
export async function countDecisionsAwaitingSignOff(actor: Actor, trustId: string): Promise<number> {
  assertCan(actor, "admin");
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(decisions)
    .where(and(eq(decisions.trustId, trustId), eq(decisions.status, "awaiting_sign_off")));
  return row?.n ?? 0;
}

/** An administrator sets a trust's sign-off policy, with a reason; waiting decisions are re-checked at once. */
export async function setSignOffPolicy(actor: Actor, input: { trustId: string; minSupport: number | string; chairRequired: boolean | string; reason?: string }) {
  assertCan(actor, "admin");
  // An administrator who sits on this trust's board cannot change its sign-off rule (audited refusal).
  if (actor.memberships.some((m) => m.organisationId === input.trustId && m.role !== ROLE.admin)) {
    await refuseSelf(actor, actor.userId, "organisation.sign_off_policy", "You cannot change the sign-off rule of a board you sit on: another administrator must make this change");
  }
  const data = parseInput(SignOffPolicySchema, {
    minSupport: input.minSupport,
    chairRequired: input.chairRequired === "false" ? false : input.chairRequired,
    reason: input.reason,
  });
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [trust] = await tx.select().from(organisations).where(and(eq(organisations.id, input.trustId), eq(organisations.kind, "trust"))).for("update");
    if (!trust) throw new AppError("not_found", "Trust not found");
    await tx
      .update(organisations)
      .set({ signOffMinSupport: data.minSupport, signOffChairRequired: data.chairRequired, updatedAt: new Date() })
      .where(eq(organisations.id, trust.id));
    await recordAudit(tx, actor, {
      organisationId: trust.id,
      action: "sign_off_policy.changed",
      entityType: "organisation",
      entityId: trust.id,
      before: { minSupport: trust.signOffMinSupport, chairRequired: trust.signOffChairRequired },
      after: { minSupport: data.minSupport, chairRequired: data.chairRequired, reason: data.reason },
    });
    const words = (n: number, chair: boolean) => `at least ${n} in support${chair ? ", the Chair among them" : ""}`;
    await recordAccessChange(tx, actor, trust.id, `Sign-off rule changed from ${words(trust.signOffMinSupport, trust.signOffChairRequired)} to ${words(data.minSupport, data.chairRequired)}`);
    const effect = await reapplySignOffPolicy(tx, actor, trust.id, data.reason);
    return { minSupport: data.minSupport, chairRequired: data.chairRequired, reason: data.reason, ...effect };
  });
}

// ---------------------------------------------------------------- the sign-off panel

function labelOf(status: string) {
  return ({ draft: "a draft", awaiting_sign_off: "awaiting sign-off", signed_off: "signed off", declined: "declined", reviewed: "reviewed", withdrawn: "withdrawn" } as Record<string, string>)[status] ?? status;
}

export type PanelPosition = {
  id: string;
  memberName: string;
  seat: Seat;
  position: "support" | "object" | "abstain";
  comment: string;
  forum: keyof typeof FORUM_LABELS;
  conflictDeclared: boolean;
  conflictDescription: string | null;
  version: number;
  contentHash: string;
  createdAt: Date;
  /** The member's earlier position on the same version that this one replaces. */
  supersedesId: string | null;
  onCurrentVersion: boolean;
  counts: boolean;
  notCountedReason: string | null;
  notCountedCode: NotCountedReason | null;
};

export type SignOffPanel = {
  decision: { id: string; title: string; status: DecisionStatus; version: number; contentHash: string | null; revision: number; trustName: string; signedOffAt: Date | null; declinedAt: Date | null; declineReason: string | null };
  /** The policy this decision is held to (policyFor: the Chair is required when outside appetite). */
  policy: QuorumPolicy;
  /** Why the Chair is required although the trust's policy does not require it (null otherwise). */
  chairRequiredBecause: string | null;
  outsideAppetite: boolean;
  tally: { support: number; object: number; abstain: number };
  supportingCounted: number;
  stillNeeded: number;
  chairSupports: boolean;
  /** Awaiting sign-off, and the policy cannot be met with the members' current positions (see evaluateQuorum). */
  blocked: boolean;
  blockedReason: string | null;
  /** Board members with no position on the current version (the author excluded). */
  notResponded: { name: string; seat: Seat }[];
  /** Every position, newest first, on every version: dissent is never hidden. */
  positions: PanelPosition[];
  signedOff: null | { at: Date; by: { name: string; seat: Seat }[]; version: number; contentHash: string };
  /** The actor's effective position on the current version, if any. */
  mine: PanelPosition | null;
  canRecord: boolean;
  canDecline: boolean;
};

/** Everything the sign-off panel shows, for someone who may read the decision. */
export async function getSignOffPanel(actor: Actor, decisionId: string): Promise<SignOffPanel> {
  const { decision, trust } = await readableDecision(actor, decisionId);
  // The positions and the board come in the page's one sign-off read (lib/decisions/page-reads.ts).
  const [{ positions: rows, board }, history] = await Promise.all([signOffReads(actor, decision.id), sharedHistory(actor, decision)]);
  const policy = policyFor(trust, decision);
  const quorum = evaluateQuorum({ policy, authorId: decision.authorId, currentVersion: decision.version, positions: rows, board });
  const reasons = new Map(quorum.notCounted.map((x) => [x.position.id, x.reason]));
  const list: PanelPosition[] = rows
    .map((r) => {
      const reason = reasons.get(r.id) ?? null;
      return {
        id: r.id,
        memberName: r.memberName,
        seat: r.seat,
        position: r.position,
        comment: r.comment,
        forum: r.forum,
        conflictDeclared: r.conflictDeclared,
        conflictDescription: r.conflictDescription,
        version: r.decisionVersion,
        contentHash: r.contentHash,
        createdAt: r.createdAt,
        supersedesId: r.supersedesId,
        onCurrentVersion: r.decisionVersion === decision.version,
        counts: reason === null,
        notCountedCode: reason,
        notCountedReason: reason ? NOT_COUNTED_LABELS[reason] : null,
      };
    })
    // Positions on a version for the trust board only stay with the board (sharedHistory).
    .filter((p) => history.version(p.version))
    .reverse();
  const effectiveIds = new Set(quorum.effective.map((p) => p.id));
  const tally = { support: 0, object: 0, abstain: 0 };
  for (const p of quorum.effective) tally[p.position]++;
  const responded = new Set(quorum.effective.map((p) => p.memberId));
  const notResponded = board
    .filter((b) => !responded.has(b.userId) && b.userId !== decision.authorId)
    .map((b) => ({ name: b.name, seat: (b.seat ?? "executive") as Seat }));
  const status = decision.status as DecisionStatus;
  const signedOff =
    (status === "signed_off" || status === "reviewed") && decision.signedOffAt && decision.contentHash
      ? { at: decision.signedOffAt, by: quorum.counted.map((p) => ({ name: p.memberName, seat: p.seat })), version: decision.version, contentHash: decision.contentHash }
      : null;
  const mine = list.find((p) => effectiveIds.has(p.id) && rows.find((r) => r.id === p.id)?.memberId === actor.userId) ?? null;
  const org = { id: trust.id, icsId: trust.icsId };
  return {
    decision: {
      id: decision.id,
      title: decision.title,
      status,
      version: decision.version,
      contentHash: decision.contentHash,
      revision: decision.revision,
      trustName: trust.name,
      signedOffAt: decision.signedOffAt,
      declinedAt: decision.declinedAt,
      declineReason: decision.declineReason,
    },
    policy,
    chairRequiredBecause: decision.outsideAppetite && !trust.signOffChairRequired ? OUTSIDE_APPETITE_CHAIR_REASON : null,
    outsideAppetite: decision.outsideAppetite,
    tally,
    supportingCounted: quorum.supporting,
    stillNeeded: quorum.stillNeeded,
    chairSupports: quorum.chairSupports,
    blocked: status === "awaiting_sign_off" && quorum.blocked,
    blockedReason: status === "awaiting_sign_off" ? quorum.blockedReason : null,
    notResponded,
    positions: list,
    signedOff,
    mine,
    canRecord: status === "awaiting_sign_off" && can(actor, "position.record", org),
    canDecline: status === "awaiting_sign_off" && can(actor, "sign_off.decline", org),
  };
}
