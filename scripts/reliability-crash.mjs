#!/usr/bin/env node
// Crash rounds (issue 15, reliability): a loop of acknowledged API writes (create a decision with a
// criterion, submit it, a board member's position on it, an outcome on a signed-off decision's
// criterion) while the server is killed with SIGKILL, N rounds; then every acknowledged write must be
// there, whole, and the audit chain must verify. Needs a production build (`npx next build`).
//   node scripts/reliability-crash.mjs [--rounds 3] [--engine pglite|postgres] [--port 3701] [--checkpoints]
// --checkpoints (PGlite): the server runs CHECKPOINT back to back (FULCRUM_TEST_CHECKPOINT_LOOP, which
// brackets each with a line on stdout) and each kill is sent while one has begun and not ended; the
// figures say how many kills landed inside a checkpoint (at least one must).
// PostgreSQL: CRASH_ADMIN_URL (a superuser URL; default TEST_DATABASE_URL) gets a fresh database
// `<its database>_crash`. Prints one line: `crash <engine> pass|FAIL <figures>`; exits 1 on failure.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const { values } = parseArgs({ options: { rounds: { type: "string", default: "3" }, engine: { type: "string", default: "pglite" }, port: { type: "string", default: process.env.CRASH_PORT || "3701" }, checkpoints: { type: "boolean", default: false } } });
if (values.checkpoints && values.engine !== "pglite") throw new Error("--checkpoints is for --engine pglite");
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
delete env.FULCRUM_TEST_CHECKPOINT_LOOP;

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
let log = "";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Pids of every process in a process group (Linux /proc), so a kill can wait for the whole group. */
function groupPids(pgid) {
  const out = [];
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid && fields[0] !== "Z") out.push(Number(pid));
    } catch {
      /* gone */
    }
  }
  return out;
}
async function start(extraEnv = {}) {
  const s = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env: { ...env, ...extraEnv }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  server = s;
  log = "";
  s.stdout.on("data", (d) => (log = (log + d).slice(-200_000)));
  s.stderr.on("data", (d) => (log = (log + d).slice(-200_000)));
  const until = Date.now() + 180_000;
  // Up means: this process (not a leftover) has opened the database ("database ready", printed by
  // lib/start-up.ts once migrations ran) and answers on the port.
  while (Date.now() < until) {
    if (s.exitCode !== null || s.signalCode !== null) throw new Error(`server exited while starting (${s.exitCode ?? s.signalCode}):\n${log.slice(-3000)}`);
    if (/database ready/.test(log)) {
      try {
        const r = await fetch(`${base}/api/v1/openapi.json`, { signal: AbortSignal.timeout(10_000) });
        if (r.ok) return;
      } catch {
        /* not listening yet */
      }
    }
    await sleep(250);
  }
  throw new Error(`server did not start:\n${log.slice(-3000)}`);
}
async function kill(signal = "SIGKILL") {
  if (!server) return;
  const s = server;
  server = null;
  const exited = s.exitCode !== null || s.signalCode !== null ? Promise.resolve() : new Promise((r) => s.once("exit", r));
  try {
    process.kill(-s.pid, signal); // the whole group: npx and next-server
  } catch {
    /* gone */
  }
  await exited;
  // npx's exit is reported first; wait until no process of the group is left (next-server included),
  // then until nothing answers on the port, so the next start() cannot meet the dying server.
  const until = Date.now() + 30_000;
  while (groupPids(s.pid).length && Date.now() < until) await sleep(50);
  if (groupPids(s.pid).length) throw new Error(`processes of the killed server still alive after 30 s: ${groupPids(s.pid).join(", ")}`);
  while (Date.now() < until) {
    try {
      await fetch(`${base}/api/v1/openapi.json`, { signal: AbortSignal.timeout(1000) });
    } catch {
      return;
    }
    await sleep(100);
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

const acknowledged = new Map(); // decision id -> { title, submitted: version?, positions: Set }
const outcomesAcked = new Map(); // outcome id -> decision id
let sent = 0;
let writeErrors = 0;
let acks = 0;
const refusedWrites = [];
const started = Date.now();
let failure = null;
let killsInCheckpoint = 0;
/** The last checkpoint line the server printed: `begin` while one runs. */
const checkpointState = () => [...log.matchAll(/checkpoint (\d+) (begin|end)/g)].at(-1)?.[2] ?? null;
try {
  await start(); // loads the demo
  await kill("SIGTERM");
  const token = async (email, name) => {
    const tok = await npmRun("token:create", ["--email", email, "--scope", "write", "--name", name]);
    if (tok.status !== 0) throw new Error(`token:create failed: ${tok.stderr}`);
    return tok.stdout.trim().split("\n").at(-1);
  };
  const headers = { authorization: `Bearer ${await token("ce.rna@fulcrum.demo", "crash")}`, "content-type": "application/json" };
  const boardHeaders = { authorization: `Bearer ${await token("ned2.rna@fulcrum.demo", "crash-board")}`, "content-type": "application/json" };
  const extraEnv = values.checkpoints ? { FULCRUM_TEST_CHECKPOINT_LOOP: "1" } : {};

  // Criteria of signed-off decisions of this trust, for the outcome writes.
  await start(extraEnv);
  const criteriaIds = [];
  {
    const r = await fetch(`${base}/api/v1/decisions?status=signed_off,reviewed&limit=50`, { headers });
    if (r.status !== 200) throw new Error(`listing signed-off decisions: ${r.status} ${(await r.text()).slice(0, 200)}`);
    for (const d of (await r.json()).data ?? []) if (d.trust === "RNA") for (const c of d.criteria) criteriaIds.push(c.id);
    if (!criteriaIds.length) throw new Error("the demo has no signed-off decision of RNA with criteria");
  }
  await kill("SIGTERM");

  const write = async (url, body, h = headers) => {
    sent++;
    const r = await fetch(`${base}${url}`, { method: "POST", headers: h, body: JSON.stringify(body) });
    const json = r.status < 300 ? await r.json() : null;
    if (r.status >= 300) {
      if (r.status >= 500) writeErrors++;
      refusedWrites.push(`${r.status} ${url} ${(await r.text()).slice(0, 200)}`);
    }
    return { status: r.status, json };
  };

  for (let round = 1; round <= rounds; round++) {
    await start(extraEnv);
    let stop = false;
    const writer = async (w) => {
      for (let i = 0; !stop; i++) {
        const title = `Crash r${round} w${w} n${i} ${Math.random().toString(36).slice(2, 8)}`;
        try {
          if (w === 3) {
            const criterionId = criteriaIds[(w + i) % criteriaIds.length];
            const o = await write(`/api/v1/criteria/${criterionId}/outcomes`, { outcome: "partly_met", evidence: `Crash round ${round}: ${title}`, confirmEarly: true });
            if (o.status === 201) {
              outcomesAcked.set(o.json.id, o.json.criterionId);
              acks++;
              roundAcks.outcome++;
            }
            continue;
          }
          const c = await write("/api/v1/decisions", {
            trust: "RNA", title, summary: "Written during a crash round.", rationale: "Reliability suite.", favoured: "system", category: "capacity",
            factors: ["population_outcomes", "economies_of_scale"], decidedOn: "2026-03-01", visibility: "trust",
            criteria: [{ statement: "Still here after the crash", measure: "Rows", target: "all", judgedBy: "2027-03-31" }],
          });
          if (c.status !== 201) continue;
          const entry = { title, submitted: null, positions: new Set() };
          acknowledged.set(c.json.id, entry);
          acks++;
          roundAcks.create++;
          const sub = await write(`/api/v1/decisions/${c.json.id}/submit`, { baseVersion: c.json.revision });
          if (sub.status !== 200) continue;
          entry.submitted = sub.json.version;
          acks++;
          roundAcks.submit++;
          const p = await write(`/api/v1/decisions/${c.json.id}/positions`, { position: "support", forum: "public_board", comment: `Crash round ${round}`, version: sub.json.version }, boardHeaders);
          if (p.status === 201) {
            entry.positions.add(p.json.id);
            acks++;
            roundAcks.position++;
          }
        } catch {
          /* the kill: not acknowledged */
        }
      }
    };
    const roundAcks = { create: 0, submit: 0, position: 0, outcome: 0 };
    // Writers 0–2 create, submit and take a position on their decision in turn; writer 3 records outcomes.
    const writers = [0, 1, 2, 3].map(writer);
    // Kill mid-stream: once this round has acknowledged a write of every kind, at a random moment soon
    // after (with --checkpoints, the first moment after that when a checkpoint has begun and not ended).
    const until = Date.now() + 90_000;
    while (Object.values(roundAcks).some((n) => n === 0) && Date.now() < until) await sleep(100);
    await sleep(200 + Math.random() * 1000);
    if (values.checkpoints) {
      const by = Date.now() + 20_000;
      while (checkpointState() !== "begin" && Date.now() < by) await sleep(2);
    }
    const s = server;
    await kill("SIGKILL");
    await new Promise((r) => (s.stdout.closed || s.stdout.readableEnded ? r() : s.stdout.once("close", r)));
    if (values.checkpoints && checkpointState() === "begin") killsInCheckpoint++;
    stop = true;
    await Promise.all(writers);
  }

  await start();
  let missing = 0;
  let half = 0;
  const outcomesByDecision = new Map();
  for (const [id, e] of acknowledged) {
    const r = await fetch(`${base}/api/v1/decisions/${id}`, { headers });
    if (r.status !== 200) {
      missing++;
      continue;
    }
    const d = await r.json();
    if (d.title !== e.title || d.criteria?.length !== 1) half++;
    // Submitted: frozen as a version, no longer a draft.
    if (e.submitted !== null && (d.status === "draft" || !d.versions?.some((v) => v.number === e.submitted))) missing++;
    for (const p of e.positions) if (!d.positions?.some((x) => x.id === p)) missing++;
  }
  {
    const r = await fetch(`${base}/api/v1/decisions?status=signed_off,reviewed&limit=50`, { headers });
    for (const d of (await r.json()).data ?? []) outcomesByDecision.set(d.id, d);
    const seen = new Set();
    for (const d of outcomesByDecision.values()) {
      const full = await (await fetch(`${base}/api/v1/decisions/${d.id}`, { headers })).json();
      for (const o of full.outcomes ?? []) seen.add(o.id);
    }
    for (const id of outcomesAcked.keys()) if (!seen.has(id)) missing++;
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
  const kinds = `${acknowledged.size} creates, ${[...acknowledged.values()].filter((e) => e.submitted !== null).length} submits, ${[...acknowledged.values()].reduce((n, e) => n + e.positions.size, 0)} positions, ${outcomesAcked.size} outcomes`;
  const figures = `${rounds} rounds${values.checkpoints ? ` (${killsInCheckpoint} killed inside a CHECKPOINT)` : ""}, ${acks} acknowledged of ${sent} sent (${kinds}), ${missing} missing, ${half} half-written, ${writeErrors} 5xx, chain ${intact ? "intact" : "BROKEN"}, ${((Date.now() - started) / 1000).toFixed(0)} s`;
  const ok = missing === 0 && half === 0 && writeErrors === 0 && intact && acknowledged.size > 0 && outcomesAcked.size > 0 && (!values.checkpoints || killsInCheckpoint > 0);
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
