#!/usr/bin/env node
// Crash rounds (issue 15, reliability): a loop of acknowledged API writes while the server is killed
// with SIGKILL, N rounds; then every acknowledged write must be there, whole (its criterion too), and
// the audit chain must verify. Needs a production build (`npx next build`).
//   node scripts/reliability-crash.mjs [--rounds 3] [--engine pglite|postgres] [--port 3701]
// PostgreSQL: CRASH_ADMIN_URL (a superuser URL; default TEST_DATABASE_URL) gets a fresh database
// `<its database>_crash`. Prints one line: `crash <engine> pass|FAIL <figures>`; exits 1 on failure.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const { values } = parseArgs({ options: { rounds: { type: "string", default: "3" }, engine: { type: "string", default: "pglite" }, port: { type: "string", default: process.env.CRASH_PORT || "3701" } } });
const rounds = Number(values.rounds);
const port = Number(values.port);
const base = `http://127.0.0.1:${port}`;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-crash-"));
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  FULCRUM_DATA_DIR: dataDir,
  FULCRUM_DEMO: "1",
  AUTH_SECRET: "crash-secret-crash-secret-crash-secret-0",
  FULCRUM_AUDIT_KEY: process.env.FULCRUM_AUDIT_KEY || "crash-audit-key-crash-audit-key-0123",
  FULCRUM_API_RATE_LIMIT: "1000000",
};
delete env.DATABASE_URL;
delete env.DATABASE_MIGRATION_URL;

if (values.engine === "postgres") {
  const admin = process.env.CRASH_ADMIN_URL || process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error("--engine postgres needs CRASH_ADMIN_URL or TEST_DATABASE_URL");
  const u = new URL(admin);
  const db = `${u.pathname.slice(1)}_crash`;
  const psql = (q) => spawnSync("psql", [admin, "-Atqc", q], { encoding: "utf8" });
  psql(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  const r = psql(`CREATE DATABASE "${db}"`);
  if (r.status !== 0) throw new Error(r.stderr);
  u.pathname = `/${db}`;
  env.DATABASE_URL = u.toString();
}

let server = null;
async function start() {
  server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  const until = Date.now() + 180_000;
  while (Date.now() < until) {
    try {
      const r = await fetch(`${base}/api/v1/openapi.json`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not start:\n${log}`);
}
async function kill(signal = "SIGKILL") {
  if (!server) return;
  const s = server;
  server = null;
  const exited = new Promise((r) => s.once("exit", r));
  try {
    process.kill(-s.pid, signal); // the whole group: npx and next-server
  } catch {
    /* gone */
  }
  await exited;
  // The group's last process (next-server) can outlive npx by a moment and still answer on the port:
  // wait until nothing does, so the next start() cannot mistake the dying server for the new one.
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    try {
      await fetch(`${base}/api/v1/openapi.json`, { signal: AbortSignal.timeout(1000) });
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A command-line tool on the data folder, retried while the killed server's last process lets go of it. */
async function npmRun(script, args = []) {
  let r;
  for (let i = 0; i < 40; i++) {
    r = spawnSync("npm", ["run", "--silent", script, "--", ...args], { cwd: root, env, encoding: "utf8" });
    if (!/DataFolderLockedError|in use by another Fulcrum process/.test(r.stderr + r.stdout)) return r;
    await new Promise((res) => setTimeout(res, 500));
  }
  return r;
}

const acknowledged = new Map();
let sent = 0;
let writeErrors = 0;
const refusedWrites = [];
const started = Date.now();
let failure = null;
try {
  await start(); // loads the demo
  await kill("SIGTERM");
  const tok = await npmRun("token:create", ["--email", "ce.rna@fulcrum.demo", "--scope", "write", "--name", "crash"]);
  if (tok.status !== 0) throw new Error(`token:create failed: ${tok.stderr}`);
  const token = tok.stdout.trim().split("\n").at(-1);
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };

  for (let round = 1; round <= rounds; round++) {
    await start();
    let stop = false;
    const writer = async (w) => {
      for (let i = 0; !stop; i++) {
        const title = `Crash r${round} w${w} n${i} ${Math.random().toString(36).slice(2, 8)}`;
        sent++;
        try {
          const r = await fetch(`${base}/api/v1/decisions`, {
            method: "POST",
            headers,
            body: JSON.stringify({
              trust: "RNA", title, summary: "Written during a crash round.", rationale: "Reliability suite.", favoured: "system", category: "capacity",
              factors: ["population_outcomes", "economies_of_scale"], decidedOn: "2026-03-01", visibility: "trust",
              criteria: [{ statement: "Still here after the crash", measure: "Rows", target: "all", judgedBy: "2027-03-31" }],
            }),
          });
          if (r.status === 201) acknowledged.set((await r.json()).id, title);
          else {
            if (r.status >= 500) writeErrors++;
            refusedWrites.push(`${r.status} ${(await r.text()).slice(0, 200)}`);
          }
        } catch {
          /* the kill: not acknowledged */
        }
      }
    };
    const before = acknowledged.size;
    const writers = [0, 1, 2, 3].map(writer);
    // Kill mid-stream: once this round has acknowledged writes, at a random moment soon after.
    const until = Date.now() + 90_000;
    while (acknowledged.size < before + 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 200 + Math.random() * 1000));
    await kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
  }

  await start();
  let missing = 0;
  let half = 0;
  for (const [id, title] of acknowledged) {
    const r = await fetch(`${base}/api/v1/decisions/${id}`, { headers });
    if (r.status !== 200) {
      missing++;
      continue;
    }
    const d = await r.json();
    if (d.title !== title || d.criteria?.length !== 1) half++;
  }
  // Server actions: a foreign or null Origin is refused before any action runs (the same request
  // from our own origin reaches the action lookup: an unknown action is "not found").
  const action = "7f" + "0".repeat(40);
  const post = (origin) =>
    fetch(`${base}/sign-in`, { method: "POST", headers: { "next-action": action, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component", ...(origin ? { origin } : {}) }, body: "[]" })
      .then(async (r) => ({ status: r.status, text: await r.text() }));
  const own = await post(base);
  const foreign = await post("https://evil.example");
  const nullOrigin = await post("null");
  const refused = (r) => r.status >= 400 && r.status !== 404 && !/at .*\.js:\d/.test(r.text);
  // Own origin: past the Origin check to the action lookup (404 or 409 for an unknown action, never 500).
  const originOk = own.status !== 500 && own.status < 500 && refused(foreign) && refused(nullOrigin) && foreign.status !== own.status;
  console.log(`origin ${values.engine} ${originOk ? "pass" : "FAIL"} own origin ${own.status} (action looked up), foreign ${foreign.status}, null ${nullOrigin.status}`);
  if (!originOk) failure = `origin check: own ${own.status}, foreign ${foreign.status}, null ${nullOrigin.status}`;
  await kill("SIGTERM");
  const verify = await npmRun("audit:verify");
  const intact = verify.status === 0;
  const figures = `${rounds} rounds, ${acknowledged.size} acknowledged of ${sent} sent, ${missing} missing, ${half} half-written, ${writeErrors} 5xx, chain ${intact ? "intact" : "BROKEN"}, ${((Date.now() - started) / 1000).toFixed(0)} s`;
  const ok = missing === 0 && half === 0 && intact && acknowledged.size > 0;
  console.log(`crash ${values.engine} ${ok ? "pass" : "FAIL"} ${figures}`);
  if (!intact) console.log(verify.stdout.split("\n").slice(0, 3).join("\n"));
  if (!ok) failure = failure ? `${failure}; ${figures}` : figures;
  if (!ok && refusedWrites.length) console.log(`first refused write: ${refusedWrites[0]}`);
} catch (e) {
  failure = e instanceof Error ? e.message : String(e);
  console.log(`crash ${values.engine} FAIL ${failure.split("\n")[0]}`);
} finally {
  await kill("SIGKILL");
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(failure ? 1 : 0);
