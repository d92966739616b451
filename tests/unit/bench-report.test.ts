import { describe, expect, it } from "vitest";
import { firstLoadRatios, firstLoadTable, lighthouseSummary, medianRun, table, type LighthouseResult, type PageWeight } from "@/scripts/bench-report";

const page = (key: string, scripts: [number, number][]): PageWeight => ({
  key,
  label: `/${key}`,
  who: "someone",
  html: { bytes: 2048, gzip: 512 },
  scripts: scripts.map(([bytes, gzip], i) => ({ url: `/_next/static/chunks/${key}-${i}.js`, bytes, gzip })),
});

describe("bench:web's report (scripts/bench-report.ts)", () => {
  it("divides each page's first-load JS by /sign-in's on the gzip sizes, goal ≤ 1.25", () => {
    const rows = firstLoadRatios([
      page("sign-in", [[3000, 1000], [1000, 1000]]),
      page("inbox", [[90000, 2400]]), // far more uncompressed, 1.2 × gzip: met
      page("dashboard", [[4000, 2600]]), // 1.3 × gzip: not met
    ]);
    expect(rows.map((r) => [r.key, r.files, r.js.gzip, r.ratio, r.met])).toEqual([
      ["sign-in", 2, 2000, 1, true],
      ["inbox", 1, 2400, 1.2, true],
      ["dashboard", 1, 2600, 1.3, false],
    ]);
    const printed = firstLoadTable(rows).split("\n");
    expect(printed[0]).toMatch(/^\| page +\| +who \| JS files \| JS kB \| JS kB gzip \| ÷ \/sign-in \(gzip\) \| HTML kB \| HTML kB gzip \|$/);
    expect(printed[3]).toMatch(/\| +87\.9 \| +2\.3 \| +1\.20 \|/);
    expect(printed[4]).toContain("1.30 (over 1.25)");
    expect(() => firstLoadRatios([page("inbox", [[1, 1]])])).toThrow(/no sign-in page/);
  });

  it("aligns a table's columns: the first left, the others right", () => {
    expect(table(["a", "bb"], [["xyz", "1"]])).toBe("| a   | bb |\n|-----|---:|\n| xyz |  1 |");
  });

  it("lists the audits holding a score below its goal, the performance metrics first", () => {
    const audit = (id: string, score: number | null, scoreDisplayMode = "numeric") => ({ id, title: `Title of ${id}`, score, scoreDisplayMode });
    const lhr: LighthouseResult = {
      categories: {
        performance: { score: 0.91, auditRefs: [{ id: "unused-javascript", weight: 0 }, { id: "total-blocking-time", weight: 30 }, { id: "first-contentful-paint", weight: 10 }, { id: "diagnostics", weight: 0 }] },
        accessibility: { score: 0.96, auditRefs: [{ id: "color-contrast", weight: 7 }, { id: "image-alt", weight: 10 }, { id: "video-caption", weight: 10 }] },
      },
      audits: {
        "unused-javascript": { ...audit("unused-javascript", 0.5, "metricSavings"), displayValue: "Est savings of 30 KiB" },
        "total-blocking-time": audit("total-blocking-time", 0.55),
        "first-contentful-paint": audit("first-contentful-paint", 0.98),
        diagnostics: audit("diagnostics", 0, "informative"),
        "color-contrast": audit("color-contrast", 0, "binary"),
        "image-alt": audit("image-alt", 1, "binary"),
        "video-caption": audit("video-caption", null, "notApplicable"),
      },
    };
    const s = lighthouseSummary(lhr);
    expect([s.performance, s.accessibility, s.met]).toEqual([91, 96, false]);
    expect(s.failing.map((a) => [a.category, a.id, a.weight])).toEqual([
      ["performance", "total-blocking-time", 30],
      ["accessibility", "color-contrast", 7],
      ["performance", "unused-javascript", 0],
    ]);
    expect(s.failing[2].displayValue).toBe("Est savings of 30 KiB");

    lhr.categories.performance.score = 0.95;
    lhr.categories.accessibility.score = 1;
    expect(lighthouseSummary(lhr)).toMatchObject({ performance: 95, accessibility: 100, met: true, failing: [] });
  });

  it("reports the run with the median performance score", () => {
    expect(medianRun([{ performance: 90, n: 1 }, { performance: 70, n: 2 }, { performance: 99, n: 3 }]).n).toBe(1);
    expect(medianRun([{ performance: 90 }, { performance: 70 }]).performance).toBe(70);
  });
});
