import { describe, expect, it } from "vitest";
import { CHART_LAYOUTS, NHS_CHART_COLOURS, compactSvg, lruMemo, renderBarChart, renderChartPair } from "@/lib/dashboards/charts";

const base = {
  title: "Top word pairs",
  categories: ["mental health", "social care", "urgent care"],
  series: [{ name: "Mentions", values: [12, 9, 4] }],
  ariaLabel: "Bar chart of the most frequent word pairs",
};

// The opening <svg ...> tag, where attributes live.
function openingTag(svg: string): string {
  return svg.slice(0, svg.indexOf(">") + 1);
}

// Text content of every <text> element, entities left as written.
function textContents(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

describe("renderBarChart", () => {
  it("returns an SVG document with the title and each category label", () => {
    const svg = renderBarChart(base);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    const texts = textContents(svg);
    expect(texts).toContain("Top word pairs");
    for (const category of base.categories) expect(texts).toContain(category);
  });

  it("carries role=img and the aria-label on the root element", () => {
    const tag = openingTag(renderBarChart(base));
    expect(tag).toContain('role="img"');
    expect(tag).toContain('aria-label="Bar chart of the most frequent word pairs"');
  });

  it("escapes a hostile aria-label so it cannot break out of the attribute", () => {
    const svg = renderBarChart({ ...base, ariaLabel: `Chart "x" onload='alert(1)' <script>&` });
    const tag = openingTag(svg);
    expect(tag).toContain(
      'aria-label="Chart &quot;x&quot; onload=&#39;alert(1)&#39; &lt;script&gt;&amp;"',
    );
    expect(svg).not.toContain("<script");
  });

  it("escapes hostile category labels, series names and titles", () => {
    const hostile = "<script>alert(1)</script>";
    const quoted = `"quotes" & ampersands`;
    const svg = renderBarChart({
      ...base,
      title: `<img src=x onerror=alert(1)>`,
      categories: [hostile, quoted, "plain"],
      series: [
        { name: "<b>System</b>", values: [1, 2, 3] },
        { name: "Trust", values: [3, 2, 1] },
      ],
    });
    expect(svg).not.toContain("<script");
    expect(svg).not.toContain("<img");
    expect(svg).not.toContain("<b>");
    const texts = textContents(svg);
    expect(texts).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(texts).toContain("&quot;quotes&quot; &amp; ampersands");
    expect(texts).toContain("&lt;b&gt;System&lt;/b&gt;");
    expect(texts).toContain("&lt;img src=x onerror=alert(1)&gt;");
    // Only the tags ECharts emits, nothing smuggled in.
    const tags = new Set([...svg.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1]));
    for (const tag of tags) {
      expect(["svg", "rect", "path", "text", "g", "style", "defs", "clipPath", "pattern"]).toContain(tag);
    }
  });

  it("shows a legend with the series names when there is more than one series", () => {
    const svg = renderBarChart({
      ...base,
      series: [
        { name: "System", values: [5, 3, 1] },
        { name: "Trust", values: [2, 4, 6] },
      ],
    });
    const texts = textContents(svg);
    expect(texts).toContain("System");
    expect(texts).toContain("Trust");
    expect(svg).toContain(`fill="${NHS_CHART_COLOURS.system}"`);
    expect(svg).toContain(`fill="${NHS_CHART_COLOURS.trust}"`);
  });

  it("shows no legend for a single series", () => {
    const texts = textContents(renderBarChart(base));
    expect(texts).not.toContain("Mentions");
  });

  it("uses a series' own colour", () => {
    const svg = renderBarChart({
      ...base,
      series: [{ name: "Signed off", values: [1, 2, 3], color: NHS_CHART_COLOURS.green }],
    });
    expect(svg).toContain(`fill="${NHS_CHART_COLOURS.green}"`);
  });

  it("rejects a colour that is not a hex colour, since colours land in attributes", () => {
    expect(() =>
      renderBarChart({ ...base, series: [{ name: "x", values: [1, 2, 3], color: `red" onload="x` }] }),
    ).toThrow(TypeError);
  });

  it("rejects series whose length does not match the categories", () => {
    expect(() => renderBarChart({ ...base, series: [{ name: "x", values: [1, 2] }] })).toThrow(
      RangeError,
    );
    expect(() => renderBarChart({ ...base, series: [] })).toThrow(RangeError);
  });

  it("uses the requested size for vertical charts", () => {
    const tag = openingTag(renderBarChart({ ...base, width: 500, height: 300 }));
    expect(tag).toContain('width="500"');
    expect(tag).toContain('height="300"');
  });

  it("grows horizontal charts with the number of categories", () => {
    const heightOf = (n: number) => {
      const categories = Array.from({ length: n }, (_, i) => `Category ${i + 1}`);
      const tag = openingTag(
        renderBarChart({
          ...base,
          categories,
          series: [{ name: "n", values: categories.map((_, i) => i) }],
          horizontal: true,
          height: 200,
        }),
      );
      return Number(/ height="(\d+(?:\.\d+)?)"/.exec(tag)?.[1]);
    };
    expect(heightOf(2)).toBe(200);
    expect(heightOf(20)).toBeGreaterThan(heightOf(10));
    expect(heightOf(20)).toBeGreaterThanOrEqual(20 * 28);
  });

  it("renders 50 categories, horizontal and vertical, with every label present", () => {
    const categories = Array.from({ length: 50 }, (_, i) => `pair ${String(i + 1).padStart(2, "0")}`);
    for (const horizontal of [true, false]) {
      const svg = renderBarChart({
        ...base,
        categories,
        series: [
          { name: "System", values: categories.map((_, i) => 50 - i) },
          { name: "Trust", values: categories.map((_, i) => i % 7) },
        ],
        horizontal,
        stacked: true,
      });
      expect(svg.startsWith("<svg")).toBe(true);
      const texts = textContents(svg);
      for (const category of categories) expect(texts).toContain(category);
    }
  });

  it("is deterministic apart from ECharts' per-instance ids", () => {
    const normalise = (svg: string) => svg.replace(/zr\d+-cls-\d+/g, "zr-cls");
    expect(normalise(renderBarChart(base))).toBe(normalise(renderBarChart(base)));
  });
});

describe("compactSvg (a static image's SVG)", () => {
  // Every chart shape the dashboards draw: vertical, horizontal stacked, with hidden (hatched) figures.
  const shapes = [
    { ...base, categories: Array.from({ length: 40 }, (_, i) => `2025-Q${(i % 4) + 1} ${i}`), series: [{ name: "System", values: Array.from({ length: 40 }, (_, i) => i * 3) }, { name: "Trust", values: Array.from({ length: 40 }, (_, i) => 40 - i) }] },
    { ...base, horizontal: true, stacked: true, series: [{ name: "System", values: [5, null, 3] }, { name: "Trust", values: [null, 4, 0] }] },
  ];
  const visible = (svg: string) => [...svg.matchAll(/<path d="([^"]*)"[^>]*?fill="(#[0-9A-Fa-f]+|url\([^)]*\))"/g)].map((m) => `${m[1]} ${m[2].replace(/url\(#[^)]*\)/, "url")}`);
  it("draws the same marks and text in far fewer bytes, with nothing for a live chart left", () => {
    for (const opts of shapes) {
      const raw = renderBarChart(opts, { compact: false });
      const compact = renderBarChart(opts);
      // About 60 % of the size for a chart of many bars; the hatching patterns are most of a small one.
      expect(compact.length).toBeLessThan(raw.length * (opts.categories.length > 10 ? 0.65 : 0.8));
      expect(textContents(compact)).toEqual(textContents(raw));
      expect(visible(compact)).toEqual(visible(raw));
      expect(visible(compact).length).toBeGreaterThan(5);
      expect(compact).not.toMatch(/ecmeta_|pointer-events|zr\d+-cls-|<style/);
      expect(openingTag(compact)).toContain('font-family="Arial, Helvetica, sans-serif"');
      expect(openingTag(compact)).toContain('role="img"');
      // The hatched marks' patterns and their references survive.
      if ("horizontal" in opts && opts.horizontal) {
        expect(compact).toMatch(/<pattern /);
        for (const [, id] of compact.matchAll(/url\(#([^)]+)\)/g)) expect(compact).toContain(`id="${id}"`);
      }
    }
  });
  it("leaves a style block alone unless every rule in it is a hover rule", () => {
    const svg = '<svg width="1"><text class="zr0-cls-1" style="font-size:13px;font-family:Arial, Helvetica, sans-serif;">a</text><style ><![CDATA[\n.zr0-cls-1 { fill: red; }\n]]>\n</style></svg>';
    const out = compactSvg(svg);
    expect(out).toContain('class="zr0-cls-1"');
    expect(out).toContain("fill: red");
    expect(out).toBe('<svg font-family="Arial, Helvetica, sans-serif" width="1"><text class="zr0-cls-1" style="font-size:13px;">a</text><style ><![CDATA[\n.zr0-cls-1 { fill: red; }\n]]>\n</style></svg>');
  });
});

describe("renderChartPair (kept charts)", () => {
  const opts = (n: number, label = "Q1") => ({
    title: "Decisions by quarter",
    categories: [label, "Q2"],
    series: [{ name: "Favoured the system", values: [n, 2] }],
    ariaLabel: "Decisions by quarter: bar chart.",
  });
  // ECharts numbers each drawing's CSS classes (zr12-cls-12): equal charts differ only there.
  const unnumbered = (svg: string) => svg.replace(/zr\d+-cls-\d+/g, "zr-cls");
  it("draws the same SVG as a fresh rendering, and a changed figure or label draws a new one", () => {
    const first = renderChartPair(opts(5));
    expect(renderChartPair(opts(5))).toBe(first);
    const l = CHART_LAYOUTS.wide;
    const fresh = renderBarChart({ ...opts(5), width: l.width, fontSize: l.fontSize, titleSize: l.titleSize, labelWidth: l.labelWidth, height: Math.round(l.width * 0.62) });
    expect(unnumbered(first.wide)).toBe(unnumbered(fresh));
    expect(unnumbered(renderChartPair(opts(6)).wide)).not.toBe(unnumbered(first.wide));
    expect(unnumbered(renderChartPair(opts(5, "Q1 <b>")).wide)).not.toBe(unnumbered(first.wide));
  });
  it("a kept value is given back until it is the least recently used of more than the limit", () => {
    const memo = lruMemo<number>(2);
    let made = 0;
    const get = (k: string) => memo.get(k, () => ++made);
    expect([get("a"), get("b"), get("a")]).toEqual([1, 2, 1]);
    get("c"); // pushes out b, the least recently used
    expect(memo.size).toBe(2);
    expect([get("a"), get("c"), get("b")]).toEqual([1, 3, 4]);
  });
});

describe("the value axis of a narrow horizontal chart", () => {
  // Reported at 320 px: the labels ran together ("100150200250"). Each label is estimated at 0.6 em a
  // character (Arial's widest digits are 0.556 em); neighbours must keep a gap.
  for (const largest of [9, 47, 290, 1480, 23500]) {
    it(`keeps its labels apart when the longest bar is ${largest}`, () => {
      const pair = renderChartPair({
        title: "Decisions citing each factor",
        categories: ["Finance", "Workforce", "Estates", "Service"],
        series: [
          { name: "Favoured the system", values: [largest, Math.round(largest * 0.7), Math.round(largest * 0.4), 1] },
          { name: "Favoured the trust", values: [Math.round(largest * 0.1), 0, Math.round(largest * 0.2), 0] },
        ],
        horizontal: true,
        stacked: true,
        ariaLabel: "Factors",
      });
      const labels = [...pair.narrow.matchAll(/<text[^>]*style="font-size:(\d+)px;"[^>]*transform="translate\(([\d.]+) ([\d.]+)\)"[^>]*>([\d,.]+)<\/text>/g)]
        .map((m) => ({ size: Number(m[1]), x: Number(m[2]), y: Number(m[3]), text: m[4] }));
      // The value labels share one baseline (the lowest row of numbers).
      const baseline = Math.max(...labels.map((l) => l.y));
      const axis = labels.filter((l) => l.y === baseline).sort((a, b) => a.x - b.x);
      expect(axis.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < axis.length; i++) {
        const half = (l: (typeof axis)[number]) => (l.text.length * 0.6 * l.size) / 2;
        expect(axis[i].x - axis[i - 1].x - half(axis[i]) - half(axis[i - 1]), `${axis[i - 1].text} and ${axis[i].text}`).toBeGreaterThanOrEqual(2);
      }
    });
  }
});
