// Times each dashboard panel function (lib/dashboards/) against the configured database
// (DATABASE_URL, else the PGlite folder FULCRUM_DATA_DIR or ./data): the median of 5 runs per panel,
// after one warm-up run, for the demo ICS lead (QNV), a demo trust (RNA, its Chief Executive) and
// the national analyst. Generate data first:
//
//   node --conditions=react-server --import tsx scripts/generate-decisions.ts --count 100000
//   node --conditions=react-server --import tsx scripts/bench-dashboards.ts [--runs 5]
import { eq, sql } from "drizzle-orm";
import { executeRows, openConfiguredDatabase, setDbForProcess } from "@/db/client";
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

const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;

type Panel = (actor: Actor, view: DashboardView, filters: DashboardFilters) => Promise<unknown>;
const PANELS: [string, Panel, DashboardView["kind"][]][] = [
  ["context (filter options)", (a, v) => getDashboardContext(a, v), ["trust", "ics", "national"]],
  ["register", getRegisterPanel, ["trust", "ics"]],
  ["balance", getBalancePanel, ["trust", "ics", "national"]],
  ["outcomes by side", getOutcomesBySidePanel, ["trust", "ics", "national"]],
  ["factors weighed", getFactorsPanel, ["trust", "ics", "national"]],
  ["word pairs", getWordPairsPanel, ["trust", "ics", "national"]],
  ["reciprocity", getReciprocityPanel, ["ics"]],
  ["sign-off", getSignOffSummaryPanel, ["trust", "ics", "national"]],
];

async function actorByEmail(db: Awaited<ReturnType<typeof openConfiguredDatabase>>["db"], email: string) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!u) throw new Error(`${email} not found: run scripts/generate-decisions.ts first`);
  return (await loadActor(db, u.id))!;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function main() {
  const opened = await openConfiguredDatabase();
  setDbForProcess(opened.db);
  try {
    const [counts] = await executeRows<{ n: number; qnv: number }>(
      opened.db,
      sql`select count(*)::int as n, count(*) filter (where t.ics_id = (select id from organisations where ods = 'QNV'))::int as qnv from decisions join organisations t on t.id = decisions.trust_id`,
    );
    const views: { label: string; actor: Actor; view: DashboardView }[] = [
      { label: "trust RNA (CE)", actor: await actorByEmail(opened.db, "ce.rna@fulcrum.demo"), view: { kind: "trust", ods: "RNA" } },
      { label: "ICS QNV (lead)", actor: await actorByEmail(opened.db, "ics.qnv@fulcrum.demo"), view: { kind: "ics", ods: "QNV" } },
      { label: "national (analyst)", actor: await actorByEmail(opened.db, "analyst@fulcrum.demo"), view: { kind: "national" } },
    ];
    console.log(`Engine: ${opened.engine}. Decisions: ${counts.n.toLocaleString("en-GB")} (ICS QNV: ${counts.qnv.toLocaleString("en-GB")}). Median of ${RUNS} runs after one warm-up, ms.\n`);
    const header = ["panel", ...views.map((v) => v.label)];
    const table: string[][] = [];
    const totals = views.map(() => 0);
    for (const [name, fn, kinds] of PANELS) {
      const row = [name];
      for (const [i, v] of views.entries()) {
        if (!kinds.includes(v.view.kind)) {
          row.push("–");
          continue;
        }
        await fn(v.actor, v.view, {});
        const times: number[] = [];
        for (let k = 0; k < RUNS; k++) {
          const t0 = performance.now();
          await fn(v.actor, v.view, {});
          times.push(performance.now() - t0);
        }
        const m = median(times);
        if (process.argv.includes("--verbose")) console.error(`${name} / ${v.label}: ${m.toFixed(1)} ms`);
        totals[i] += m;
        row.push(m.toFixed(1));
      }
      table.push(row);
    }
    table.push(["sum (panels run one after another)", ...totals.map((t) => t.toFixed(1))]);
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(" | ")} |`;
    console.log(line(header));
    console.log(`|${widths.map((w, i) => (i === 0 ? "-".repeat(w + 2) : "-".repeat(w + 1) + ":")).join("|")}|`);
    for (const r of table) console.log(line(r));
  } finally {
    setDbForProcess(undefined);
    await opened.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
