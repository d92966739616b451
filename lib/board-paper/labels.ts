// Words for the closed sets, as a board paper says them. Pure.
import { formatMoneyM } from "../format";
import { CATEGORY_LABELS, FACTOR_LABELS, OUTCOME_LABELS } from "../decisions/taxonomy";
import { STATUS_LABELS } from "../lifecycle";
import { RISK_DOMAIN_LABELS, RISK_LEVEL_LABELS, isRiskDomain, isRiskLevel, outsideSentence } from "../risk-appetite/taxonomy";
import type { BoardPaper } from "./types";

export const FAVOURED_LABEL = { system: "The system (ICS)", trust: "The trust" } as const;
export const CATEGORY_LABEL: Record<string, string> = CATEGORY_LABELS;
export const FACTOR_LABEL: Record<string, string> = FACTOR_LABELS;
export const STATUS_LABEL: Record<string, string> = STATUS_LABELS;
export const POSITION_LABEL = { support: "Support", object: "Object", abstain: "Abstain" } as const;
export const FORUM_LABEL = { public_board: "Public board meeting", private_session: "Private session", chairs_action: "Chair's action" } as const;
export const SEAT_LABEL = { chair: "Chair", non_executive: "Non-Executive Director", executive: "Executive Director" } as const;
export const OUTCOME_LABEL = OUTCOME_LABELS;
export const ORG_ROLE_LABEL = { benefits: "Benefits", bears_cost: "Bears the cost" } as const;
export const FINANCIAL_POSITION_LABEL = { surplus: "Surplus", breakeven: "Break-even", deficit: "Deficit" } as const;

export function contextLine(c: BoardPaper["context"]): string {
  const parts: string[] = [];
  if (c.financialPosition) {
    parts.push(`${FINANCIAL_POSITION_LABEL[c.financialPosition]}${c.financialAmountM !== null ? ` of ${formatMoneyM(Math.abs(c.financialAmountM))}` : ""}`);
  }
  if (c.regulatorRating) parts.push(`Regulator rating: ${c.regulatorRating}`);
  return parts.join(". ");
}

/** "Counting toward sign-off: 2 of the 3 supporting members needed, including the Chair": the panel's rule, said once for paper and PDF. */
export function countingLine(paper: { signOff: { counting: number; needed: number; chairRequired: boolean } }): string {
  const { counting, needed, chairRequired } = paper.signOff;
  return `Counting toward sign-off: ${counting} of the ${needed} supporting member${needed === 1 ? "" : "s"} needed${chairRequired ? ", including the Chair" : ""}.`;
}

/** The gate in words, on the paper, the pack's cover sheet and the meeting page's. */
export const OUTSIDE_APPETITE_GATE =
  "Because it is outside the board's risk appetite, this decision needs the Chair's support to be signed off, whatever the trust's sign-off policy says, and cannot be signed off by Chair's action.";

/**
 * The risk section's lines, said once for paper, PDF and the pack's cover sheet: each domain outside
 * the board's appetite first ("Outside the board's appetite for finance: cautious; this decision:
 * open"), the gate, then each risk taken, then the statement compared.
 */
export function riskLines(r: BoardPaper["riskAppetite"] | undefined, frozen: boolean): { outside: string[]; gate: string | null; risks: string[]; compared: string } {
  if (!r) return { outside: [], gate: null, risks: [], compared: "" };
  const outside = frozen ? r.outside.map(outsideSentence) : [];
  return {
    outside,
    gate: outside.length ? OUTSIDE_APPETITE_GATE : null,
    risks: r.risks.map((x) => `${isRiskDomain(x.domain) ? RISK_DOMAIN_LABELS[x.domain] : x.domain}: ${isRiskLevel(x.level) ? RISK_LEVEL_LABELS[x.level] : x.level}. ${x.reason}`),
    compared: !frozen
      ? "Compared with the board's risk appetite when submitted."
      : r.statementVersion === null
        ? "No risk appetite statement was in force when this version was frozen, so no domain is flagged."
        : `Compared with version ${r.statementVersion} of the board's risk appetite.${outside.length ? "" : " Within it in every domain stated."}`,
  };
}
