// Dashboards: every number is an aggregate computed in SQL (GROUP BY, count(*) FILTER), one round
// trip per panel, one file per panel. Counts cover every submitted decision of the organisations in
// view, confidential ones too; only the register's list of decisions respects who may read what.
//
// The national view answers in aggregates only: no trust or Chief Executive keys, no decision text,
// and any count of 1 or 2 comes back as { suppressed: true } — never the number — so no page or API
// built on these DTOs can show it by mistake. Further (./suppression.ts):
// - When the filtered set covers fewer than NATIONAL_MIN_TRUSTS distinct trusts (counted in SQL in
//   each panel's own query), the panel says so (`tooFewTrusts: true`) and carries no figure at all:
//   ICS + trust type often narrows the set to one trust.
// - Balance rows keyed by an organisation attribute (trust type, ICS) that cover fewer than
//   NATIONAL_MIN_TRUSTS trusts are withheld: such a row is one or two trusts' own figures.
// - Secondary suppression: where a row shows parts and their total (system / trust / all; met / partly
//   / not met / unknown / assessed) or group rows add up to the grand total (by ICS, trust type,
//   category, quarter), one more cell is hidden whenever a hidden cell could be worked out by
//   subtraction. Such cells are { suppressed: true, secondary: true } ("not shown").
//   Limit: relations across panels or across two requests with different filters are not tracked.
//
// scope.ts: views and access, and the set of decisions in view; filters.ts: the filters as they travel
// in the URL (pure); suppression.ts: the cells (pure); word-pairs.ts and charts.ts: pure helpers.
export { resolveDashboardView, type DashboardView, type ResolvedView } from "./scope";
export { NATIONAL_MIN_TRUSTS, isSuppressed, type Cell, type SideCounts, type Suppressed } from "./suppression";
export { getDashboardContext, type DashboardContext } from "./context";
export { REGISTER_PANEL_LIMIT, getRegisterPanel, type RegisterPanel, type RegisterRow } from "./register-panel";
export { getBalancePanel, type BalancePanel } from "./balance-panel";
export { getOutcomesBySidePanel, type OutcomeSide, type OutcomesBySidePanel } from "./outcomes-by-side-panel";
export { getFactorsPanel, type FactorRow, type FactorsPanel } from "./factors-panel";
export {
  NATIONAL_MIN_PAIR_DECISIONS,
  NATIONAL_MIN_PAIR_TRUSTS,
  WORD_PAIRS_MIN_DECISIONS,
  getWordPairsPanel,
  type WordPairsPanel,
} from "./word-pairs-panel";
export { getReciprocityPanel, type ReciprocityFlow, type ReciprocityPanel, type ReciprocityTrust } from "./reciprocity-panel";
export { getSignOffSummaryPanel, type SignOffSummaryPanel } from "./sign-off-summary-panel";
export { getRatificationPanel, type RatificationPanel } from "./ratification-panel";
export { getRiskAppetitePanel, type RiskAppetitePanel, type RiskAppetiteRow } from "./risk-appetite-panel";
