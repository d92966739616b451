// `npm run bench [-- --decisions 20000] [--runs 5] [--skip-generated]`: every speed figure Fulcrum quotes,
// measured in one run on this machine and printed as medians (the machine is shared and noisy: compare
// figures from one run, never against a fixed threshold).
//
//  1. register: listRegister with 10,000 decisions in one trust (scripts/bench-register.ts);
//  2. pages and API on the demo data: a production server on a fresh data folder with the demo loaded;
//     signed-in page loads (median of --runs) and API latency (median of 20) with a read token;
//  3. the same pages and API, and every dashboard panel (scripts/bench-dashboards.ts), on --decisions
//     generated decisions (scripts/generate-decisions.ts; default 20,000, the issue's figure is 100,000).
//
// Needs a build (`npm run build`); builds one if there is none.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const argValue = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const DECISIONS = argValue("decisions", 20_000);
const RUNS = argValue("runs", 5);
const API_RUNS = 20;
const PORT = argValue("port", 3950);
const TSX = ["--conditions=react-server", "--import", "tsx"];
const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.DATABASE_URL; // the benchmark always uses its own embedded databases

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 1 : 0)} ms`;

function runScript(script: string, args: string[], extraEnv: Record<string, string> = {}, capture = false): string {
  const r = spawnSync(process.execPath, [...TSX, script, ...args], {
    cwd: root,
    env: { ...env, ...extraEnv },
    stdio: capture ? ["ignore", "pipe", "inherit"] : "inherit",
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`${script} failed (exit ${r.status})`);
  return capture ? r.stdout : "";
}

async function startServer(dataDir: string): Promise<ChildProcess> {
  const child = spawn("npx", ["next", "start", "-p", String(PORT)], {
    cwd: root,
    env: { ...env, FULCRUM_DATA_DIR: dataDir, FULCRUM_DEMO: "1", AUTH_SECRET: "bench-secret-bench-secret-bench-secret-0123" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const started = Date.now();
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${PORT}/sign-in`);
      if (r.ok) return child;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    if (Date.now() - started > 300_000) throw new Error(`server did not start in 5 minutes:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function stopServer(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    /* gone */
  }
}

/** Signs in through Auth.js's credentials endpoint and returns the session cookie. */
async function signInCookie(email: string): Promise<string> {
  const base = `http://127.0.0.1:${PORT}`;
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password: "fulcrum-demo-2026", callbackUrl: `${base}/` }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email} (${res.status})`);
  return session.split(";")[0];
}

async function timeGet(url: string, headers: Record<string, string>, runs: number): Promise<{ median: number; status: number; bytes: number }> {
  const times: number[] = [];
  let status = 0;
  let bytes = 0;
  await fetch(url, { headers }).then((r) => r.arrayBuffer()); // warm-up
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = await fetch(url, { headers });
    const body = await r.arrayBuffer();
    times.push(performance.now() - t);
    status = r.status;
    bytes = body.byteLength;
  }
  return { median: median(times), status, bytes };
}

type Row = { what: string; demo?: string; generated?: string };

async function measureServer(dataDir: string, label: "demo" | "generated", rows: Row[]) {
  // A read token for the ICS lead, made before the server takes the folder's lock.
  const out = runScript("scripts/token-create.ts", ["--email", "ics.qnv@fulcrum.demo", "--scope", "read", "--name", "bench"], { FULCRUM_DATA_DIR: dataDir }, true);
  const token = out.trim().split("\n").at(-1)!.trim();
  const startedAt = performance.now();
  const server = await startServer(dataDir);
  const set = (what: string, value: string) => {
    let row = rows.find((r) => r.what === what);
    if (!row) rows.push((row = { what }));
    row[label] = value;
  };
  set("server start to first page", fmt(performance.now() - startedAt));
  try {
    const ics = await signInCookie("ics.qnv@fulcrum.demo");
    const ce = await signInCookie("ce.rna@fulcrum.demo");
    const analyst = await signInCookie("analyst@fulcrum.demo");
    const base = `http://127.0.0.1:${PORT}`;
    const pages: [string, string, string][] = [
      ["page: ICS dashboard (QNV), ICS lead", "/dashboard/ics/QNV", ics],
      ["page: national dashboard, analyst", "/dashboard/national", analyst],
      ["page: trust dashboard (RNA), Chief Executive", "/dashboard/trust/RNA", ce],
      ["page: register, Chief Executive (RNA)", "/decisions", ce],
      ["page: register, ICS lead (shared decisions)", "/decisions?ics=QNV", ics],
      ["page: inbox, Chief Executive", "/inbox", ce],
    ];
    for (const [what, p, cookie] of pages) {
      const r = await timeGet(`${base}${p}`, { cookie }, RUNS);
      if (r.status !== 200) throw new Error(`${p} answered ${r.status}`);
      set(what, `${fmt(r.median)} (${Math.round(r.bytes / 1024)} kB)`);
    }
    const auth = { authorization: `Bearer ${token}` };
    const apis: [string, string][] = [
      ["API: GET /api/v1/decisions?limit=50", "/api/v1/decisions?limit=50"],
      ["API: GET /api/v1/stats/balance?groupBy=trust", "/api/v1/stats/balance?groupBy=trust"],
    ];
    for (const [what, p] of apis) {
      const r = await timeGet(`${base}${p}`, auth, API_RUNS);
      set(what, r.status === 200 ? fmt(r.median) : `answered ${r.status}`);
    }
  } finally {
    stopServer(server);
    await new Promise((r) => setTimeout(r, 1500));
  }
}

async function main() {
  if (!fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.log("No build: running next build first…");
    const r = spawnSync("npx", ["next", "build"], { cwd: root, env, stdio: "inherit" });
    if (r.status !== 0) process.exit(1);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-bench-"));
  console.log(`Fulcrum benchmarks on ${os.cpus().length} cores, Node ${process.version}; data in ${tmp}\n`);
  try {
    console.log("== 1. Register: listRegister with 10,000 decisions in one trust (PGlite in memory)");
    runScript("scripts/bench-register.ts", ["10000"]);

    const rows: Row[] = [];
    console.log("\n== 2. Pages and API on the demo data (fresh PGlite folder, demo loaded)");
    const demoDir = path.join(tmp, "demo");
    runScript("scripts/seed.ts", [], { FULCRUM_DATA_DIR: demoDir });
    await measureServer(demoDir, "demo", rows);

    if (!process.argv.includes("--skip-generated")) {
      console.log(`\n== 3. ${DECISIONS.toLocaleString("en-GB")} generated decisions (PGlite folder)`);
      const genDir = path.join(tmp, "generated");
      const t = performance.now();
      runScript("scripts/generate-decisions.ts", ["--count", String(DECISIONS), "--seed", "7"], { FULCRUM_DATA_DIR: genDir });
      console.log(`generated in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      console.log("\nDashboard panels (lib calls, median of 5):");
      runScript("scripts/bench-dashboards.ts", ["--runs", "5"], { FULCRUM_DATA_DIR: genDir });
      await measureServer(genDir, "generated", rows);
    }

    console.log(`\n== Summary: medians of ${RUNS} page loads / ${API_RUNS} API calls after a warm-up, signed in`);
    const w = Math.max(...rows.map((r) => r.what.length));
    console.log(`${"".padEnd(w)}  ${"demo data".padStart(16)}  ${`${DECISIONS.toLocaleString("en-GB")} generated`.padStart(20)}`);
    for (const r of rows) console.log(`${r.what.padEnd(w)}  ${(r.demo ?? "–").padStart(16)}  ${(r.generated ?? "–").padStart(20)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
