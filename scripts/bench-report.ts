// The benchmarks' reports (pure: no database, no server), so they can be unit-tested.

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
export const round = (x: number) => Math.round(x * 10) / 10;

/** A Markdown table: the first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|")}|`, ...rows.map(line)].join("\n");
}

// ---------------------------------------------------------------- bench:web

/** Bytes of one response body: as served uncompressed, and gzipped (level 9, as Next's build output measured "First Load JS"). */
export type Weight = { bytes: number; gzip: number };
export type PageWeight = { key: string; label: string; who: string; html: Weight; scripts: (Weight & { url: string })[] };
export const FIRST_LOAD_GOAL = 1.25;
export const LIGHTHOUSE_GOALS = { performance: 95, accessibility: 100 } as const;

export const sumWeights = (ws: Weight[]): Weight => ws.reduce((a, w) => ({ bytes: a.bytes + w.bytes, gzip: a.gzip + w.gzip }), { bytes: 0, gzip: 0 });
const kB = (bytes: number) => (bytes / 1024).toFixed(1);

/** Each page's first-load JS (gzip is the ratio's basis) ÷ the base page's (/sign-in). */
export function firstLoadRatios(pages: PageWeight[], baseKey = "sign-in") {
  const base = pages.find((p) => p.key === baseKey);
  if (!base) throw new Error(`no ${baseKey} page to compare with`);
  const baseJs = sumWeights(base.scripts);
  return pages.map((p) => {
    const js = sumWeights(p.scripts);
    const ratio = Math.round((js.gzip / baseJs.gzip) * 100) / 100;
    return { key: p.key, label: p.label, who: p.who, files: p.scripts.length, js, html: p.html, ratio, met: ratio <= FIRST_LOAD_GOAL };
  });
}

export function firstLoadTable(rows: ReturnType<typeof firstLoadRatios>) {
  return table(
    ["page", "who", "JS files", "JS kB", "JS kB gzip", "÷ /sign-in (gzip)", "HTML kB", "HTML kB gzip"],
    rows.map((r) => [r.label, r.who, String(r.files), kB(r.js.bytes), kB(r.js.gzip), `${r.ratio.toFixed(2)}${r.met ? "" : " (over 1.25)"}`, kB(r.html.bytes), kB(r.html.gzip)]),
  );
}

/** The parts of a Lighthouse result (LHR) the report reads. */
export type LighthouseResult = {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, { id: string; title: string; score: number | null; scoreDisplayMode: string; displayValue?: string }>;
};
/** weight: the audit's share of its category's score (the performance metrics; 0 for diagnostics). */
export type FailingAudit = { category: string; id: string; title: string; score: number; weight: number; displayValue?: string };

/** A category's score out of 100, and the audits that hold it below its goal: scored audits under 0.9 (accessibility: under 1). */
export function lighthouseSummary(lhr: LighthouseResult) {
  const score = (c: string) => (lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score! * 100));
  const failing: FailingAudit[] = [];
  for (const [category, goal] of Object.entries(LIGHTHOUSE_GOALS)) {
    const s = score(category);
    if (s !== null && s >= goal) continue;
    for (const ref of lhr.categories[category]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (!a || a.score === null || !["binary", "numeric", "metricSavings"].includes(a.scoreDisplayMode)) continue;
      if (a.score < (category === "accessibility" ? 1 : 0.9)) failing.push({ category, id: a.id, title: a.title, score: a.score, weight: ref.weight, ...(a.displayValue ? { displayValue: a.displayValue } : {}) });
    }
  }
  failing.sort((a, b) => b.weight - a.weight);
  const performance = score("performance");
  const accessibility = score("accessibility");
  const met = performance !== null && accessibility !== null && performance >= LIGHTHOUSE_GOALS.performance && accessibility >= LIGHTHOUSE_GOALS.accessibility;
  return { performance, accessibility, met, failing };
}

/** Of several Lighthouse runs of one page, the run with the median performance score (the lower middle of an even count). */
export function medianRun<T extends { performance: number | null }>(runs: T[]): T {
  const sorted = [...runs].sort((a, b) => (a.performance ?? -1) - (b.performance ?? -1));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

export function lighthouseTable(rows: { label: string; who: string; performance: number | null; accessibility: number | null; met: boolean; runs: { performance: number | null }[] }[]) {
  return table(
    ["page", "who", "performance (≥ 95)", "accessibility (100)", "", "performance of each run"],
    rows.map((r) => [r.label, r.who, String(r.performance ?? "–"), String(r.accessibility ?? "–"), r.met ? "met" : "not met", r.runs.map((x) => x.performance ?? "–").join(", ")]),
  );
}
