// Shared by the benchmarks (bench.ts, bench-web.ts): the command line's database and port, the built app
// under `next start`, signing in as a demo person. (Their tables: bench-report.ts.)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, desc, eq, sql } from "drizzle-orm";
import * as client from "@/db/client";
import { decisions, organisations, users } from "@/db/schema";
import { loadActor } from "@/lib/actors";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
export const TSX = ["--conditions=react-server", "--import", "tsx"];
export const DEMO_PASSWORD = "fulcrum-demo-2026";

const argv = process.argv;
/** The value after `--name` on the command line. */
export const val = (name: string) => (argv.indexOf(`--${name}`) > 0 ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
export const flag = (name: string) => argv.includes(`--${name}`);

/** Where a benchmark runs: PostgreSQL (`--pg <url>`) or a PGlite folder (`--data`), and the app's port (`--port`). */
export type Target = { pg?: string; dataDir: string; port: number; base: string; env: NodeJS.ProcessEnv };

export function targetFromArgs(defaultPort: number): Target {
  const pg = val("pg");
  const dataDir = path.resolve(root, val("data") ?? "data-bench");
  const port = Number(val("port") ?? defaultPort);
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PATH: `${path.join(root, "node_modules", ".bin")}:${process.env.PATH ?? ""}` };
  delete env.FULCRUM_SQL_TRACE;
  if (pg) env.DATABASE_URL = pg;
  else {
    delete env.DATABASE_URL;
    env.FULCRUM_DATA_DIR = dataDir;
  }
  return { pg, dataDir, port, base: `http://127.0.0.1:${port}`, env };
}

// ---------------------------------------------------------------- database (in this process)

export async function openDb(t: Target) {
  const opened = t.pg ? await client.openPostgres(t.pg) : await client.openPglite({ dataDir: t.dataDir });
  client.setDbForProcess(opened.db);
  return opened;
}
export async function closeDb(opened: client.OpenedDatabase) {
  client.setDbForProcess(undefined);
  await opened.close();
}
export async function countData(db: client.Database) {
  const [n] = await client.executeRows<{ decisions: number; trusts: number; icss: number }>(
    db,
    sql`select (select count(*) from decisions)::int as decisions, (select count(*) from organisations where kind = 'trust')::int as trusts,
      (select count(*) from organisations where kind = 'ics')::int as icss`,
  );
  return n;
}

export async function actorOf(db: client.Database, email: string) {
  const [u] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!u) throw new Error(`${email} not found: the database holds other data (load generated data into an empty one)`);
  return (await loadActor(db, u.id))!;
}

/** The decision page at its fullest: RNA's most recent signed-off decision (its outcomes panel shows). */
export async function signedOffDecisionOfRna(db: client.Database) {
  const [rna] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.ods, "RNA"));
  const [d] = rna
    ? await db
        .select({ id: decisions.id })
        .from(decisions)
        .where(and(eq(decisions.trustId, rna.id), eq(decisions.status, "signed_off")))
        .orderBy(desc(decisions.decidedOn))
        .limit(1)
    : [];
  if (!d) throw new Error("no signed-off decision of RNA to open");
  return d.id;
}

// ---------------------------------------------------------------- the app

export function ensureBuild(t: Target) {
  if (fs.existsSync(path.join(root, ".next", "BUILD_ID"))) return;
  console.log("No build (.next/BUILD_ID): running `next build` first (a few minutes)…");
  const r = spawnSync("npx", ["next", "build"], { cwd: root, env: t.env, stdio: "inherit" });
  if (r.status !== 0) throw new Error("next build failed");
}

/** `next start` on `port` (t.port unless another; demo and mail sender off), answered once /sign-in answers. */
export async function startServer(t: Target, extraEnv: Record<string, string> = {}, port = t.port): Promise<ChildProcess> {
  const child = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      ...t.env,
      NODE_ENV: "production",
      FULCRUM_DEMO: "0",
      // No mail sender on a benchmark's servers: no background statement falls inside a measured load,
      // and a freshly loaded database's backlog of reviews due (hundreds of thousands at 1,000,000
      // decisions, one transaction each) is not measured as page time.
      FULCRUM_MAIL_SENDER: "off",
      AUTH_SECRET: t.env.AUTH_SECRET ?? "bench-secret-bench-secret-bench-secret-0123",
      AUTH_TRUST_HOST: "true",
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const started = Date.now();
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/sign-in`)).ok) return child;
    } catch {
      /* not up yet */
    }
    if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
    if (Date.now() - started > 300_000) throw new Error(`server did not start in 5 minutes:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Waits until the app appends nothing to its SQL trace file for quietMs (start-up work, requests in flight). */
export async function waitQuiet(traceFile: string, quietMs = 2000) {
  const size = () => (fs.existsSync(traceFile) ? fs.statSync(traceFile).size : 0);
  const started = Date.now();
  let last = size();
  let still = Date.now();
  while (Date.now() - still < quietMs && Date.now() - started < 600_000) {
    await new Promise((r) => setTimeout(r, 250));
    const now = size();
    if (now !== last) {
      last = now;
      still = Date.now();
    }
  }
}

export async function stopServer(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    /* gone */
  }
  for (let i = 0; i < 40 && child.exitCode === null && child.signalCode === null; i++) await new Promise((r) => setTimeout(r, 250));
  await new Promise((r) => setTimeout(r, 500));
}

/** Signs in through Auth.js's credentials endpoint (demo password) and answers the session cookie (`name=value`). */
export async function signInCookie(base: string, email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, callbackUrl: `${base}/` }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
  if (!session) throw new Error(`sign-in failed for ${email} (${res.status})`);
  return session.split(";")[0];
}

// ---------------------------------------------------------------- the report's header

type DataSize = Awaited<ReturnType<typeof countData>>;
/** The line a benchmark opens with: Node, engine, the machine and its load, the data's size. */
export const runLine = (title: string, engine: string, data: DataSize) =>
  `${title}: Node ${process.version}, ${engine}, ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}; ` +
  `${data.decisions.toLocaleString("en-GB")} decisions, ${data.trusts} trusts, ${data.icss} ICSs.`;
/** The written report's first fields. */
export const runInfo = (engine: string) => ({ at: new Date().toISOString(), node: process.version, engine, cores: os.cpus().length, loadAverage: os.loadavg() });
