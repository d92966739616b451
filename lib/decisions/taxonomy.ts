// The words for Fulcrum's closed sets about decisions. Pure: safe in client components, lib and scripts.
// Ids are the pgEnum values of db/schema.ts; labels and help texts come from DESIGN.md and the study.

export type FactorId =
  | "population_outcomes"
  | "financial_stability"
  | "regulatory_standing"
  | "relationships_reciprocity"
  | "local_context_demand"
  | "workforce"
  | "economies_of_scale"
  | "prevention_root_causes"
  | "board_risk_appetite"
  | "contracting_payment";

export type CategoryId = "finance" | "service" | "contracting" | "workforce" | "estates" | "capacity" | "governance";
export type FavouredId = "system" | "trust";
export type VisibilityId = "trust" | "system";
export type FinancialPositionId = "surplus" | "breakeven" | "deficit";
export type OrgLinkRoleId = "benefits" | "bears_cost";
export type OutcomeId = "met" | "partly_met" | "not_met" | "unknown";

/** The factors weighed, in the order the form shows them. */
export const FACTORS: readonly { id: FactorId; label: string; help: string }[] = [
  {
    id: "population_outcomes",
    label: "Population and clinical outcomes",
    help: "Health outcomes for patients and the local population, including access and quality of care.",
  },
  {
    id: "financial_stability",
    label: "Financial stability",
    help: "The trust's or the system's financial position: income, costs, surplus or deficit, cash.",
  },
  {
    id: "regulatory_standing",
    label: "Regulatory standing",
    help: "How regulators (CQC, NHS England oversight) judge the trust, and the risk to that rating.",
  },
  {
    id: "relationships_reciprocity",
    label: "Relationships and reciprocity",
    help: "Trust between leaders and organisations, favours given and owed, future goodwill.",
  },
  {
    id: "local_context_demand",
    label: "Local context and demand",
    help: "The needs, geography and demand pressures of the communities the trust serves.",
  },
  {
    id: "workforce",
    label: "Workforce",
    help: "Staff numbers, skills, wellbeing, recruitment and retention, here or elsewhere in the system.",
  },
  {
    id: "economies_of_scale",
    label: "Economies of scale",
    help: "Savings or quality gained by doing something once, at scale, across organisations.",
  },
  {
    id: "prevention_root_causes",
    label: "Prevention and root causes",
    help: "Tackling why people become ill or need care, rather than treating the result.",
  },
  {
    id: "board_risk_appetite",
    label: "Board risk appetite",
    help: "How much risk the board has said it will accept, and whether this decision fits it.",
  },
  {
    id: "contracting_payment",
    label: "Contracting and payment mechanisms",
    help: "How contracts, tariffs, block payments or incentives reward or penalise the choice.",
  },
];

export const FACTOR_IDS = FACTORS.map((f) => f.id) as [FactorId, ...FactorId[]];
export const FACTOR_LABELS = Object.fromEntries(FACTORS.map((f) => [f.id, f.label])) as Record<FactorId, string>;

export const CATEGORY_LABELS: Record<CategoryId, string> = {
  finance: "Finance",
  service: "Service",
  contracting: "Contracting",
  workforce: "Workforce",
  estates: "Estates",
  capacity: "Capacity",
  governance: "Governance",
};
export const CATEGORY_IDS = Object.keys(CATEGORY_LABELS) as [CategoryId, ...CategoryId[]];

/** As the study's Table 6 words it: "Favoured system" / "Favoured trust". */
export const FAVOURED_LABELS: Record<FavouredId, string> = { system: "System", trust: "Trust" };
export const FAVOURED_HINTS: Record<FavouredId, string> = {
  system: "The decision put the wider health system first, even at some cost to the trust.",
  trust: "The decision put the trust first, even at some cost to the wider system.",
};

/** A success criterion's assessment. */
export const OUTCOME_LABELS: Record<OutcomeId, string> = { met: "Met", partly_met: "Partly met", not_met: "Not met", unknown: "Unknown" };
export const OUTCOME_IDS = Object.keys(OUTCOME_LABELS) as [OutcomeId, ...OutcomeId[]];

export const VISIBILITY_LABELS: Record<VisibilityId, string> = {
  trust: "Trust board only",
  system: "Shared with the Integrated Care System (ICS)",
};

export const FINANCIAL_POSITION_LABELS: Record<FinancialPositionId, string> = {
  surplus: "Surplus",
  breakeven: "Breakeven",
  deficit: "Deficit",
};

export const ORG_ROLE_LABELS: Record<OrgLinkRoleId, string> = {
  benefits: "Benefits",
  bears_cost: "Bears the cost",
};

export const TRUST_TYPE_LABELS: Record<string, string> = {
  acute: "Acute",
  mental_health: "Mental health",
  community: "Community",
  specialist: "Specialist",
  ambulance: "Ambulance",
  combined: "Combined",
};

/** Field limits shared by the schemas and the form's character counts. */
export const LIMITS = {
  title: 200,
  summary: 2000,
  regulatorRating: 200,
  notes: 4000,
  options: 10000,
  rationale: 20000,
  impactText: 500,
  criterionText: 1000,
  criteria: 20,
  organisations: 40,
  comment: 5000,
  /** A board member's comment with their position. */
  positionComment: 4000,
  /** A conflict of interest declared with a position. */
  conflict: 2000,
  /** The evidence for an outcome. */
  evidence: 4000,
  /** Why the Chair declined. */
  declineReason: 4000,
  reason: 2000,
  riskReason: 1000,
  /** The register's search words. */
  search: 200,
  /** £k: ±£10bn. */
  amountK: 10_000_000,
  /** £m. */
  amountM: 100_000,
} as const;
