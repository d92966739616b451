// Words for Chair's action and ratification (issue 14), pure so any page or export can use them.
export type RatificationState = "awaiting" | "ratified" | "not_ratified";
export const RATIFICATION_LABELS: Record<RatificationState, string> = {
  awaiting: "Awaiting ratification",
  ratified: "Ratified",
  not_ratified: "Not ratified",
};

/** The status in words, everywhere a decision's status is shown ("Signed off — awaiting ratification"). */
export function ratificationWords(statusLabel: string, ratification: RatificationState | null | undefined): string {
  if (!ratification) return statusLabel;
  return `${statusLabel} — ${RATIFICATION_LABELS[ratification].toLowerCase()}`;
}
