// A throwaway PostgreSQL 15 cluster for the reliability scripts (two servers, read replica): initdb in
// a temp folder as the postgres OS user (we run as root), listening on 127.0.0.1 only, trust auth,
// socket in the folder itself. Optionally set up for streaming replication, and a replica made from
// it with pg_basebackup -R. Every cluster started here is stopped and its folder removed by stopAll().
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const PG_BIN = process.env.FULCRUM_PG_BIN || "/usr/lib/postgresql/15/bin";

/** Why a cluster cannot be started here, or null when it can. */
export function clusterUnavailable(tools = ["initdb", "pg_ctl"]) {
  for (const t of tools) if (!fs.existsSync(path.join(PG_BIN, t))) return `${path.join(PG_BIN, t)} is absent`;
  if (process.getuid?.() !== 0) return "needs root (to run PostgreSQL's binaries as the postgres user)";
  if (spawnSync("id", ["postgres"]).status !== 0) return "no postgres OS user";
  return null;
}

const asPg = (cmd, args) => spawnSync("runuser", ["-u", "postgres", "--", path.join(PG_BIN, cmd), ...args], { encoding: "utf8" });
const started = [];

function must(r, what) {
  if (r.status !== 0) throw new Error(`${what}: ${(r.stderr || r.stdout || "").trim().split("\n").slice(-3).join(" ")}`);
  return r;
}

function tempFolder(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o777);
  return dir;
}

function startDir(dir, port) {
  const c = { dir, port, data: path.join(dir, "data"), url: (db = "postgres") => `postgres://postgres@127.0.0.1:${port}/${db}` };
  started.push(c);
  must(asPg("pg_ctl", ["-D", c.data, "-w", "-t", "60", "-l", path.join(dir, "log"), "-o", `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, "start"]), "pg_ctl start");
  return c;
}

/** initdb + start on `port`. With `replication`, wal_level=replica and a pg_hba line for replication from 127.0.0.1. */
export function startCluster(port, { replication = false } = {}) {
  const dir = tempFolder("fulcrum-pg-");
  const data = path.join(dir, "data");
  must(asPg("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]), "initdb");
  if (replication) {
    fs.appendFileSync(path.join(data, "postgresql.conf"), "\nwal_level = replica\nmax_wal_senders = 4\nhot_standby = on\nfsync = off\n");
    fs.appendFileSync(path.join(data, "pg_hba.conf"), "\nhost replication postgres 127.0.0.1/32 trust\n");
  } else {
    fs.appendFileSync(path.join(data, "postgresql.conf"), "\nfsync = off\n");
  }
  return startDir(dir, port);
}

/** A streaming replica of `primary` (pg_basebackup -R: standby.signal + primary_conninfo), started on `port`. */
export function startReplica(primary, port) {
  const dir = tempFolder("fulcrum-replica-");
  const data = path.join(dir, "data");
  must(asPg("pg_basebackup", ["-h", "127.0.0.1", "-p", String(primary.port), "-U", "postgres", "-D", data, "-R", "-X", "stream", "-c", "fast"]), "pg_basebackup");
  return startDir(dir, port);
}

export function psql(url, query) {
  const bin = fs.existsSync(path.join(PG_BIN, "psql")) ? path.join(PG_BIN, "psql") : "psql";
  return must(spawnSync(bin, [url, "-Atqc", query], { encoding: "utf8" }), `psql ${query.slice(0, 60)}`).stdout.trim();
}

/** Stops every cluster started here (immediately) and removes its folder. Safe to call twice. */
export function stopAll() {
  while (started.length) {
    const c = started.pop();
    asPg("pg_ctl", ["-D", c.data, "-m", "immediate", "-w", "stop"]);
    fs.rmSync(c.dir, { recursive: true, force: true });
  }
}
