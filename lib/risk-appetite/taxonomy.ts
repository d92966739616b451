// Risk appetite's closed sets and the comparison rule. Pure: pages, the API's schemas, the export and
// the tests all use these, so a level is named and compared the same way everywhere.
// The lists repeat db/tables/risk.ts's enums (kept free of the database so client forms can use them;
// tests/unit/risk-appetite.test.ts checks they agree).

export const RISK_DOMAINS = ["finance", "quality_safety", "compliance_regulatory", "reputation", "workforce", "partnerships_system"] as const;
export type RiskDomain = (typeof RISK_DOMAINS)[number];
/** Lowest first: the Good Governance Institute scale. */
export const RISK_LEVELS = ["averse", "minimal", "cautious", "open", "seek", "significant"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const RISK_DOMAIN_LABELS: Record<RiskDomain, string> = {
  finance: "Finance",
  quality_safety: "Quality and safety",
  compliance_regulatory: "Compliance and regulation",
  reputation: "Reputation",
  workforce: "Workforce",
  partnerships_system: "Partnerships and the system",
};
/** Lower case, for sentences: "the board's appetite for finance". */
export const RISK_DOMAIN_WORDS: Record<RiskDomain, string> = {
  finance: "finance",
  quality_safety: "quality and safety",
  compliance_regulatory: "compliance and regulation",
  reputation: "reputation",
  workforce: "workforce",
  partnerships_system: "partnerships and the system",
};
export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  averse: "Averse",
  minimal: "Minimal",
  cautious: "Cautious",
  open: "Open",
  seek: "Seek",
  significant: "Significant",
};
/** What each level means, as the Good Governance Institute's matrix puts it (shown beside the choices). */
export const RISK_LEVEL_HINTS: Record<RiskLevel, string> = {
  averse: "Avoid risk and uncertainty; safety is the key objective",
  minimal: "Prefer ultra-safe options with little inherent risk",
  cautious: "Prefer safe options with a low degree of residual risk",
  open: "Willing to consider every option and choose the one most likely to succeed, with an acceptable level of reward",
  seek: "Eager to be innovative and choose options offering potentially higher rewards despite greater risk",
  significant: "Confident in setting high levels of risk appetite because controls, forward scanning and responsiveness are robust",
};

export const isRiskDomain = (v: unknown): v is RiskDomain => typeof v === "string" && (RISK_DOMAINS as readonly string[]).includes(v);
export const isRiskLevel = (v: unknown): v is RiskLevel => typeof v === "string" && (RISK_LEVELS as readonly string[]).includes(v);

/** The level's place on the scale (averse 0 … significant 5). */
export const levelRank = (l: RiskLevel) => RISK_LEVELS.indexOf(l);

export type DecisionRiskEntry = { domain: string; level: string; reason: string };
export type OutsideEntry = { domain: string; appetite: string; taken: string };

/**
 * What a version freezes when the decision records risks (VersionContent.riskAppetite): the statement
 * version compared (null when the trust has none), the risks in domain order, and each domain whose
 * risk is above the appetite in force. A domain with no appetite stated is never outside.
 */
export type RiskAppetiteContent = { statementVersion: number | null; risks: DecisionRiskEntry[]; outside: OutsideEntry[] };

export function sortRisks<T extends { domain: string }>(risks: T[]): T[] {
  const at = (d: string) => (isRiskDomain(d) ? RISK_DOMAINS.indexOf(d) : RISK_DOMAINS.length);
  return [...risks].sort((a, b) => at(a.domain) - at(b.domain) || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
}

/** Compares a decision's risks with the appetite in force (`appetite`: domain → level; null: none). */
export function compareWithAppetite(
  risks: DecisionRiskEntry[],
  appetite: { version: number; levels: Partial<Record<RiskDomain, RiskLevel>> } | null,
): RiskAppetiteContent {
  const sorted = sortRisks(risks).map((r) => ({ domain: r.domain, level: r.level, reason: r.reason }));
  const outside: OutsideEntry[] = [];
  for (const r of sorted) {
    if (!isRiskDomain(r.domain) || !isRiskLevel(r.level)) continue;
    const limit = appetite?.levels[r.domain];
    if (limit && levelRank(r.level) > levelRank(limit)) outside.push({ domain: r.domain, appetite: limit, taken: r.level });
  }
  return { statementVersion: appetite?.version ?? null, risks: sorted, outside };
}

const domainWord = (d: string) => (isRiskDomain(d) ? RISK_DOMAIN_WORDS[d] : d);

/** "Outside the board's appetite for finance: cautious; this decision: open". */
export function outsideSentence(o: OutsideEntry): string {
  return `Outside the board's appetite for ${domainWord(o.domain)}: ${o.appetite}; this decision: ${o.taken}`;
}

/** Why the Chair's support is needed, in the sign-off panel's words. */
export const OUTSIDE_APPETITE_CHAIR_REASON =
  "This decision is outside the board's risk appetite, so it needs the Chair's support to be signed off, whatever the trust's sign-off policy says";
