// `npm run bench -- [--pg <url>] [--shape england] [--decisions N] [--runs 20] [--connections 10]
//   [--duration 10] [--port 3950] [--data <PGlite folder>] [--out bench/results/latest.json] [--servers 2]`
//
// The page-level benchmark (issue 16): the built app (`next start`) on PostgreSQL (--pg) or on a PGlite
// folder (--data, default ./data-bench), signed in as the right people, for each page and API read:
//   - p50 / p95 of --runs sequential loads (after one warm-up), whole body read;
//   - requests a second at --connections connections for --duration seconds (autocannon);
//   - SQL statements per load: the app's own counter (db/client.ts), which with FULCRUM_SQL_TRACE_FILE
//     appends each statement and its parameters to a file; one load, alone, counted from that file;
//   - the floor: that load's read statements re-run directly on the database, one after another, with
//     the server stopped (p50 of --runs; writes such as the session's last-seen time are not re-run);
// then the national balance panel's lib call against the raw GROUP BY over decisions. Prints a table of
// ratios against the issue's goals (met / not met) and writes --out with the Node version that ran it,
// and bench/results/<engine>.json, so the other engine's last run gives the PGlite ÷ PostgreSQL ratio.
//
// Loads the data first when the database has no decision: `generate-decisions.ts --shape england`
// (52,500 decisions; --decisions N for another count), or --decisions N (default 20,000) without a shape.
// Needs a build: runs `next build` when there is none. Figures are from one run on whatever machine
// runs it (noisy): never asserted in tests. `--smoke` (2 loads, 1 s of autocannon) proves the script works.
//
// `--servers N` (PostgreSQL only: a PGlite folder has one process) starts N app servers on one database
// (ports --port, --port + 1, …) and spreads the load round-robin: sequential loads take turns, and the
// connections are shared out between the servers (one autocannon per server, at once; req/s summed).
// It writes bench/results/postgres-<N>-servers.json instead of postgres.json.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import type * as client from "@/db/client";
import { createApiToken } from "@/lib/tokens";
import { getBalancePanel } from "@/lib/dashboards";
import { RAW_NATIONAL_BALANCE } from "./bench-floor-sql";
import { pct, round, table } from "./bench-report";
import {
  actorOf,
  closeDb,
  countData,
  ensureBuild,
  flag,
  openDb as openTarget,
  root,
  runInfo,
  runLine,
  signedOffDecisionOfRna,
  signInCookie as signInAt,
  startServer as startAt,
  stopServer,
  targetFromArgs,
  TSX,
  val,
  waitQuiet as waitQuietOn,
} from "./bench-server";

const target = targetFromArgs(3950);
const SMOKE = flag("smoke");
/** `--show-sql <page key|all>`: print the statements of one load of that page (e.g. decision). */
const SHOW_SQL = val("show-sql");
const PG = target.pg;
const SHAPE = val("shape");
const DECISIONS = val("decisions");
const RUNS = Number(val("runs") ?? (SMOKE ? 2 : 20));
const CONNECTIONS = Number(val("connections") ?? 10);
const DURATION = Number(val("duration") ?? (SMOKE ? 1 : 10));
const SERVERS = Number(val("servers") ?? 1);
if (!Number.isInteger(SERVERS) || SERVERS < 1 || (SERVERS > 1 && !PG) || SERVERS > CONNECTIONS) {
  console.error("--servers takes a whole number up to --connections, and more than one needs --pg (a PGlite folder has one process)");
  process.exit(2);
}
const DATA_DIR = target.dataDir;
const OUT = val("out") ?? "bench/results/latest.json";
const BASES = Array.from({ length: SERVERS }, (_, i) => `http://127.0.0.1:${target.port + i}`);
const BASE = BASES[0];
const TRACE_FILE = path.join(os.tmpdir(), `fulcrum-bench-sql-${process.pid}.jsonl`);
const env = target.env;

// ---------------------------------------------------------------- database (in this process)

const openDb = () => openTarget(target);

/** Loads the data when there is none; answers the decision to open, a read token and the data's size. */
async function prepare() {
  let opened = await openDb();
  let n = await countData(opened.db);
  if (n.decisions === 0) {
    await closeDb(opened);
    const args = SHAPE === "england" ? ["--shape", "england", ...(DECISIONS ? ["--count", DECISIONS] : [])] : ["--count", DECISIONS ?? (SMOKE ? "200" : "20000"), "--seed", "7"];
    // Past 100,000 decisions the generator defers the kept aggregates to one recount at the end.
    if (Number(DECISIONS ?? 0) > 100_000) args.push("--bulk");
    console.log(`No decisions yet: loading them (generate-decisions.ts ${args.join(" ")})…`);
    const r = spawnSync(process.execPath, [...TSX, "scripts/generate-decisions.ts", ...args], { cwd: root, env, stdio: "inherit" });
    if (r.status !== 0) throw new Error("generate-decisions.ts failed");
    opened = await openDb();
    n = await countData(opened.db);
  }
  try {
    const db = opened.db;
    const decisionId = await signedOffDecisionOfRna(db);
    const { token } = await createApiToken(await actorOf(db, "ics.qnv@fulcrum.demo"), { name: `bench ${new Date().toISOString()}`, scope: "read" });
    return { decisionId, token, data: n };
  } finally {
    await closeDb(opened);
  }
}

// ---------------------------------------------------------------- the app

const startServer = (port: number) =>
  startAt(
    target,
    {
      FULCRUM_SQL_TRACE_FILE: TRACE_FILE,
      // One read token drives the API at 10 connections: the per-token limit would answer 429.
      FULCRUM_API_RATE_LIMIT: "100000000",
    },
    port,
  );
const waitQuiet = (quietMs?: number) => waitQuietOn(TRACE_FILE, quietMs);
const signInCookie = (email: string) => signInAt(BASE, email);

// ---------------------------------------------------------------- measuring

type Page = { key: string; label: string; path: string; who: string; headers: Record<string, string>; dashboard?: true };
type Statement = { text: string; params: unknown[] };
type PageResult = {
  key: string;
  label: string;
  path: string;
  who: string;
  status: number;
  kB: number;
  p50: number;
  p95: number;
  reqPerSec: number;
  non2xx: number;
  statements: number;
  floor?: { p50: number; statements: number; failed: number };
};

async function load(url: string, headers: Record<string, string>) {
  const r = await fetch(url, { headers, redirect: "manual" });
  const body = await r.arrayBuffer();
  return { status: r.status, bytes: body.byteLength };
}

const readTrace = (): Statement[] =>
  fs.existsSync(TRACE_FILE)
    ? fs.readFileSync(TRACE_FILE, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Statement)
    : [];
const clearTrace = () => fs.writeFileSync(TRACE_FILE, "");

async function measurePage(p: Page): Promise<{ result: PageResult; sqlOfOneLoad: Statement[] }> {
  const url = `${BASE}${p.path}`;
  const urls = BASES.map((b) => `${b}${p.path}`);
  let warm = await load(url, p.headers);
  for (const u of urls.slice(1)) warm = await load(u, p.headers);
  if (warm.status !== 200) throw new Error(`${p.path} as ${p.who} answered ${warm.status}`);
  // One load alone, its statements from the app's trace (after anything it runs once the body is sent).
  // (Nothing else in flight: the previous page's autocannon requests may still be finishing.)
  await waitQuiet(1000);
  clearTrace();
  await load(url, p.headers);
  await waitQuiet(500);
  const sqlOfOneLoad = readTrace();
  const times: number[] = [];
  let last = warm;
  for (let i = 0; i < RUNS; i++) {
    clearTrace();
    const t0 = performance.now();
    last = await load(urls[i % urls.length], p.headers);
    times.push(performance.now() - t0);
  }
  clearTrace();
  // With more than one server, each gets its share of the connections at once, and req/s is the sum.
  const shares = urls.map((_, i) => Math.floor(CONNECTIONS / urls.length) + (i < CONNECTIONS % urls.length ? 1 : 0));
  const runs = await Promise.all(urls.map((u, i) => autocannon({ url: u, connections: shares[i], duration: DURATION, headers: p.headers })));
  const ac = { requests: { average: runs.reduce((n, r) => n + r.requests.average, 0) }, non2xx: runs.reduce((n, r) => n + r.non2xx, 0), errors: runs.reduce((n, r) => n + r.errors, 0) };
  clearTrace();
  return {
    result: {
      key: p.key,
      label: p.label,
      path: p.path,
      who: p.who,
      status: last.status,
      kB: round(last.bytes / 1024),
      p50: round(pct(times, 0.5)),
      p95: round(pct(times, 0.95)),
      reqPerSec: round(ac.requests.average),
      non2xx: ac.non2xx + ac.errors,
      statements: sqlOfOneLoad.length,
    },
    sqlOfOneLoad,
  };
}

const isRead = (text: string) => /^\s*\(?\s*(select|with)\b/i.test(text) && !/\b(insert\s+into|update\s+"?\w+"?\s+set|delete\s+from)\b/i.test(text);

/** The floor: each page's read statements re-run directly, one after another (server stopped). */
async function measureFloors(results: PageResult[], sqlByPage: Map<string, Statement[]>) {
  let run: (s: Statement) => Promise<unknown>;
  let close: () => Promise<void>;
  if (PG) {
    const { default: postgres } = await import("postgres");
    const pg = postgres(PG, { max: 1, onnotice: () => {} });
    run = (s) => pg.unsafe(s.text, s.params as never[]);
    close = () => pg.end();
  } else {
    const { PGlite } = await import("@electric-sql/pglite");
    const lite = new PGlite(DATA_DIR);
    await lite.waitReady;
    run = (s) => lite.query(s.text, s.params);
    close = () => lite.close();
  }
  try {
    for (const r of results) {
      const reads = (sqlByPage.get(r.key) ?? []).filter((s) => isRead(s.text));
      let failed = 0;
      const once = async () => {
        for (const s of reads) await run(s).catch(() => (failed += 1));
      };
      await once();
      failed = 0;
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await once();
        times.push(performance.now() - t0);
      }
      r.floor = { p50: round(pct(times, 0.5)), statements: reads.length, failed: failed / RUNS };
    }
  } finally {
    await close();
  }
}

/** The national balance panel's lib call against the raw GROUP BY giving the same figures (p50s). */
async function measureBalanceFloor() {
  const opened = await openDb();
  try {
    const analyst = await actorOf(opened.db, "analyst@fulcrum.demo");
    const time = async (fn: () => Promise<unknown>) => {
      await fn();
      const ts: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await fn();
        ts.push(performance.now() - t0);
      }
      return round(pct(ts, 0.5));
    };
    const panel = await time(() => getBalancePanel(analyst, { kind: "national" }, {}));
    const raw = await time(() => opened.db.execute(RAW_NATIONAL_BALANCE));
    return { panelP50: panel, rawGroupByP50: raw, ratio: Math.round((panel / raw) * 1000) / 1000 };
  } finally {
    await closeDb(opened);
  }
}

// ---------------------------------------------------------------- report

type Goal = { measure: string; value: number | null; goal: string; met: boolean | null };

function goalsOf(results: PageResult[], balance: { ratio: number }, other: { engine: string; pages: PageResult[] } | null, engine: string): Goal[] {
  const signIn = results.find((r) => r.key === "sign-in")!;
  const goals: Goal[] = [];
  for (const r of results.filter((x) => x.key.startsWith("dashboard"))) {
    const ratio = r.p50 / signIn.p50;
    goals.push({ measure: `${r.label}: p50 ÷ /sign-in p50`, value: round(ratio), goal: "≤ 8", met: ratio <= 8 });
    const rps = r.reqPerSec / signIn.reqPerSec;
    goals.push({ measure: `${r.label}: req/s ÷ /sign-in req/s`, value: Math.round(rps * 1000) / 1000, goal: "≥ 0.15", met: rps >= 0.15 });
  }
  goals.push({ measure: "national balance panel ÷ raw GROUP BY (lib call, p50)", value: balance.ratio, goal: "≤ 0.1", met: balance.ratio <= 0.1 });
  const decision = results.find((r) => r.key === "decision")!;
  goals.push({ measure: "decision page: SQL statements", value: decision.statements, goal: "≤ 12", met: decision.statements <= 12 });
  const dr = decision.p50 / signIn.p50;
  goals.push({ measure: "decision page: p50 ÷ /sign-in p50", value: round(dr), goal: "≤ 3", met: dr <= 3 });
  if (other) {
    const [lite, pg] = engine === "pglite" ? [results, other.pages] : [other.pages, results];
    for (const r of lite) {
      const p = pg.find((x) => x.key === r.key);
      if (!p || !r.key.startsWith("dashboard") && r.key !== "decision" && r.key !== "inbox") continue;
      const ratio = r.p50 / p.p50;
      goals.push({ measure: `${r.label}: PGlite p50 ÷ PostgreSQL p50`, value: round(ratio), goal: "≤ 2", met: ratio <= 2 });
    }
  }
  return goals;
}

async function main() {
  ensureBuild(target);
  const { decisionId, token, data } = await prepare();
  const engine = PG ? "postgres" : "pglite";
  console.log(
    `${runLine("Fulcrum page benchmark", engine, data)}${SERVERS > 1 ? ` ${SERVERS} app servers, round-robin.` : ""} ${RUNS} sequential loads, ${CONNECTIONS} connections for ${DURATION} s.\n`,
  );
  clearTrace();
  // All started, or none left running: a server that fails to start stops the others.
  const starting = await Promise.allSettled(BASES.map((_, i) => startServer(target.port + i)));
  const servers = starting.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = starting.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await Promise.all(servers.map(stopServer));
    throw failed.reason;
  }
  const results: PageResult[] = [];
  const sqlByPage = new Map<string, Statement[]>();
  try {
    await waitQuiet();
    const ce = { cookie: await signInCookie("ce.rna@fulcrum.demo") };
    const ics = { cookie: await signInCookie("ics.qnv@fulcrum.demo") };
    const analyst = { cookie: await signInCookie("analyst@fulcrum.demo") };
    const bearer = { authorization: `Bearer ${token}` };
    const pages: Page[] = [
      { key: "sign-in", label: "/sign-in (the floor page)", path: "/sign-in", who: "nobody", headers: {} },
      { key: "dashboard-ics", label: "/dashboard/ics/QNV", path: "/dashboard/ics/QNV", who: "ICS lead", headers: ics, dashboard: true },
      { key: "dashboard-national", label: "/dashboard/national", path: "/dashboard/national", who: "national analyst", headers: analyst, dashboard: true },
      { key: "dashboard-trust", label: "/dashboard/trust/RNA", path: "/dashboard/trust/RNA", who: "Chief Executive", headers: ce, dashboard: true },
      { key: "register", label: "/decisions (register)", path: "/decisions", who: "Chief Executive", headers: ce },
      { key: "decision", label: "/decisions/<id>", path: `/decisions/${decisionId}`, who: "Chief Executive", headers: ce },
      { key: "inbox", label: "/inbox", path: "/inbox", who: "Chief Executive", headers: ce },
      { key: "api-list", label: "GET /api/v1/decisions?limit=50", path: "/api/v1/decisions?limit=50", who: "ICS lead's read token", headers: bearer },
      { key: "api-stats", label: "GET /api/v1/stats/balance?groupBy=trust", path: "/api/v1/stats/balance?groupBy=trust", who: "ICS lead's read token", headers: bearer },
    ];
    for (const p of pages) {
      process.stdout.write(`  ${p.label} …`);
      const { result, sqlOfOneLoad } = await measurePage(p);
      results.push(result);
      sqlByPage.set(p.key, sqlOfOneLoad);
      console.log(` p50 ${result.p50} ms, ${result.reqPerSec} req/s, ${result.statements} statements`);
      if (SHOW_SQL === p.key || SHOW_SQL === "all") for (const s of sqlOfOneLoad) console.log(`      [sql] ${s.text.replace(/\s+/g, " ").slice(0, 200)}`);
    }
  } finally {
    await Promise.all(servers.map(stopServer));
  }
  await measureFloors(results, sqlByPage);
  const balance = await measureBalanceFloor();
  fs.rmSync(TRACE_FILE, { force: true });

  const signIn = results.find((r) => r.key === "sign-in")!;
  console.log(
    `\n${table(
      ["page", "who", "p50 ms", "p95 ms", "req/s @" + CONNECTIONS, "SQL statements", "floor ms (reads re-run)", "p50 ÷ sign-in", "req/s ÷ sign-in", "p50 ÷ floor"],
      results.map((r) => [
        r.label,
        r.who,
        String(r.p50),
        String(r.p95),
        `${r.reqPerSec}${r.non2xx ? ` (${r.non2xx} not 2xx)` : ""}`,
        String(r.statements),
        r.floor ? `${r.floor.p50} (${r.floor.statements}${r.floor.failed ? `, ${r.floor.failed} failed` : ""})` : "–",
        (r.p50 / signIn.p50).toFixed(1),
        (r.reqPerSec / signIn.reqPerSec).toFixed(2),
        r.floor && r.floor.p50 > 0 ? (r.p50 / r.floor.p50).toFixed(1) : "–",
      ]),
    )}`,
  );
  console.log(`\nNational balance panel (lib call) p50 ${balance.panelP50} ms ÷ raw GROUP BY over decisions p50 ${balance.rawGroupByP50} ms = ${balance.ratio}`);

  const otherFile = path.join(root, "bench", "results", `${engine === "pglite" ? "postgres" : "pglite"}.json`);
  const other = fs.existsSync(otherFile) ? (JSON.parse(fs.readFileSync(otherFile, "utf8")) as { engine: string; pages: PageResult[]; data: typeof data }) : null;
  const comparable = other && other.data.decisions === data.decisions && SERVERS === 1 ? other : null;
  const goals = goalsOf(results, balance, comparable, engine);
  console.log(`\nGoals (issue 16)${comparable ? "" : "; PGlite ÷ PostgreSQL needs a run of the other engine on the same data"}:\n`);
  console.log(table(["measure", "value", "goal", ""], goals.map((g) => [g.measure, String(g.value), g.goal, g.met === null ? "–" : g.met ? "met" : "not met"])));
  const report = {
    ...runInfo(engine),
    servers: SERVERS,
    runs: RUNS,
    connections: CONNECTIONS,
    durationSeconds: DURATION,
    data,
    statementsCountedBy: "the app's own counter (db/client.ts countStatement, FULCRUM_SQL_TRACE_FILE), one load alone",
    floorIs: "the load's read statements (select/with) re-run directly, one after another, server stopped",
    pages: results,
    nationalBalance: balance,
    goals,
  };
  const engineFile = SERVERS > 1 ? `${engine}-${SERVERS}-servers.json` : `${engine}.json`;
  if (!SMOKE) {
    fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
    fs.writeFileSync(path.join(root, "bench", "results", engineFile), `${JSON.stringify(report, null, 2)}\n`);
  }
  fs.mkdirSync(path.dirname(path.resolve(root, OUT)), { recursive: true });
  fs.writeFileSync(path.resolve(root, OUT), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWritten to ${OUT}${SMOKE ? "" : ` and bench/results/${engineFile}`}.`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
