#!/usr/bin/env node
// Soak (issue 15, reliability): N minutes at a target rate of mixed requests against the built app on
// PostgreSQL: API reads, register and decision pages, dashboard loads, writes through the API with a
// token, and sign-ins. Loopback only, bounded (a cap on requests in flight; a request that would go
// over it is counted as shed, not queued) and stops by itself. Then checks every acknowledged write is
// there, and prints p50/p99, 5xx, lost writes and the server's memory growth after warm-up.
//   node scripts/reliability-soak.mjs [--minutes 10] [--rate 50] [--port 4520]
// PostgreSQL: SOAK_ADMIN_URL (a superuser URL; default TEST_DATABASE_URL) gets a fresh database
// `<its database>_soak`. Prints one line `soak postgres pass|FAIL <figures>`; exits 1 on any 5xx, lost
// write or failed request. Memory growth is printed, never asserted (the machine may be shared).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const { values } = parseArgs({ options: { minutes: { type: "string", default: "10" }, rate: { type: "string", default: "50" }, port: { type: "string", default: process.env.SOAK_PORT || "4520" } } });
const minutes = Number(values.minutes);
const rate = Number(values.rate);
const port = Number(values.port);
if (!(minutes > 0 && minutes <= 120) || !(rate > 0 && rate <= 500)) throw new Error("--minutes must be 0–120 and --rate 0–500");
const base = `http://127.0.0.1:${port}`;
const MAX_IN_FLIGHT = 64;

const admin = process.env.SOAK_ADMIN_URL || process.env.TEST_DATABASE_URL;
if (!admin) throw new Error("needs SOAK_ADMIN_URL or TEST_DATABASE_URL (a PostgreSQL superuser URL)");
const u = new URL(admin);
if (!["127.0.0.1", "localhost", "[::1]"].includes(u.hostname)) throw new Error("loopback PostgreSQL only");
const db = `${u.pathname.slice(1)}_soak`;
const psql = (q) => spawnSync("psql", [admin, "-Atqc", q], { encoding: "utf8" });
psql(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
let r = psql(`CREATE DATABASE "${db}"`);
if (r.status !== 0) throw new Error(r.stderr);
u.pathname = `/${db}`;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-soak-"));
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  FULCRUM_DATA_DIR: dataDir,
  FULCRUM_DEMO: "1",
  DATABASE_URL: u.toString(),
  AUTH_SECRET: "soak-secret-soak-secret-soak-secret-0001",
  FULCRUM_AUDIT_KEY: "soak-audit-key-soak-audit-key-soak-0001",
  FULCRUM_API_RATE_LIMIT: "1000000",
  FULCRUM_PROXY_HOPS: "0",
};
delete env.DATABASE_MIGRATION_URL;

const sleep = (ms) => new Promise((res) => setTimeout(res, ms));

/** Resident memory of the server's whole process group (npx, next-server), in MB. */
function rssMb(pgid) {
  let kb = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue; // field 5 of stat: the process group
      const m = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+)/);
      if (m) kb += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return kb / 1024;
}

let server = null;
let failure = null;
let line = "";
try {
  server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  server.stdout.on("data", (d) => (log = (log + d).slice(-20000)));
  server.stderr.on("data", (d) => (log = (log + d).slice(-20000)));
  const until = Date.now() + 180_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/sign-in`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`server did not start:\n${log}`);
    await sleep(250);
  }
  const t = spawnSync("npm", ["run", "--silent", "token:create", "--", "--email", "ce.rna@fulcrum.demo", "--scope", "write", "--name", "soak"], { cwd: root, env, encoding: "utf8" });
  if (t.status !== 0) throw new Error(`token:create: ${t.stderr}`);
  const auth = { authorization: `Bearer ${t.stdout.trim().split("\n").at(-1)}` };

  /** Signs in through next-auth's credentials endpoint; returns the session cookie. */
  async function signIn() {
    const c = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = await c.json();
    const jar = c.headers.getSetCookie().map((x) => x.split(";")[0]).join("; ");
    const res = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: jar },
      body: new URLSearchParams({ csrfToken, email: "ce.rna@fulcrum.demo", password: "fulcrum-demo-2026" }),
    });
    const session = res.headers.getSetCookie().map((x) => x.split(";")[0]).find((x) => /session-token=/.test(x));
    return { status: res.status, cookie: session ?? null };
  }
  const first = await signIn();
  if (!first.cookie) throw new Error(`sign-in gave no session (status ${first.status})`);
  let cookie = first.cookie;
  const list = await (await fetch(`${base}/api/v1/decisions?limit=50`, { headers: auth })).json();
  const ids = list.data.map((d) => d.id);

  const acknowledged = new Map();
  let seq = 0;
  const OPS = [
    [30, "api list", () => fetch(`${base}/api/v1/decisions?limit=20`, { headers: auth })],
    [15, "api decision", () => fetch(`${base}/api/v1/decisions/${ids[seq % ids.length]}`, { headers: auth })],
    [12, "register page", () => fetch(`${base}/decisions`, { headers: { cookie }, redirect: "manual" })],
    [10, "decision page", () => fetch(`${base}/decisions/${ids[seq % ids.length]}`, { headers: { cookie }, redirect: "manual" })],
    [13, "dashboard", () => fetch(`${base}/dashboard/trust/RNA`, { headers: { cookie }, redirect: "manual" })],
    [
      18,
      "write",
      async () => {
        const title = `Soak ${seq} ${Math.random().toString(36).slice(2, 8)}`;
        const res = await fetch(`${base}/api/v1/decisions`, {
          method: "POST",
          headers: { ...auth, "content-type": "application/json" },
          body: JSON.stringify({ trust: "RNA", title, summary: "Written during a soak.", category: "capacity", favoured: "system", visibility: "trust", criteria: [{ statement: "Still here after the soak" }] }),
        });
        if (res.status === 201) acknowledged.set((await res.clone().json()).id, title);
        return res;
      },
    ],
    [
      2,
      "sign-in",
      async () => {
        const s = await signIn();
        if (s.cookie) cookie = s.cookie;
        return { status: s.cookie ? 200 : 500, text: async () => "" };
      },
    ],
  ];
  const total = OPS.reduce((a, [w]) => a + w, 0);
  const pick = () => {
    let x = Math.random() * total;
    for (const op of OPS) if ((x -= op[0]) < 0) return op;
    return OPS[0];
  };

  const durations = [];
  const byKind = {};
  let fivexx = 0;
  let failed = 0;
  let shed = 0;
  let inFlight = 0;
  const fiveSamples = [];
  const runMs = minutes * 60_000;
  const warmMs = Math.min(60_000, Math.max(5_000, runMs * 0.2));
  const started = Date.now();
  const memory = [];
  const sampler = setInterval(() => memory.push({ at: Date.now() - started, mb: rssMb(server.pid) }), 1000);
  const pending = new Set();
  const interval = 1000 / rate;
  for (let n = 0; Date.now() - started < runMs; n++) {
    const due = started + n * interval;
    if (due > Date.now()) await sleep(due - Date.now());
    if (inFlight >= MAX_IN_FLIGHT) {
      shed++;
      continue;
    }
    const [, kind, run] = pick();
    seq++;
    inFlight++;
    const t0 = performance.now();
    const p = (async () => {
      try {
        const res = await run();
        await res.text();
        const ms = performance.now() - t0;
        durations.push(ms);
        (byKind[kind] ??= []).push(ms);
        if (res.status >= 500) {
          fivexx++;
          if (fiveSamples.length < 3) fiveSamples.push(`${kind} ${res.status}`);
        } else if (res.status >= 300) {
          // A page answered with a redirect (to sign-in) or a refusal: the session or the request failed.
          failed++;
          if (fiveSamples.length < 3) fiveSamples.push(`${kind} ${res.status}`);
        }
      } catch (e) {
        failed++;
        if (fiveSamples.length < 3) fiveSamples.push(`${kind} ${e.message}`);
      } finally {
        inFlight--;
      }
    })();
    pending.add(p);
    p.finally(() => pending.delete(p));
  }
  await Promise.all(pending);
  clearInterval(sampler);
  const elapsed = (Date.now() - started) / 1000;

  // Lost writes: every acknowledged (201) decision is there with its title.
  let lost = 0;
  const entries = [...acknowledged];
  for (let i = 0; i < entries.length; i += 16) {
    await Promise.all(
      entries.slice(i, i + 16).map(async ([id, title]) => {
        const res = await fetch(`${base}/api/v1/decisions/${id}`, { headers: auth });
        const body = res.status === 200 ? await res.json() : null;
        if (!body || body.title !== title || body.criteria?.length !== 1) lost++;
      }),
    );
  }

  const q = (arr, p) => {
    const s = [...arr].sort((a, b) => a - b);
    return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
  };
  const avg = (xs) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const afterWarm = memory.filter((m) => m.at >= warmMs);
  const warmMb = avg(afterWarm.slice(0, 5).map((m) => m.mb));
  const endMb = avg(afterWarm.slice(-5).map((m) => m.mb));
  const growth = warmMb ? ((endMb - warmMb) / warmMb) * 100 : NaN;
  const kinds = Object.entries(byKind)
    .map(([k, v]) => `${k} ${v.length} p50 ${q(v, 50).toFixed(0)}/p99 ${q(v, 99).toFixed(0)} ms`)
    .join("; ");
  line = `${durations.length} requests in ${elapsed.toFixed(0)} s (${(durations.length / elapsed).toFixed(1)}/s, target ${rate}, ${shed} shed), p50 ${q(durations, 50).toFixed(0)} ms, p99 ${q(durations, 99).toFixed(0)} ms, ${fivexx} 5xx, ${failed} other failures, ${acknowledged.size} acknowledged writes, ${lost} lost, RSS ${warmMb.toFixed(0)} → ${endMb.toFixed(0)} MB after warm-up (${growth >= 0 ? "+" : ""}${growth.toFixed(1)} %)`;
  console.error(`by kind: ${kinds}`);
  // RSS each minute (mean of that minute's samples), to tell a plateau (V8 growing its heap, caches
  // filling) from a steady climb (a leak).
  const perMinute = [];
  for (let m = 0; m * 60_000 < runMs; m++) {
    const xs = memory.filter((x) => x.at >= m * 60_000 && x.at < (m + 1) * 60_000).map((x) => x.mb);
    if (xs.length) perMinute.push(avg(xs).toFixed(0));
  }
  console.error(`RSS by minute (MB): ${perMinute.join(", ")}`);
  const problems = [];
  if (fivexx) problems.push(`${fivexx} 5xx`);
  if (failed) problems.push(`${failed} failed requests`);
  if (lost) problems.push(`${lost} lost writes`);
  if (!acknowledged.size) problems.push("no write was acknowledged");
  if (fiveSamples.length) problems.push(`e.g. ${fiveSamples.join(", ")}`);
  if (problems.length) failure = problems.join("; ");
} catch (e) {
  failure = e instanceof Error ? e.message : String(e);
} finally {
  if (server) {
    const exited = new Promise((res) => server.once("exit", res));
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* gone */
    }
    await Promise.race([exited, sleep(10_000)]);
  }
  psql(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
console.log(`soak postgres ${failure ? "FAIL" : "pass"} ${line}${failure ? `; ${failure}` : ""}`);
process.exit(failure ? 1 : 0);
