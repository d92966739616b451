// What a frozen version contains, and its hash. Pure: the same function serves submit, amend, the
// board paper and anyone re-checking a hash (README, "Content hashes").
import { canonicalJson, sha256Hex } from "../canonical";
import { sortRisks } from "../risk-appetite/taxonomy";

export type VersionCriterion = {
  id: string;
  ordinal: number;
  statement: string;
  measure: string;
  baseline: string;
  target: string;
  judgedBy: string | null;
};

/** A file attached to the decision: what its version freezes (never the bytes). */
export type VersionAttachment = { name: string; size: number; type: string; sha256: string };

export type VersionOrganisation = { ods: string; name: string; role: "benefits" | "bears_cost"; amountK: number | null };

/** The trust's context at the time of a decision, as the record and every view of it hold it. */
export type DecisionContext = {
  financialPosition: "surplus" | "breakeven" | "deficit" | null;
  financialAmountM: number | null;
  regulatorRating: string;
  notes: string;
};
/** An estimated impact: signed £k (a cost is negative) and a line of text. */
export type DecisionImpact = { amountK: number | null; text: string };

export type VersionContent = {
  schema: "fulcrum.decision-version/1";
  decisionId: string;
  version: number;
  trust: { ods: string; name: string };
  title: string;
  summary: string;
  context: DecisionContext;
  options: string;
  rationale: string;
  favoured: "system" | "trust";
  category: string;
  factors: string[];
  impactOnTrust: DecisionImpact;
  impactOnSystem: DecisionImpact;
  organisations: VersionOrganisation[];
  decidedOn: string | null;
  visibility: "trust" | "system";
  criteria: VersionCriterion[];
  /** Present only when the decision has files, so versions frozen before files existed keep their hashes. */
  attachments?: VersionAttachment[];
  /**
   * Present only when the decision records risks (issue 14), so older versions keep their hashes: the
   * risk appetite statement version compared (null when the trust had none in force), the risk taken
   * per domain (domain order), and each domain above the appetite in force.
   */
  riskAppetite?: {
    statementVersion: number | null;
    risks: { domain: string; level: string; reason: string }[];
    outside: { domain: string; appetite: string; taken: string }[];
  };
};

/** Puts lists in a stable order so the same content always hashes the same. */
export function normaliseContent(c: VersionContent): VersionContent {
  return {
    ...c,
    factors: [...c.factors].sort(),
    organisations: [...c.organisations].sort((a, b) => (a.ods + a.role < b.ods + b.role ? -1 : a.ods + a.role > b.ods + b.role ? 1 : 0)),
    criteria: [...c.criteria].sort((a, b) => a.ordinal - b.ordinal),
    ...(c.attachments?.length ? { attachments: sortAttachments(c.attachments) } : {}),
    ...(c.riskAppetite
      ? { riskAppetite: { ...c.riskAppetite, risks: sortRisks(c.riskAppetite.risks), outside: sortRisks(c.riskAppetite.outside) } }
      : {}),
  };
}

export function sortAttachments(list: VersionAttachment[]): VersionAttachment[] {
  const key = (a: VersionAttachment) => `${a.sha256}\u0000${a.name}`;
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The exact UTF-8 text that is hashed: canonical JSON of the normalised content. */
export function canonicalVersionJson(c: VersionContent): string {
  return canonicalJson(normaliseContent(c));
}

/** SHA-256 (hex) of the canonical JSON of the normalised content. */
export function hashVersionContent(c: VersionContent): string {
  return sha256Hex(canonicalVersionJson(c));
}
