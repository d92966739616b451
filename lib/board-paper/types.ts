// What a board paper shows: a plain value, built from one decision (lib/board-paper/build.ts) and
// rendered here as a PDF and in app/ as a print-ready page.
import type { DecisionContext, DecisionImpact, VersionAttachment } from "../decisions/content";

export type BoardPaperPosition = {
  memberName: string;
  seat: "chair" | "non_executive" | "executive";
  position: "support" | "object" | "abstain";
  forum: "public_board" | "private_session" | "chairs_action";
  /** The conflict of interest declared, or null when none was. */
  conflict: string | null;
  comment: string;
  version: number;
  contentHash: string;
  /** ISO 8601 */
  recordedAt: string;
  /** A later position of the same member on the same version replaced this one. */
  superseded: boolean;
  /** Counts toward sign-off, exactly as the decision page's panel says (lib/quorum.ts). */
  counts: boolean;
  /** Why not, in words ("Conflict of interest declared"), when it does not count. */
  notCountedReason: string | null;
};

export type BoardPaperCriterion = {
  statement: string;
  measure: string;
  baseline: string;
  target: string;
  judgedBy: string | null;
  outcome: { outcome: "met" | "partly_met" | "not_met" | "unknown"; evidence: string; assessedOn: string; assessedBy: string } | null;
};

export type BoardPaper = {
  decisionId: string;
  title: string;
  trust: { ods: string; name: string };
  status: string;
  /** Chair's action (issue 14): awaiting ratification, ratified or not ratified; null otherwise. */
  ratification?: "awaiting" | "ratified" | "not_ratified" | null;
  summary: string;
  context: DecisionContext;
  options: string;
  rationale: string;
  favoured: "system" | "trust" | null;
  category: string | null;
  factors: string[];
  impactOnTrust: DecisionImpact;
  impactOnSystem: DecisionImpact;
  decidedOn: string | null;
  organisations: { ods: string; name: string; role: "benefits" | "bears_cost"; amountK: number | null }[];
  criteria: BoardPaperCriterion[];
  /** The risk taken per domain and how it compared with the board's appetite (VersionContent.riskAppetite); null when none recorded. */
  riskAppetite?: { statementVersion: number | null; risks: { domain: string; level: string; reason: string }[]; outside: { domain: string; appetite: string; taken: string }[] } | null;
  /** The evidence files of the current version (name, size, type, SHA-256), in the version's order. */
  files: VersionAttachment[];
  positions: BoardPaperPosition[];
  signOff: {
    signedOffAt: string | null;
    declinedAt: string | null;
    declineReason: string | null;
    /** Supporting members counting toward sign-off on the current version, and the number the policy needs. */
    counting: number;
    needed: number;
    chairRequired: boolean;
  };
  version: number;
  contentHash: string | null;
  /** The hash at the head of the trust's audit chain when the paper was generated. */
  auditHeadHash: string;
  auditChain: string;
  /** ISO 8601 */
  generatedAt: string;
};
