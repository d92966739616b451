// The decision lifecycle of DESIGN.md as a pure function: every status change in lib/ goes through it.
//
// draft --submit--> awaiting_sign_off --quorum--> signed_off --all_assessed--> reviewed
//   |                  |  \--decline--> declined
//   |                  \--amend--> awaiting_sign_off (new version)
//   \--withdraw--> withdrawn        (awaiting_sign_off can be withdrawn too)

export type DecisionStatus = "draft" | "awaiting_sign_off" | "signed_off" | "declined" | "reviewed" | "withdrawn";
export type LifecycleEvent = "edit" | "submit" | "amend" | "withdraw" | "quorum" | "decline" | "all_assessed";

const TRANSITIONS: Record<DecisionStatus, Partial<Record<LifecycleEvent, DecisionStatus>>> = {
  draft: { edit: "draft", submit: "awaiting_sign_off", withdraw: "withdrawn" },
  awaiting_sign_off: { amend: "awaiting_sign_off", withdraw: "withdrawn", quorum: "signed_off", decline: "declined" },
  signed_off: { all_assessed: "reviewed" },
  declined: {},
  reviewed: {},
  withdrawn: {},
};

export const STATUS_LABELS: Record<DecisionStatus, string> = {
  draft: "Draft",
  awaiting_sign_off: "Awaiting sign-off",
  signed_off: "Signed off",
  declined: "Declined",
  reviewed: "Reviewed",
  withdrawn: "Withdrawn",
};

export const STATUS_COLOURS = {
  draft: "grey",
  awaiting_sign_off: "yellow",
  signed_off: "green",
  declined: "red",
  reviewed: "aqua",
  withdrawn: "grey",
} as const satisfies Record<DecisionStatus, string>;

/** The status after the event, or null when the event is not allowed from this status. */
export function nextStatus(from: DecisionStatus, event: LifecycleEvent): DecisionStatus | null {
  return TRANSITIONS[from][event] ?? null;
}

export function allowedEvents(from: DecisionStatus): LifecycleEvent[] {
  return Object.keys(TRANSITIONS[from]) as LifecycleEvent[];
}

const REFUSALS: Partial<Record<LifecycleEvent, string>> = {
  edit: "Only a draft can be edited; amend a submitted decision instead",
  submit: "Only a draft can be submitted for sign-off",
  amend: "Only a decision awaiting sign-off can be amended",
  withdraw: "Only a draft or a decision awaiting sign-off can be withdrawn",
  quorum: "Only a decision awaiting sign-off can be signed off",
  decline: "Only a decision awaiting sign-off can be declined",
  all_assessed: "Only a signed-off decision can be reviewed",
};

/** Why the event is refused, in words for the person who tried. */
export function refusalMessage(from: DecisionStatus, event: LifecycleEvent): string {
  return `${REFUSALS[event] ?? "That is not allowed"} (this decision is ${STATUS_LABELS[from].toLowerCase()}).`;
}
