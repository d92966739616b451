#!/usr/bin/env node
// `npm run test:reliability` (issue 15): runs the security and reliability checks on PGlite, and on
// PostgreSQL too when TEST_DATABASE_URL is set, and prints one table: check, engine, result, figures.
// Exits non-zero when any check fails. The same test files run inside `npm test` (they are ordinary
// integration and unit tests), so that is the short form.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const out = path.join(root, ".test-output", "reliability");
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

/** One row per check: the files that prove it. Add a check here (and its file) to extend the table. */
const CHECKS = [
  { check: "route × role matrix (every route has an entry; other trust gets 404)", files: ["tests/integration/route-matrix.test.ts"] },
  { check: "bad input (invalid UTF-8, NUL, 1 MB, types, unknown/server fields, 2026-02-30): nothing written", files: ["tests/integration/bad-input.test.ts"] },
  { check: "audit chain keyed (HMAC); rewrite and cut-off tail caught by checkpoint", files: ["tests/integration/audit-keyed.test.ts"] },
  { check: "runtime role cannot UPDATE/DELETE/TRUNCATE/ALTER audit tables", files: ["tests/integration/db-roles.test.ts"], engines: ["postgres"] },
  { check: "confidential count: coarse filters only", files: ["tests/integration/register.test.ts"] },
  { check: "logs carry no query parameters", files: ["tests/integration/log-redaction.test.ts"] },
  { check: "secrets and limits (AUTH_SECRET, streaming XLSX, per-person limits, pruning, page cap)", files: ["tests/integration/secrets-limits.test.ts"] },
  { check: "brute force: parallel guesses, per-address lock", files: ["tests/integration/sign-in.test.ts"] },
  { check: "brute force: X-Forwarded-For rotation under FULCRUM_PROXY_HOPS=0", files: ["tests/unit/direct-exposure.test.ts"], engines: ["none"] },
  { check: "servers on one database share AUTH_SECRET and audit key, else refuse to start", files: ["tests/integration/app-servers.test.ts"] },
  // Starts its own primary and streaming replica; runs in one project only (PostgreSQL's when there is one).
  ...(fs.existsSync("/usr/lib/postgresql/15/bin/pg_basebackup") && process.getuid?.() === 0
    ? [{ check: "DATABASE_READ_URL: reads from a real streaming replica, read-after-write and writes on the primary", files: ["tests/integration/read-replica.test.ts"], engines: [process.env.TEST_DATABASE_URL ? "postgres" : "pglite"] }]
    : []),
];

/** Checks this machine cannot run: printed, so the table never overstates (they do not fail the run). */
const canRestartDb = fs.existsSync("/usr/lib/postgresql/15/bin/pg_ctl") && process.getuid?.() === 0;
const NOT_BUILT = [
  ...(fs.existsSync(path.join(root, ".next", "BUILD_ID")) ? [] : ["crash rounds, XSS, database restart, two servers, soak (need `npx next build` first)"]),
  ...(canRestartDb ? [] : ["database restart under load (needs /usr/lib/postgresql/15/bin and root, to run it as postgres)"]),
  ...(fs.existsSync("/usr/lib/postgresql/15/bin/pg_basebackup") && process.getuid?.() === 0 ? [] : ["read replica (needs /usr/lib/postgresql/15/bin/pg_basebackup and root)"]),
  ...(process.env.TEST_DATABASE_URL ? [] : ["soak (needs TEST_DATABASE_URL or SOAK_ADMIN_URL)"]),
];

const engines = ["pglite", ...(process.env.TEST_DATABASE_URL ? ["postgres"] : [])];
const rows = [];
let failed = false;

function runVitest(project, files, engine) {
  const file = path.join(out, `${engine}-${rows.length}.json`);
  const r = spawnSync("npx", ["vitest", "run", "--project", project, "--reporter=json", `--outputFile=${file}`, ...files], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    maxBuffer: 64 * 1024 * 1024,
  });
  let report = null;
  try {
    report = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    /* no report: counted as a failure below */
  }
  return { status: r.status, report, stderr: r.stderr };
}

for (const c of CHECKS) {
  const wanted = c.engines ?? engines;
  for (const engine of wanted.includes("none") ? ["none"] : engines.filter((e) => wanted.includes(e))) {
    const project = engine === "none" ? "unit" : `integration:${engine}`;
    const started = Date.now();
    const { status, report, stderr } = runVitest(project, c.files, engine);
    const tests = report?.testResults?.flatMap((f) => f.assertionResults) ?? [];
    const passed = tests.filter((t) => t.status === "passed").length;
    const bad = tests.filter((t) => t.status === "failed");
    const ok = status === 0 && report && bad.length === 0 && passed > 0;
    if (!ok) failed = true;
    rows.push({
      check: c.check,
      engine: engine === "none" ? "-" : engine,
      result: ok ? "pass" : "FAIL",
      figures: `${passed}/${tests.length} tests, ${((Date.now() - started) / 1000).toFixed(0)} s${bad.length ? `; failed: ${bad.map((t) => t.title).join("; ")}` : ""}${!report ? `; ${stderr.split("\n").slice(-3).join(" ")}` : ""}`,
    });
  }
}
// Crash rounds against the production build: 3 rounds, or 20 with --full; on PGlite also with every
// kill inside a CHECKPOINT.
if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  const n = process.argv.includes("--full") ? "20" : "3";
  const runs = [...engines.map((engine) => ({ engine, args: [] })), { engine: "pglite", args: ["--checkpoints"] }];
  for (const { engine, args } of runs) {
    const r = spawnSync("node", ["scripts/reliability-crash.mjs", "--rounds", n, "--engine", engine, ...args], { cwd: root, encoding: "utf8", env: process.env, maxBuffer: 64 * 1024 * 1024 });
    const lineOut = r.stdout.trim().split("\n").find((l) => l.startsWith("crash ")) ?? `crash ${engine} FAIL ${r.stderr.split("\n").slice(-2).join(" ")}`;
    const [, , result, ...rest] = lineOut.split(" ");
    if (r.status !== 0) failed = true;
    const check = args.length ? "crash rounds: SIGKILL inside a CHECKPOINT during API writes" : "crash rounds: SIGKILL during acknowledged API writes (create, submit, position, outcome)";
    rows.push({ check, engine, result, figures: rest.join(" ") });
    const originLine = args.length ? null : r.stdout.trim().split("\n").find((l) => l.startsWith("origin "));
    if (originLine) {
      const [, , oResult, ...oRest] = originLine.split(" ");
      rows.push({ check: "server actions with a foreign or null Origin refused", engine, result: oResult, figures: oRest.join(" ") });
    }
  }
}
/** A script that prints one line `<name> <engine> pass|FAIL <figures>`: one row of the table. */
function runLine(check, prefix, args) {
  const r = spawnSync("node", args, { cwd: root, encoding: "utf8", env: process.env, maxBuffer: 64 * 1024 * 1024 });
  const out = r.stdout.trim().split("\n").find((l) => l.startsWith(`${prefix} `)) ?? `${prefix} - FAIL ${(r.stderr || "").split("\n").slice(-2).join(" ")}`;
  const [, engine, result, ...rest] = out.split(" ");
  if (r.status !== 0) failed = true;
  rows.push({ check, engine, result, figures: rest.join(" ") });
}
if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) {
  // XSS: script-shaped text in every field, rendered on every page that shows it, a dialog listener.
  const xssOut = path.join(out, "xss.json");
  const started = Date.now();
  const x = spawnSync("npx", ["playwright", "test", "tests/e2e/xss.spec.ts"], { cwd: root, encoding: "utf8", env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_FILE: xssOut } });
  if (x.status !== 0) failed = true;
  rows.push({ check: "XSS payloads rendered on every page, dialog listener + axe", engine: "pglite", result: x.status === 0 ? "pass" : "FAIL", figures: `${((Date.now() - started) / 1000).toFixed(0)} s${x.status === 0 ? "" : `; ${x.stdout.split("\n").filter((l) => /Error|✘/.test(l)).slice(0, 2).join(" ")}`}` });
  if (canRestartDb) runLine("database restart under load: pages, API and server actions 503 during the gap, recovers without restart", "dbrestart", ["scripts/reliability-db-restart.mjs"]);
  // Two app servers on one PostgreSQL (its own cluster, else TEST_DATABASE_URL): prints its own table too.
  runLine("two app servers on one PostgreSQL: sessions, lockout, rate limit, caches, outbox, shared secrets", "twoservers", ["scripts/reliability-two-servers.mjs"]);
  if (process.env.TEST_DATABASE_URL || process.env.SOAK_ADMIN_URL) {
    const minutes = process.argv.includes("--full") ? "10" : "0.5";
    runLine(`soak: ${minutes} min at 50 req/s mixed (reads, dashboard, writes, sign-ins)`, "soak", ["scripts/reliability-soak.mjs", "--minutes", minutes]);
  }
}
for (const n of NOT_BUILT) rows.push({ check: n, engine: "-", result: "not run", figures: "not available on this machine" });

const widths = ["check", "engine", "result", "figures"].map((k) => Math.max(k.length, ...rows.map((r) => String(r[k]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ");
console.log(line(["check", "engine", "result", "figures"]));
console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
for (const r of rows) console.log(line([r.check, r.engine, r.result, r.figures]));
process.exit(failed ? 1 : 0);
