// The sign-off rule as a pure function: which positions count, and whether the trust's policy is met.
// No database here, so every case of the rule is unit-tested (tests/unit/quorum.test.ts).

export type QuorumPolicy = { minSupport: number; chairRequired: boolean };

export type QuorumPosition = {
  id: string;
  memberId: string;
  seat: "chair" | "non_executive" | "executive";
  position: "support" | "object" | "abstain";
  conflictDeclared: boolean;
  decisionVersion: number;
  /** The member's earlier position on the same version that this one replaces. */
  supersedesId: string | null;
  createdAt: Date | string;
  /**
   * The member's seat on the board now: null once they have left it (membership removed, account
   * disabled). Undefined when not known, and then the seat recorded with the position is used.
   */
  currentSeat?: "chair" | "non_executive" | "executive" | null;
};

export type NotCountedReason = "older_version" | "superseded" | "author" | "left_board" | "conflict" | "abstain" | "object";

export const NOT_COUNTED_LABELS: Record<NotCountedReason, string> = {
  older_version: "On an older version",
  superseded: "Replaced by a later position",
  author: "The decision's author never counts",
  left_board: "No longer a member of the board",
  conflict: "Conflict of interest declared",
  abstain: "Abstention",
  object: "Objection",
};

export type QuorumResult<P extends QuorumPosition = QuorumPosition> = {
  met: boolean;
  /** Supporting positions that count towards the policy. */
  supporting: number;
  chairSupports: boolean;
  /** How many more supporting members are needed (0 once the number is reached). */
  stillNeeded: number;
  /** The effective position of each member on the current version (one per member). */
  effective: P[];
  counted: P[];
  notCounted: { position: P; reason: NotCountedReason }[];
  /**
   * True when the policy cannot be met with the members' current positions: even if every current
   * board member who has not yet responded supported, there would be too few, or the Chair (when
   * required) has responded without counted support. Only computed when `board` is given.
   */
  blocked: boolean;
  /** Why it is blocked, in words for the panel (null when not blocked). */
  blockedReason: string | null;
};

/** A current board member (disabled users and the departed are not listed). */
export type BoardSeat = { memberId: string; seat: "chair" | "non_executive" | "executive" | null };

function time(p: QuorumPosition) {
  return new Date(p.createdAt).getTime();
}

/**
 * Evaluates the policy on the current version:
 * - only each member's effective position on the current version counts (a later position on the same
 *   version supersedes an earlier one; positions on older versions never count after an amendment);
 * - the decision's author never counts, whatever their seat, nor does anyone who has since left the board;
 * - a member who declared a conflict of interest is recorded but not counted;
 * - only support counts; objections and abstentions are shown, never counted either way.
 * Met when at least `minSupport` members count and, if `chairRequired`, the Chair is one of them.
 */
export function evaluateQuorum<P extends QuorumPosition>(input: {
  policy: QuorumPolicy;
  authorId: string;
  currentVersion: number;
  positions: P[];
  /** The board now; when given, the result says whether sign-off can still complete. */
  board?: BoardSeat[];
}): QuorumResult<P> {
  const { policy, authorId, currentVersion, positions, board } = input;
  const notCounted: { position: P; reason: NotCountedReason }[] = [];
  const supersededIds = new Set(positions.map((p) => p.supersedesId).filter((x): x is string => !!x));
  const latestByMember = new Map<string, P>();
  for (const p of positions) {
    if (p.decisionVersion !== currentVersion) {
      notCounted.push({ position: p, reason: "older_version" });
      continue;
    }
    if (supersededIds.has(p.id)) {
      notCounted.push({ position: p, reason: "superseded" });
      continue;
    }
    const prior = latestByMember.get(p.memberId);
    // Defensive: two unsuperseded rows for one member (should not happen under the row lock): the later wins.
    if (prior && time(prior) >= time(p)) {
      notCounted.push({ position: p, reason: "superseded" });
      continue;
    }
    if (prior) notCounted.push({ position: prior, reason: "superseded" });
    latestByMember.set(p.memberId, p);
  }
  const effective = [...latestByMember.values()];
  const counted: P[] = [];
  for (const p of effective) {
    if (p.memberId === authorId) notCounted.push({ position: p, reason: "author" });
    else if (p.currentSeat === null) notCounted.push({ position: p, reason: "left_board" });
    else if (p.conflictDeclared) notCounted.push({ position: p, reason: "conflict" });
    else if (p.position !== "support") notCounted.push({ position: p, reason: p.position });
    else counted.push(p);
  }
  const minSupport = Math.max(1, policy.minSupport);
  // The Chair now, not the seat held when the position was taken.
  const chairSupports = counted.some((p) => (p.currentSeat ?? p.seat) === "chair");
  const met = counted.length >= minSupport && (!policy.chairRequired || chairSupports);
  let blocked = false;
  let blockedReason: string | null = null;
  if (board && !met) {
    const answered = new Set(effective.map((p) => p.memberId));
    // Who could still add support without anyone changing a recorded position.
    const open = board.filter((b) => b.memberId !== authorId && !answered.has(b.memberId));
    const chairOpen = open.some((b) => b.seat === "chair");
    if (counted.length + open.length < minSupport) {
      blocked = true;
      blockedReason =
        open.length === 0
          ? `Every board member has responded and ${counted.length} of the ${minSupport} supporting members needed count`
          : `Even if the ${open.length} member${open.length === 1 ? "" : "s"} yet to respond supported, ${counted.length + open.length} of the ${minSupport} supporting members needed would count`;
    } else if (policy.chairRequired && !chairSupports && !chairOpen) {
      blocked = true;
      blockedReason = board.some((b) => b.seat === "chair" && b.memberId !== authorId)
        ? "The Chair's support is required and the Chair has responded without support that counts"
        : "The Chair's support is required and the board has no Chair who can support";
    }
  }
  return {
    blocked,
    blockedReason,
    met,
    supporting: counted.length,
    chairSupports,
    stillNeeded: Math.max(0, minSupport - counted.length),
    effective,
    counted,
    notCounted,
  };
}

// ---------------------------------------------------------------- Chair's action (issue 14)

export type ChairsActionPosition = QuorumPosition & { forum: "public_board" | "private_session" | "chairs_action" };

/**
 * Chair's action between meetings: met when, among the positions that count (evaluateQuorum's
 * `counted`: effective, current version, not the author, no conflict, still on the board, support),
 * the Chair and at least `nedsRequired` non-executive directors supported with forum `chairs_action`.
 * Only for a decision marked urgent and not outside the board's risk appetite.
 */
export function evaluateChairsAction<P extends ChairsActionPosition>(input: { counted: P[]; nedsRequired: number; urgent: boolean; outsideAppetite: boolean }): { met: boolean; chair: P | null; neds: P[] } {
  const byAction = input.counted.filter((p) => p.forum === "chairs_action");
  const seatOf = (p: P) => p.currentSeat ?? p.seat;
  const chair = byAction.find((p) => seatOf(p) === "chair") ?? null;
  const neds = byAction.filter((p) => seatOf(p) === "non_executive");
  const met = input.urgent && !input.outsideAppetite && chair !== null && neds.length >= Math.max(1, input.nedsRequired);
  return { met, chair, neds };
}
