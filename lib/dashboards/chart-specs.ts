// The dashboards' charts, built from the panels' DTOs (pure: unit-tested in tests/unit/chart-specs.test.ts,
// including names that try to break out of the SVG). Each returns the wide and narrow rendering
// (charts.ts, renderChartPair). A hidden count ({ suppressed }) is plotted as null: a hatched
// "not shown" mark, never a nought.
import type { BalancePanel } from "./balance-panel";
import { NHS_CHART_COLOURS, renderChartPair } from "./charts";
import { CATEGORY_LABELS, FACTOR_LABELS, quarterLabel } from "./filters";
import type { FactorRow } from "./factors-panel";
import type { OutcomeSide } from "./outcomes-by-side-panel";
import type { ReciprocityTrust } from "./reciprocity-panel";
import type { Cell, SideCounts } from "./suppression";
import type { WordPairCount } from "./word-pairs";

export type ChartPair = ReturnType<typeof renderChartPair>;

/** A count as plotted: null when hidden (drawn as "not shown"), never 0. */
export const plotted = (c: Cell): number | null => (typeof c === "object" ? null : c);

const SIDE_SERIES = (counts: SideCounts[]) => [
  { name: "Favoured the system", values: counts.map((c) => plotted(c.system)), color: NHS_CHART_COLOURS.system },
  { name: "Favoured the trust", values: counts.map((c) => plotted(c.trust)), color: NHS_CHART_COLOURS.trust },
];

const TABLE_FOLLOWS = "The same figures are in the table that follows.";

function sideChart(title: string, categories: string[], counts: SideCounts[], opts: { horizontal?: boolean; stacked?: boolean } = {}): ChartPair {
  return renderChartPair({
    title,
    categories,
    series: SIDE_SERIES(counts),
    horizontal: opts.horizontal,
    stacked: opts.stacked,
    ariaLabel: `${title}: bar chart. ${TABLE_FOLLOWS}`,
  });
}

export const quarterChart = (rows: BalancePanel["byQuarter"]) => sideChart("Decisions by quarter", rows.map((q) => quarterLabel(q.quarter)), rows);

export const categoryChart = (rows: BalancePanel["byCategory"]) =>
  sideChart("Decisions by category", rows.map((c) => CATEGORY_LABELS[c.category]), rows, { horizontal: true, stacked: true });

export const icsChart = (rows: NonNullable<BalancePanel["byIcs"]>) =>
  sideChart("Decisions by Integrated Care System", rows.map((c) => c.icsName), rows, { horizontal: true, stacked: true });

/** Assessed criteria by outcome, as counts (a hidden count is "not shown"; the table gives the shares). */
export const outcomesChart = (sides: OutcomeSide[]) =>
  renderChartPair({
    title: "Assessed criteria by outcome",
    categories: sides.map((s) => `Favoured the ${s.favoured}`),
    series: [
      { name: "Met", values: sides.map((s) => plotted(s.met)), color: NHS_CHART_COLOURS.green },
      { name: "Partly met", values: sides.map((s) => plotted(s.partlyMet)), color: NHS_CHART_COLOURS.warmYellow },
      { name: "Not met", values: sides.map((s) => plotted(s.notMet)), color: NHS_CHART_COLOURS.red },
    ],
    horizontal: true,
    stacked: true,
    ariaLabel: `Assessed success criteria met, partly met and not met, by side favoured: bar chart. ${TABLE_FOLLOWS}`,
  });

export const factorsChart = (rows: FactorRow[]) =>
  renderChartPair({
    title: "Decisions citing each factor",
    categories: rows.map((r) => FACTOR_LABELS[r.factor]),
    series: SIDE_SERIES(rows.map((r) => r.decisions)),
    horizontal: true,
    stacked: true,
    ariaLabel: `Decisions citing each factor, by side favoured: bar chart. ${TABLE_FOLLOWS}`,
  });

export const wordPairsChart = (pairs: WordPairCount[]) =>
  renderChartPair({
    title: "Most frequent word pairs",
    categories: pairs.map((p) => p.pair),
    series: [{ name: "Times used", values: pairs.map((p) => p.count), color: NHS_CHART_COLOURS.system }],
    horizontal: true,
    ariaLabel: `Most frequent word pairs: bar chart. ${TABLE_FOLLOWS}`,
  });

export const reciprocityChart = (trusts: ReciprocityTrust[]) =>
  renderChartPair({
    title: "Decisions given and received",
    categories: trusts.map((t) => t.trustName),
    series: [
      { name: "Gave", values: trusts.map((t) => t.gaveDecisions), color: NHS_CHART_COLOURS.system },
      { name: "Received", values: trusts.map((t) => t.receivedDecisions), color: NHS_CHART_COLOURS.green },
    ],
    horizontal: true,
    ariaLabel: `Decisions each trust gave and received: bar chart. ${TABLE_FOLLOWS}`,
  });
