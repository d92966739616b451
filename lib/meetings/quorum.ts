// A meeting's quorum from the trust's standing orders, as a pure function (unit-tested).
// Default: a third of the board (rounded up) present, including one non-executive and one executive.

export type MeetingQuorumPolicy = { minPresent: number | null; minNonExecutive: number; minExecutive: number };
export const DEFAULT_MEETING_QUORUM: MeetingQuorumPolicy = { minPresent: null, minNonExecutive: 1, minExecutive: 1 };

/** A board member for quorum: the Chair and Non-Executive Directors are non-executives; executive directors and the Chief Executive are executives. */
export type BoardSeatForQuorum = "non_executive" | "executive";

export type MeetingQuorum = {
  met: boolean;
  required: number;
  present: number;
  nonExecutivesPresent: number;
  executivesPresent: number;
  policy: MeetingQuorumPolicy;
  /** What is missing, in words; empty when quorate. */
  shortfalls: string[];
};

export function evaluateMeetingQuorum(input: { policy: MeetingQuorumPolicy; boardSize: number; present: BoardSeatForQuorum[] }): MeetingQuorum {
  const { policy, boardSize, present } = input;
  const required = policy.minPresent ?? Math.max(1, Math.ceil(boardSize / 3));
  const nonExecutivesPresent = present.filter((s) => s === "non_executive").length;
  const executivesPresent = present.filter((s) => s === "executive").length;
  const shortfalls: string[] = [];
  if (present.length < required) shortfalls.push(`${required} board members must be present (${present.length} are)`);
  if (nonExecutivesPresent < policy.minNonExecutive) shortfalls.push(`at least ${policy.minNonExecutive} non-executive ${policy.minNonExecutive === 1 ? "director" : "directors"} (including the Chair) must be present`);
  if (executivesPresent < policy.minExecutive) shortfalls.push(`at least ${policy.minExecutive} executive ${policy.minExecutive === 1 ? "director" : "directors"} (including the Chief Executive) must be present`);
  return { met: shortfalls.length === 0, required, present: present.length, nonExecutivesPresent, executivesPresent, policy, shortfalls };
}
