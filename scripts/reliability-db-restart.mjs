#!/usr/bin/env node
// Database restart under load (issue 15, reliability): starts its own PostgreSQL cluster (initdb +
// pg_ctl from /usr/lib/postgresql/15/bin, run as the postgres user, data in a temp folder, socket in
// /tmp), starts the built app against it, runs a bounded loop of page and API requests, restarts the
// cluster mid-run, and checks that requests during the gap answer 503 with a plain error (no stack
// trace) and that the app recovers without being restarted. Needs a production build.
//   node scripts/reliability-db-restart.mjs [--port 4510] [--pg-port 4511] [--gap 3]
// Prints one line: `dbrestart postgres pass|FAIL <figures>`; exits 1 on failure.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const { values } = parseArgs({ options: { port: { type: "string", default: process.env.DBRESTART_PORT || "4510" }, "pg-port": { type: "string", default: process.env.DBRESTART_PG_PORT || "4511" }, gap: { type: "string", default: "3" } } });
const port = Number(values.port);
const pgPort = Number(values["pg-port"]);
const base = `http://127.0.0.1:${port}`;
const BIN = "/usr/lib/postgresql/15/bin";
const pgData = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-pg-"));
fs.chmodSync(pgData, 0o777);
const clusterDir = path.join(pgData, "cluster");
const asPg = (cmd, args) => spawnSync("runuser", ["-u", "postgres", "--", path.join(BIN, cmd), ...args], { encoding: "utf8" });
const pgCtl = (...args) => asPg("pg_ctl", ["-D", clusterDir, "-w", "-t", "60", ...args]);
const STACK = /\n\s+at |node_modules|\.tsx?:\d+|ECONNREFUSED|57P01|CONNECTION_/;

let server = null;
let failure = null;
const figures = {};
try {
  let r = asPg("initdb", ["-D", clusterDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  if (r.status !== 0) throw new Error(`initdb: ${r.stderr}`);
  const startPg = () => pgCtl("-o", `-p ${pgPort} -k /tmp -c listen_addresses=127.0.0.1`, "-l", path.join(pgData, "log"), "start");
  r = startPg();
  if (r.status !== 0) throw new Error(`pg_ctl start: ${r.stderr}`);
  r = spawnSync("psql", [`postgres://postgres@127.0.0.1:${pgPort}/postgres`, "-Atqc", "CREATE DATABASE fulcrum"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`create database: ${r.stderr}`);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-dbrestart-"));
  const env = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    FULCRUM_DATA_DIR: dataDir,
    FULCRUM_DEMO: "1",
    DATABASE_URL: `postgres://postgres@127.0.0.1:${pgPort}/fulcrum`,
    AUTH_SECRET: "restart-secret-restart-secret-restart-0",
    FULCRUM_AUDIT_KEY: "restart-audit-key-restart-audit-key-01",
    FULCRUM_API_RATE_LIMIT: "1000000",
  };
  delete env.DATABASE_MIGRATION_URL;
  let token = null;
  server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout.on("data", (d) => (log += d));
  server.stderr.on("data", (d) => (log += d));
  const until = Date.now() + 180_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/sign-in`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`server did not start:\n${log}`);
    await new Promise((res) => setTimeout(res, 250));
  }
  // The demo is loaded at the server's start, so the token is made after it (the CLI migrates too).
  const t = spawnSync("npm", ["run", "--silent", "token:create", "--", "--email", "ce.rna@fulcrum.demo", "--scope", "write", "--name", "restart"], { cwd: root, env, encoding: "utf8" });
  if (t.status !== 0) throw new Error(`token:create: ${t.stderr}`);
  token = t.stdout.trim().split("\n").at(-1);
  const headers = { authorization: `Bearer ${token}` };

  const results = []; // { at, phase, kind, status, body }
  let phase = "before";
  let stop = false;
  // A server action (an unknown id from our own origin): before the gap Next.js looks it up and refuses
  // it; during the gap the proxy answers 503 before any action runs.
  const action = { method: "POST", headers: { "next-action": "7f" + "0".repeat(40), origin: base, "content-type": "text/plain;charset=UTF-8", accept: "text/x-component" }, body: "[]" };
  const hit = async (kind) => {
    const at = Date.now();
    const myPhase = phase;
    try {
      const res =
        kind === "api" ? await fetch(`${base}/api/v1/decisions?limit=5`, { headers }) : kind === "action" ? await fetch(`${base}/sign-in`, action) : await fetch(`${base}/sign-in`);
      const body = await res.text();
      const done = Date.now();
      if (res.status === 503 && firstUnavailableAt === null) firstUnavailableAt = done;
      results.push({ at, done, phase: myPhase, kind, status: res.status, body, type: res.headers.get("content-type") ?? "" });
    } catch (e) {
      results.push({ at, done: Date.now(), phase: myPhase, kind, status: 0, body: String(e) });
    }
  };
  const KINDS = ["page", "api", "action"];
  const loop = async (offset) => {
    for (let i = 0; !stop && i < 100_000; i++) {
      await hit(KINDS[(i + offset) % KINDS.length]);
      await new Promise((res) => setTimeout(res, 20));
    }
  };
  let firstUnavailableAt = null;
  const loops = [loop(0), loop(1), loop(2)];
  await new Promise((res) => setTimeout(res, 2000));
  phase = "gap";
  r = pgCtl("-m", "fast", "stop");
  if (r.status !== 0) throw new Error(`pg_ctl stop: ${r.stderr}`);
  await new Promise((res) => setTimeout(res, Number(values.gap) * 1000));
  phase = "restarting";
  r = startPg();
  if (r.status !== 0) throw new Error(`pg_ctl restart: ${r.stderr}`);
  phase = "after";
  // Recovery: within 30 s, both kinds answer 200 again, without restarting the app.
  const recoverBy = Date.now() + 30_000;
  let recoveredAt = null;
  while (Date.now() < recoverBy) {
    const recent = results.filter((x) => x.phase === "after" && x.kind !== "action").slice(-6);
    if (recent.length >= 6 && recent.every((x) => x.status === 200)) {
      recoveredAt = Date.now();
      break;
    }
    await new Promise((res) => setTimeout(res, 200));
  }
  const restartedAt = results.find((x) => x.phase === "after")?.at ?? Date.now();
  stop = true;
  await Promise.all(loops);

  const gap = results.filter((x) => x.phase === "gap");
  // An action's answer before the gap is Next.js refusing an unknown action (not 200): only 5xx counts.
  const gapErrors = gap.filter((x) => (x.kind === "action" ? x.status >= 500 || x.status === 0 : x.status !== 200));
  const api = gapErrors.filter((x) => x.kind === "api");
  // Once the app has met the outage (its first 503), every request it is sent answers 503 from the
  // proxy until the database answers again; requests already being served then may fail with 500.
  const gated = gap.filter((x) => firstUnavailableAt !== null && x.at > firstUnavailableAt);
  figures.requests = results.length;
  figures.gapRequests = gap.length;
  figures.gated = gated.length;
  figures.gapStatuses = [...new Set(gapErrors.map((x) => `${x.kind}:${x.status}`))].sort().join(",");
  figures.recoverMs = recoveredAt ? recoveredAt - restartedAt : null;
  const problems = [];
  if (!api.length) problems.push("no API request met the gap");
  for (const k of ["page", "api", "action"]) if (!gated.some((x) => x.kind === k)) problems.push(`no ${k} request was sent after the app met the outage`);
  for (const x of gated) if (x.status !== 503) problems.push(`${x.kind} sent after the app met the outage answered ${x.status}, not 503`);
  for (const x of gapErrors) {
    if (x.kind === "api" && x.status !== 503) problems.push(`API during the gap answered ${x.status}`);
    // A page already rendering when the database went away cannot change its status: 500, plain error page.
    if (x.kind !== "api" && x.status !== 503 && x.status !== 500) problems.push(`${x.kind} during the gap answered ${x.status}`);
    if (x.kind === "api" && x.status === 503 && !/"code":"unavailable"/.test(x.body)) problems.push(`API 503 without code unavailable: ${x.body.slice(0, 200)}`);
    if (x.kind !== "api" && x.status === 503 && !/Sorry, the service is unavailable/.test(x.body)) problems.push(`${x.kind} 503 without the plain page: ${x.body.slice(0, 200)}`);
    if (x.status === 0) problems.push(`no answer: ${x.body.slice(0, 120)}`);
    if (STACK.test(x.body)) problems.push(`${x.kind} ${x.status} body shows internals: ${x.body.match(STACK)[0]}`);
  }
  if (!recoveredAt) problems.push("did not recover within 30 s of the restart");
  if (server.exitCode !== null) problems.push("the app exited");
  if (problems.length) failure = [...new Set(problems)].slice(0, 5).join("; ");
} catch (e) {
  failure = e instanceof Error ? e.message : String(e);
} finally {
  if (server) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* gone */
    }
  }
  pgCtl("-m", "immediate", "stop");
  fs.rmSync(pgData, { recursive: true, force: true });
}
const f = `${figures.requests ?? 0} requests (page, API, server action), ${figures.gapRequests ?? 0} during the gap (${figures.gapStatuses || "-"}; ${figures.gated ?? 0} after the app met the outage, all to be 503), recovered in ${figures.recoverMs ?? "-"} ms`;
console.log(`dbrestart postgres ${failure ? "FAIL" : "pass"} ${f}${failure ? `; ${failure}` : ""}`);
process.exit(failure ? 1 : 0);
