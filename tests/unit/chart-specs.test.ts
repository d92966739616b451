import { describe, expect, it } from "vitest";
import { CHART_LAYOUTS, NOT_SHOWN_LEGEND, renderBarChart, wrappedLines } from "@/lib/dashboards/charts";
import { categoryChart, factorsChart, icsChart, outcomesChart, quarterChart, reciprocityChart, wordPairsChart, type ChartPair } from "@/lib/dashboards/chart-specs";
import type { Cell } from "@/lib/dashboards";

// Issue 15 finding 7: every chart that shows a name escapes it. Issue 10 items 12–13: text at least 12 px
// once scaled into the page, long names wrapped (never cut), hidden counts drawn as "not shown", never 0.

const HOSTILE = `</text><svg onload=alert(1)>`;
const ESCAPED = "&lt;/text&gt;&lt;svg onload=alert(1)&gt;";
const LONG = "Northvale and Southmoor Teaching Hospitals NHS Foundation Trust";
const small: Cell = { suppressed: true };
const hidden: Cell = { suppressed: true, secondary: true };

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const both = (pair: ChartPair) => [pair.wide, pair.narrow];

function expectInert(svg: string) {
  // Exactly one <svg (our root) and only ECharts' own tags: the name never became markup.
  expect(svg.match(/<svg/g)).toHaveLength(1);
  expect(svg).not.toMatch(/<[^>]*\sonload=/i);
  const tags = new Set([...svg.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1]));
  for (const tag of tags) expect(["svg", "rect", "path", "text", "g", "style", "defs", "clipPath", "pattern"]).toContain(tag);
}

describe("charts that show names escape them (issue 15, finding 7)", () => {
  const sides = (system: Cell, trust: Cell, total: Cell) => ({ system, trust, total });
  const charts: [string, ChartPair][] = [
    ["by Integrated Care System", icsChart([{ icsOds: "QXX", icsName: HOSTILE, ...sides(4, 3, 7) }, { icsOds: "QYY", icsName: "Fine", ...sides(5, 0, 5) }])],
    [
      "reciprocity",
      reciprocityChart([
        { trustOds: "RXX", trustName: HOSTILE, gaveDecisions: 2, gaveK: 10, receivedDecisions: 1, receivedK: null },
        { trustOds: "RYY", trustName: LONG, gaveDecisions: 1, gaveK: null, receivedDecisions: 2, receivedK: 5 },
      ]),
    ],
    ["word pairs", wordPairsChart([{ pair: HOSTILE, count: 4 }, { pair: "mental health", count: 3 }])],
  ];
  for (const [name, pair] of charts) {
    it(`the ${name} chart renders the name as text`, () => {
      for (const svg of both(pair)) {
        expectInert(svg);
        expect(texts(svg).join(" ")).toContain("&lt;/text&gt;&lt;svg");
        expect(svg).toContain(ESCAPED.slice(0, 12));
      }
    });
  }
});

describe("hidden counts are not shown, never nought (issue 10, item 13)", () => {
  it("a hidden cell draws a hatched mark and the legend says what it means", () => {
    const svg = renderBarChart({
      title: "t",
      categories: ["a", "b"],
      series: [
        { name: "System", values: [5, null] },
        { name: "Trust", values: [null, 3] },
      ],
      horizontal: true,
      stacked: true,
      ariaLabel: "x",
    });
    expect(texts(svg)).toContain(NOT_SHOWN_LEGEND);
    expect(svg).toContain("<pattern");
    // The pattern ids are unique per chart, so several charts on one page don't share them.
    const id = /<pattern[^>]* id="([^"]+)"/.exec(svg)?.[1];
    expect(id).toBeTruthy();
    const other = renderBarChart({ title: "t", categories: ["a"], series: [{ name: "S", values: [null] }], ariaLabel: "x" });
    expect(other).not.toContain(`id="${id}"`);
  });

  it("a chart with nothing hidden has no 'not shown' legend", () => {
    const svg = renderBarChart({ title: "t", categories: ["a"], series: [{ name: "S", values: [0] }, { name: "T", values: [2] }], ariaLabel: "x" });
    expect(texts(svg)).not.toContain(NOT_SHOWN_LEGEND);
  });

  it("the national category and outcomes charts plot hidden cells as not shown", () => {
    const cat = categoryChart([
      { category: "finance", system: 9, trust: small, total: hidden },
      { category: "service", system: small, trust: small, total: 3 },
    ]);
    const out = outcomesChart([
      { favoured: "system", decisions: 5, assessed: 8, met: 4, partlyMet: small, notMet: small, unknown: 0, shares: { met: null, partlyMet: null, notMet: null } },
      { favoured: "trust", decisions: small, assessed: small, met: small, partlyMet: 0, notMet: 0, unknown: 0, shares: { met: null, partlyMet: null, notMet: null } },
    ]);
    const quarters = quarterChart([{ quarter: "2025-Q1", system: small, trust: 4, total: hidden }]);
    for (const pair of [cat, out, quarters]) for (const svg of both(pair)) expect(texts(svg)).toContain(NOT_SHOWN_LEGEND);
    // The outcomes chart is no longer empty: the 4 criteria met are drawn.
    expect(texts(out.wide)).toContain("Favoured the system");
  });
});

describe("chart text and names (issue 10, item 12)", () => {
  it("every text is at least 12 px once scaled into the narrowest column (254 px at 320 px wide; 455 px in a pair at 1024 px)", () => {
    const pair = factorsChart([
      { factor: "local_context_demand", decisions: { system: 3, trust: small, total: 5 }, chiefExecutives: { system: 3, trust: small, total: 5 } },
      { factor: "workforce", decisions: { system: 3, trust: 0, total: 3 }, chiefExecutives: { system: 3, trust: 0, total: 3 } },
    ]);
    const columns = { narrow: 254, wide: 455 } as const;
    for (const layout of ["narrow", "wide"] as const) {
      const svg = pair[layout];
      const width = Number(/ width="(\d+)"/.exec(svg)?.[1]);
      expect(width).toBe(CHART_LAYOUTS[layout].width);
      const scale = Math.min(1, columns[layout] / width);
      const sizes = [...svg.matchAll(/font-size:\s*([\d.]+)px/g)].map((m) => Number(m[1]) * scale);
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    }
  });

  it("long trust names wrap onto more lines and are never cut short", () => {
    const pair = reciprocityChart([1, 2, 3, 4, 5].map((i) => ({ trustOds: `R${i}`, trustName: `${LONG} ${i}`, gaveDecisions: i, gaveK: null, receivedDecisions: 1, receivedK: null })));
    for (const svg of both(pair)) {
      const all = texts(svg).join(" ").replace(/\s+/g, " ");
      expect(all).not.toContain("…");
      // Every word of every name is drawn somewhere.
      for (const word of LONG.split(" ")) expect(all).toContain(word);
      for (const i of [1, 2, 3, 4, 5]) expect(all).toContain(`Foundation Trust ${i}`);
    }
  });

  it("estimates wrapped lines", () => {
    expect(wrappedLines("short", 150, 13)).toBe(1);
    expect(wrappedLines(LONG, 150, 13)).toBeGreaterThanOrEqual(3);
  });
});
