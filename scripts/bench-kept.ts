// `npm run bench:kept [-- --pg <url>] [--runs 20] [--no-rollups] [--out bench/results/kept.json]`: each dashboard
// panel's lib call (p50 / p95 of --runs sequential calls after one warm-up, and SQL statements per
// call, counted by the db client) for a trust (RNA, its Chief Executive), an ICS (QNV, its lead) and
// the national analyst, and the national balance panel against its floor: the raw GROUP BY over
// `decisions` that gives the same figures. Without --pg: DATABASE_URL, else the PGlite folder
// FULCRUM_DATA_DIR (./data). Load data first, e.g. `npm run demo:national -- --no-start` or
// `generate-decisions.ts --shape england`. Prints a table and writes the figures as JSON. Figures are
// from one run on whatever machine runs it: never asserted in tests.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import * as client from "@/db/client";
import { users } from "@/db/schema";
import { loadActor } from "@/lib/actors";
import {
  getBalancePanel,
  getDashboardContext,
  getFactorsPanel,
  getOutcomesBySidePanel,
  getReciprocityPanel,
  getRegisterPanel,
  getSignOffSummaryPanel,
  getWordPairsPanel,
  type DashboardView,
} from "@/lib/dashboards";
import type { DashboardFilters } from "@/lib/dashboards/filters";
import type { Actor } from "@/lib/access";
import { RAW_NATIONAL_BALANCE } from "./bench-floor-sql";
import { resolveDashboardView } from "@/lib/dashboards/scope";
import { wordPairsRule, wordPairsScope } from "@/lib/dashboards/word-pairs-panel";
import { countStoredWordPairs, decisionText } from "@/lib/dashboards/word-pairs-store";
import { countWordPairs, countWordPairsByDocument } from "@/lib/dashboards/word-pairs";

const argv = process.argv;
const val = (name: string) => (argv.indexOf(`--${name}`) > 0 ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const RUNS = Number(val("runs") ?? 20);
const OUT = val("out") ?? "bench/results/kept.json";
const PG = val("pg");
/** `--no-rollups`: the national panels read the finer kept counts, as before the roll-ups (for a before/after). */
const ROLLUPS = !argv.includes("--no-rollups");

type Panel = (actor: Actor, view: DashboardView, filters: DashboardFilters) => Promise<unknown>;
const PANELS: [string, Panel, DashboardView["kind"][]][] = [
  ["context", (a, v) => getDashboardContext(a, v), ["trust", "ics", "national"]],
  ["register", getRegisterPanel, ["trust", "ics"]],
  ["balance", (a, v, f) => getBalancePanel(a, v, f, { rollups: ROLLUPS }), ["trust", "ics", "national"]],
  ["outcomes by side", (a, v, f) => getOutcomesBySidePanel(a, v, f, { rollups: ROLLUPS }), ["trust", "ics", "national"]],
  ["factors", getFactorsPanel, ["trust", "ics", "national"]],
  ["word pairs", getWordPairsPanel, ["trust", "ics", "national"]],
  ["reciprocity", getReciprocityPanel, ["ics"]],
  ["sign-off", getSignOffSummaryPanel, ["trust", "ics", "national"]],
];
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const count = () => ((client as { sqlStatementCount?: () => number }).sqlStatementCount?.() ?? NaN);

async function timeIt(fn: () => Promise<unknown>) {
  await fn();
  const times: number[] = [];
  const s0 = count();
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return { p50: pct(times, 0.5), p95: pct(times, 0.95), statements: (count() - s0) / RUNS };
}

async function main() {
  const opened = PG ? await client.openPostgres(PG) : await client.openConfiguredDatabase();
  client.setDbForProcess(opened.db);
  const db = opened.db;
  try {
    const actor = async (email: string) => {
      const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
      if (!u) throw new Error(`${email} not found: load data first (npm run demo:national -- --no-start)`);
      return (await loadActor(db, u.id))!;
    };
    const [n] = await client.executeRows<{ decisions: number; trusts: number; icss: number }>(
      db,
      sql`select (select count(*) from decisions)::int as decisions, (select count(*) from organisations where kind = 'trust')::int as trusts,
        (select count(*) from organisations where kind = 'ics')::int as icss`,
    );
    const views = [
      { label: "trust RNA", actor: await actor("ce.rna@fulcrum.demo"), view: { kind: "trust", ods: "RNA" } as DashboardView },
      { label: "ICS QNV", actor: await actor("ics.qnv@fulcrum.demo"), view: { kind: "ics", ods: "QNV" } as DashboardView },
      { label: "national", actor: await actor("analyst@fulcrum.demo"), view: { kind: "national" } as DashboardView },
    ];
    console.log(`Node ${process.version}, ${opened.engine}, ${os.cpus().length} cores. ${n.decisions.toLocaleString("en-GB")} decisions, ${n.trusts} trusts, ${n.icss} ICSs. p50 / p95 of ${RUNS} calls, ms; statements per call.\n`);
    const results: Record<string, Record<string, { p50: number; p95: number; statements: number }>> = {};
    const rows: string[][] = [];
    for (const [name, fn, kinds] of PANELS) {
      const row = [name];
      for (const v of views) {
        if (!kinds.includes(v.view.kind)) {
          row.push("–");
          continue;
        }
        const r = await timeIt(() => fn(v.actor, v.view, {}));
        (results[v.label] ??= {})[name] = r;
        row.push(`${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} (${Number.isNaN(r.statements) ? "?" : r.statements})`);
      }
      rows.push(row);
    }
    // Word pairs counted (the panel keeps its answer per view until a decision of its trusts is written,
    // so the rows above are mostly that kept answer): from the pairs kept per decision, in SQL, against
    // reading every text in view and tokenising it, as before decision_word_pairs. Same figures.
    const pairRuns = Math.min(RUNS, 5);
    const pairRows: string[] = [];
    const pairResults: Record<string, { kept: number; text: number }> = {};
    for (const v of views) {
      const resolved = resolveDashboardView(v.actor, v.view);
      const scope = wordPairsScope(resolved, {});
      const rule = wordPairsRule(resolved);
      const fromKept = () => countStoredWordPairs(db, scope, { limit: 20, byDocument: rule });
      const fromText = async () => {
        const texts = await client.executeRows<{ trust_id: string; summary: string; rationale: string }>(db, scope);
        const docs = texts.map((r) => ({ group: r.trust_id, text: decisionText(r.summary, r.rationale) }));
        return rule ? countWordPairsByDocument(docs, { ...rule, limit: 20 }) : countWordPairs(docs.map((d) => d.text), { limit: 20 });
      };
      const [a, b] = [await fromKept(), await fromText()];
      if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`word pairs differ for ${v.label}: kept ${JSON.stringify(a)}, text ${JSON.stringify(b)}`);
      const times = async (fn: () => Promise<unknown>) => {
        const ts: number[] = [];
        for (let k = 0; k < pairRuns; k++) {
          const t0 = performance.now();
          await fn();
          ts.push(performance.now() - t0);
        }
        return pct(ts, 0.5);
      };
      const kept = await times(fromKept);
      const text = await times(fromText);
      pairResults[v.label] = { kept, text };
      pairRows.push(`${v.label}: ${kept.toFixed(1)} ms from decision_word_pairs, ${text.toFixed(1)} ms reading and tokenising every text (${(kept / text).toFixed(2)}×)`);
    }
    // The floor: the raw GROUP BY over decisions that gives the national balance panel's figures.
    const floor = await timeIt(() => db.execute(RAW_NATIONAL_BALANCE));
    const national = results.national.balance;
    const header = ["panel", ...views.map((v) => v.label)];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
    console.log(line(header));
    console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|")}|`);
    for (const r of rows) console.log(line(r));
    const ratio = national.p50 / floor.p50;
    console.log(`\nWord pairs counted, p50 of ${pairRuns} (same top 20 both ways):`);
    for (const r of pairRows) console.log(`  ${r}`);
    console.log(`\nNational balance panel p50 ${national.p50.toFixed(1)} ms ÷ raw GROUP BY over decisions p50 ${floor.p50.toFixed(1)} ms = ${ratio.toFixed(3)} (goal ≤ 0.1)`);
    fs.mkdirSync(path.dirname(OUT), { recursive: true });
    fs.writeFileSync(
      OUT,
      `${JSON.stringify({ at: new Date().toISOString(), node: process.version, engine: opened.engine, cores: os.cpus().length, runs: RUNS, data: n, panels: results, wordPairsCounted: pairResults, floor: { nationalBalanceRawGroupBy: floor, ratio } }, null, 2)}\n`,
    );
    console.log(`Written to ${OUT}.`);
  } finally {
    client.setDbForProcess(undefined);
    await opened.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
