// `npm run bench:web -- [--pg <url>] [--data <PGlite folder>] [--port 3960] [--lighthouse-runs 3] [--smoke]
//   [--out bench/results/web.json]`
//
// Page weight and Lighthouse (issue 16), on the built app (`next start`) in Chromium (CHROME_PATH, default
// /usr/bin/chromium), signed in as the right demo people (bench-server.ts):
//   1. first-load JS: each main page opened in a fresh browser context (empty cache) with Playwright;
//      every response of resource type "script" until load and network idle, its body's bytes (as
//      served, uncompressed) and gzip size (zlib level 9, like Next's "First Load JS"). Each page's gzip
//      total ÷ /sign-in's is the ratio (goal ≤ 1.25). The document's HTML is weighed the same way.
//   2. Lighthouse (the pinned dev dependency; mobile, its default form factor and simulated throttling),
//      performance and accessibility only, the session cookie passed as an extra header (goals ≥ 95 and
//      100): --lighthouse-runs (default 3) runs a page, each in a fresh Chromium, the run with the median
//      performance score reported, with the audits holding any score below its goal.
// Prints the tables and writes --out. Needs a build (runs `next build` when there is none) and data: it
// loads none (`npm run bench -- --pg <url> --shape england` does). Figures are from one run on whatever
// machine runs it (Lighthouse's performance score moves with the machine's load): never asserted in
// tests. `--smoke`: /sign-in and /inbox weighed, Lighthouse once on /sign-in only, nothing written.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import {
  firstLoadRatios,
  firstLoadTable,
  lighthouseSummary,
  lighthouseTable,
  medianRun,
  type LighthouseResult,
  type PageWeight,
  type Weight,
} from "./bench-report";
import {
  closeDb,
  countData,
  ensureBuild,
  flag,
  openDb,
  root,
  runInfo,
  runLine,
  signedOffDecisionOfRna,
  signInCookie,
  startServer,
  stopServer,
  targetFromArgs,
  val,
  waitQuiet,
} from "./bench-server";

const target = targetFromArgs(3960);
const SMOKE = flag("smoke");
const OUT = val("out") ?? "bench/results/web.json";
const LIGHTHOUSE_RUNS = SMOKE ? 1 : Number(val("lighthouse-runs") ?? 3);
const CHROME = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const TRACE_FILE = path.join(os.tmpdir(), `fulcrum-bench-web-sql-${process.pid}.jsonl`);

type Page = { key: string; label: string; path: string; who: string; cookie?: string; lighthouse: boolean };

const weigh = (body: Buffer): Weight => ({ bytes: body.length, gzip: gzipSync(body, { level: 9 }).length });

/** The decision to open and the data's size; refuses an empty database rather than loading one. */
async function prepare() {
  const opened = await openDb(target);
  try {
    const data = await countData(opened.db);
    if (data.decisions === 0) {
      throw new Error(
        `The database has no decisions. Load them first: npm run bench -- ${target.pg ? `--pg ${target.pg}` : `--data ${path.relative(root, target.dataDir)}`} --shape england`,
      );
    }
    return { decisionId: await signedOffDecisionOfRna(opened.db), data };
  } finally {
    await closeDb(opened);
  }
}

/** One page in a fresh context (empty cache): its document and every script until load and network idle. */
async function weighPage(browser: Browser, p: Page): Promise<PageWeight> {
  const context = await browser.newContext();
  try {
    if (p.cookie) {
      const [name, ...value] = p.cookie.split("=");
      await context.addCookies([{ name, value: value.join("="), url: target.base }]);
    }
    const page = await context.newPage();
    const scripts: Promise<(Weight & { url: string }) | null>[] = [];
    page.on("response", (r) => {
      if (r.request().resourceType() !== "script") return;
      scripts.push(r.body().then((b) => ({ url: new URL(r.url()).pathname, ...weigh(b) }), () => null));
    });
    const res = await page.goto(`${target.base}${p.path}`, { waitUntil: "load" });
    await page.waitForLoadState("networkidle");
    if (!res || res.status() !== 200 || new URL(page.url()).pathname !== p.path.split("?")[0]) {
      throw new Error(`${p.path} as ${p.who} answered ${res?.status()} at ${page.url()}`);
    }
    const weighed = (await Promise.all(scripts)).filter((s) => s !== null);
    return { key: p.key, label: p.label, who: p.who, html: weigh(await res.body()), scripts: weighed };
  } finally {
    await context.close();
  }
}

/** Lighthouse in its own Chromium (chrome-launcher), mobile, performance and accessibility. */
async function lighthousePage(p: Page) {
  const [{ default: lighthouse }, chromeLauncher] = await Promise.all([import("lighthouse"), import("chrome-launcher")]);
  const chrome = await chromeLauncher.launch({ chromePath: CHROME, chromeFlags: CHROME_FLAGS });
  try {
    const result = await lighthouse(`${target.base}${p.path}`, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility"],
      ...(p.cookie ? { extraHeaders: { Cookie: p.cookie } } : {}),
    });
    if (!result) throw new Error(`Lighthouse gave no result for ${p.path}`);
    const lhr = result.lhr;
    if (lhr.runtimeError) throw new Error(`Lighthouse on ${p.path}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    if (new URL(lhr.finalDisplayedUrl).pathname !== p.path) throw new Error(`Lighthouse on ${p.path} ended at ${lhr.finalDisplayedUrl}`);
    return { version: lhr.lighthouseVersion, ...lighthouseSummary(lhr as unknown as LighthouseResult) };
  } finally {
    chrome.kill();
  }
}

async function main() {
  ensureBuild(target);
  const { decisionId, data } = await prepare();
  const engine = target.pg ? "postgres" : "pglite";
  console.log(`${runLine("Fulcrum page weight and Lighthouse", engine, data)}\n`);
  const server = await startServer(target, { FULCRUM_SQL_TRACE_FILE: TRACE_FILE });
  let browserVersion = "";
  let lighthouseVersion = "";
  const weights: PageWeight[] = [];
  const lighthouseRows: (Page & Awaited<ReturnType<typeof lighthousePage>> & { runs: { performance: number | null; accessibility: number | null }[] })[] = [];
  try {
    // The server's start-up work and the mail sender's first run, out of the way of the measurements.
    await waitQuiet(TRACE_FILE);
    const ce = await signInCookie(target.base, "ce.rna@fulcrum.demo");
    const ics = await signInCookie(target.base, "ics.qnv@fulcrum.demo");
    const analyst = await signInCookie(target.base, "analyst@fulcrum.demo");
    const all: Page[] = [
      { key: "sign-in", label: "/sign-in", path: "/sign-in", who: "nobody", lighthouse: true },
      { key: "inbox", label: "/inbox", path: "/inbox", who: "Chief Executive", cookie: ce, lighthouse: true },
      { key: "register", label: "/decisions (register)", path: "/decisions", who: "Chief Executive", cookie: ce, lighthouse: false },
      { key: "decision", label: "/decisions/<id> (signed off)", path: `/decisions/${decisionId}`, who: "Chief Executive", cookie: ce, lighthouse: true },
      { key: "dashboard-trust", label: "/dashboard/trust/RNA", path: "/dashboard/trust/RNA", who: "Chief Executive", cookie: ce, lighthouse: true },
      { key: "dashboard-ics", label: "/dashboard/ics/QNV", path: "/dashboard/ics/QNV", who: "ICS lead", cookie: ics, lighthouse: true },
      { key: "dashboard-national", label: "/dashboard/national", path: "/dashboard/national", who: "national analyst", cookie: analyst, lighthouse: true },
    ];
    const pages = SMOKE ? all.filter((p) => p.key === "sign-in" || p.key === "inbox") : all;

    const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_FLAGS });
    try {
      browserVersion = browser.version();
      for (const p of pages) {
        process.stdout.write(`  weighing ${p.label} …`);
        const w = await weighPage(browser, p);
        weights.push(w);
        console.log(` ${w.scripts.length} scripts`);
      }
    } finally {
      await browser.close();
    }
    for (const p of pages.filter((x) => x.lighthouse && (!SMOKE || x.key === "sign-in"))) {
      process.stdout.write(`  Lighthouse ${p.label} …`);
      const runs: Awaited<ReturnType<typeof lighthousePage>>[] = [];
      for (let i = 0; i < LIGHTHOUSE_RUNS; i++) runs.push(await lighthousePage(p));
      const r = medianRun(runs);
      lighthouseVersion = r.version;
      lighthouseRows.push({ ...p, ...r, runs: runs.map(({ performance, accessibility }) => ({ performance, accessibility })) });
      console.log(` performance ${runs.map((x) => x.performance).join(", ")}; accessibility ${runs.map((x) => x.accessibility).join(", ")}`);
    }
  } finally {
    await stopServer(server);
    fs.rmSync(TRACE_FILE, { force: true });
  }

  const ratios = firstLoadRatios(weights);
  console.log(`\nFirst-load JS (Chromium ${browserVersion}, fresh context per page, scripts until load and network idle; ratio on gzip, goal ≤ 1.25):\n`);
  console.log(firstLoadTable(ratios));
  console.log(`\nLighthouse ${lighthouseVersion} (mobile, simulated throttling; the median of ${LIGHTHOUSE_RUNS} run${LIGHTHOUSE_RUNS === 1 ? "" : "s"} by performance):\n`);
  console.log(lighthouseTable(lighthouseRows));
  for (const r of lighthouseRows.filter((x) => x.failing.length)) {
    console.log(`\n${r.label} — audits below goal (the median run's):`);
    for (const a of r.failing) {
      console.log(`  ${a.category}: ${a.id} — ${a.title} (score ${a.score}${a.displayValue ? `, ${a.displayValue}` : ""}${a.weight ? `; weight ${a.weight}` : ""})`);
    }
  }
  const goals = {
    firstLoadJsRatio: { goal: "≤ 1.25 (gzip)", met: ratios.every((r) => r.met), over: ratios.filter((r) => !r.met).map((r) => r.label) },
    lighthouse: { goal: "performance ≥ 95, accessibility 100", met: lighthouseRows.every((r) => r.met), under: lighthouseRows.filter((r) => !r.met).map((r) => r.label) },
  };
  console.log(
    `\nGoals (issue 16): first-load JS ÷ /sign-in ≤ 1.25 ${goals.firstLoadJsRatio.met ? "met" : `not met (${goals.firstLoadJsRatio.over.join(", ")})`}; ` +
      `Lighthouse ≥ 95 / 100 ${goals.lighthouse.met ? "met" : `not met (${goals.lighthouse.under.join(", ")})`}.`,
  );
  if (SMOKE) return;
  const report = {
    ...runInfo(engine),
    data,
    chromium: browserVersion,
    lighthouse: lighthouseVersion,
    firstLoadJsIs: "every response of resource type script in a fresh Playwright context, until load and network idle; bytes = body as served (uncompressed), gzip = zlib level 9 of it; ratio on gzip",
    lighthouseIs: `mobile form factor, simulated throttling, performance and accessibility, session cookie as an extra header; the median of ${LIGHTHOUSE_RUNS} runs by performance score`,
    firstLoad: ratios,
    scripts: Object.fromEntries(weights.map((w) => [w.key, w.scripts])),
    lighthouseScores: lighthouseRows.map(({ key, label, who, performance, accessibility, met, runs, failing }) => ({ key, label, who, performance, accessibility, met, runs, failing })),
    goals,
  };
  fs.mkdirSync(path.dirname(path.resolve(root, OUT)), { recursive: true });
  fs.writeFileSync(path.resolve(root, OUT), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWritten to ${OUT}.`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
