#!/usr/bin/env node
// `npm test`: unit and integration tests (vitest: PGlite always, PostgreSQL too when
// TEST_DATABASE_URL is set), then a production build and the e2e tests in Chromium.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";

// Node 22 from the pinned `node` dev dependency first on the PATH of every child (npx, next, vitest,
// playwright), also when this script is started as `node scripts/….mjs` rather than through npm.
const binDir = new URL("../node_modules/.bin", import.meta.url).pathname;
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PATH: `${binDir}:${process.env.PATH ?? ""}` };
const run = (cmd, args, extra = {}) => {
  console.log(`\n$ ${cmd} ${args.join(" ")}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...env, ...extra } });
  if (r.status !== 0) {
    console.error(`\nFailed: ${cmd} ${args.join(" ")}`);
    process.exit(r.status ?? 1);
  }
};

function findChromium() {
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p));
}

let chrome = findChromium();
if (!chrome && process.getuid?.() === 0) {
  console.log("No Chromium found: installing Debian's chromium with apt-get (running as root)…");
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit" });
  chrome = findChromium();
}
if (!chrome) {
  console.error("The end-to-end tests need Chromium. Install it with `sudo apt-get install chromium`, or set CHROME_PATH.");
  process.exit(1);
}

// Each runner also writes a JSON summary here, so the last line can count every test of the three.
const out = ".test-output";
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });
const counts = { passed: 0, failed: 0, skipped: 0 };
function tally() {
  for (const f of ["vitest.json", "vitest-postgres.json"]) {
    try {
      const v = JSON.parse(fs.readFileSync(`${out}/${f}`, "utf8"));
      counts.passed += v.numPassedTests;
      counts.failed += v.numFailedTests;
      counts.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
    } catch {}
  }
  try {
    const e = JSON.parse(fs.readFileSync(`${out}/e2e.json`, "utf8")).stats;
    counts.passed += e.expected + (e.flaky ?? 0);
    counts.failed += e.unexpected;
    counts.skipped += e.skipped;
  } catch {}
}
process.on("exit", (code) => {
  tally();
  if (code !== 0 && counts.failed === 0) counts.failed = 1; // a step failed before its tests could report
  console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
});

const started = Date.now();
// vitest gives one worker on a 2-core machine, so the PostgreSQL project (which mostly waits on the
// database server) runs as a second vitest beside the unit and PGlite ones, its output shown when done.
const vitestArgs = (json) => ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}/${json}`];
const postgresRun = process.env.TEST_DATABASE_URL
  ? new Promise((resolve) => {
      const log = fs.openSync(`${out}/vitest-postgres.log`, "w");
      const child = spawn("npx", [...vitestArgs("vitest-postgres.json"), "--project", "integration:postgres"], { stdio: ["ignore", log, log], env });
      child.on("exit", (code) => resolve(code ?? 1));
    })
  : Promise.resolve(0);
const local = spawnSync("npx", [...vitestArgs("vitest.json"), "--project", "unit", "--project", "integration:pglite"], { stdio: "inherit", env });
const postgresCode = await postgresRun;
if (process.env.TEST_DATABASE_URL) {
  console.log("\n$ npx vitest run --project integration:postgres");
  process.stdout.write(fs.readFileSync(`${out}/vitest-postgres.log`, "utf8"));
}
if (local.status !== 0 || postgresCode !== 0) {
  console.error("\nFailed: npx vitest run");
  process.exit(1);
}
run("npx", ["next", "build"]);
// The short form of the crash rounds (issue 15): 3 SIGKILLs during API writes, on PGlite, PGlite with
// the kills inside a CHECKPOINT, and PostgreSQL when TEST_DATABASE_URL is set.
const crashPort = process.env.CRASH_PORT || "3199";
// On PGlite every short-form kill lands inside a CHECKPOINT (the rounds check the same writes as plain
// ones); plain PGlite rounds run in `npm run test:reliability`.
run("node", ["scripts/reliability-crash.mjs", "--rounds", "3", "--engine", "pglite", "--checkpoints", "--port", crashPort]);
if (process.env.TEST_DATABASE_URL) run("node", ["scripts/reliability-crash.mjs", "--rounds", "3", "--engine", "postgres", "--port", crashPort]);
// Database restart under load (issue 15): its own PostgreSQL cluster, restarted while requests run
// (about 40 s). Needs PostgreSQL 15's binaries and root (to run them as the postgres user).
if (fs.existsSync("/usr/lib/postgresql/15/bin/pg_ctl") && process.getuid?.() === 0) run("node", ["scripts/reliability-db-restart.mjs"]);
// Two app servers on one PostgreSQL, requests alternated (issue 16 item 5; about 60 s): sessions,
// lockout, rate limit, caches, the e-mail outbox, shared secrets. Its own cluster (as above), else a
// fresh database beside TEST_DATABASE_URL; with neither it says it skipped.
run("node", ["scripts/reliability-two-servers.mjs"]);
run("npx", ["playwright", "test"], { CHROME_PATH: chrome, PLAYWRIGHT_JSON_OUTPUT_FILE: `${out}/e2e.json` });
console.log(`\nAll tests passed in ${Math.round((Date.now() - started) / 1000)} s.`);
