import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

/** Either engine: both are drizzle PgDatabases over the same schema. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** A function that writes takes a transaction or the database. */
export type DbOrTx = Database | Tx;

/**
 * The rows of a raw SQL query on either engine: postgres.js answers `db.execute` with the rows
 * themselves, PGlite with `{ rows }`.
 */
export async function executeRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown;
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

// ---------------------------------------------------------------- statements run (benchmarks, tests)

const statementState = globalThis as unknown as { __fulcrumStatements?: { n: number } };
const statements = (statementState.__fulcrumStatements ??= { n: 0 });
/** With FULCRUM_SQL_TRACE=1, every statement is also written to stderr as `[sql] <text>` (bench counts them). */
const TRACE = process.env.FULCRUM_SQL_TRACE === "1";

/** How many SQL statements this process has sent, on either engine (a counter for tests and `npm run bench`). */
export function sqlStatementCount(): number {
  return statements.n;
}

/**
 * `npm run bench` only: with FULCRUM_SQL_TRACE_FILE set, every statement and its parameters are
 * appended to that file as one JSON line, so the benchmark can count a page load's statements and
 * re-run its SQL directly (the floor). Unset in every other use.
 */
const TRACE_FILE = process.env.FULCRUM_SQL_TRACE_FILE || null;

function countStatement(text: string, params?: unknown) {
  statements.n += 1;
  if (TRACE) process.stderr.write(`[sql] ${text.replace(/\s+/g, " ").slice(0, 160)}\n`);
  if (TRACE_FILE) fs.appendFileSync(TRACE_FILE, `${JSON.stringify({ text, params: params ?? [] })}\n`);
}

export type OpenedDatabase = {
  db: Database;
  engine: "pglite" | "postgres";
  close: () => Promise<void>;
  /** Raw SQL on the underlying client (tests, scripts). */
  exec: (sqlText: string) => Promise<void>;
  /** PGlite only: the whole data folder as a tarball (a template for openPglite({ template })). */
  dump?: () => Promise<Blob>;
};

export const MIGRATIONS_FOLDER = path.join(/* turbopackIgnore: true */ process.cwd(), "db", "migrations");

const LOCK_FILE = ".fulcrum.lock";

export class DataFolderLockedError extends Error {
  constructor(dir: string, pid: number, host?: string) {
    super(
      `The data folder ${dir} is in use by another Fulcrum process (pid ${pid}${host ? ` on host ${host}` : ""}). ` +
        `Stop that process, or set FULCRUM_DATA_DIR to another folder. ` +
        (host ? `If host ${host} is gone for good, delete ${path.join(/* turbopackIgnore: true */ dir, LOCK_FILE)} and start again. ` : "") +
        `Embedded PostgreSQL (PGlite) cannot be shared between processes: both would write and one would lose data.`,
    );
    this.name = "DataFolderLockedError";
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Whatever a Fulcrum process may be called in /proc: node itself, or the title Next gives its server
// ("next-server (v16…)"), or a wrapper (tsx, npm, vitest). Broad on purpose: a false match only refuses.
const NODE_LIKE = /node|next|fulcrum|tsx|npm|vitest|bun|deno/i;

/**
 * Linux only: a live pid whose command line is readable and names no Node process is an unrelated
 * process that reused the pid. Anything else (no /proc, unreadable) is not known to be stale.
 */
function pidIsUnrelatedProcess(pid: number): boolean {
  if (process.platform !== "linux") return false;
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return false;
  }
  return !NODE_LIKE.test(cmdline.replaceAll("\0", " "));
}

/** Lock files this process holds now, so a lock naming our own pid can be told apart from a stale one. */
const lockState = globalThis as unknown as { __fulcrumHeldLocks?: Set<string> };
const heldLocks: Set<string> = (lockState.__fulcrumHeldLocks ??= new Set());

/** Lock file: "<pid>\n<host name>\n". Older files hold the pid alone. */
function readLock(lockPath: string): { pid: number; host: string | null } {
  const [pidLine, hostLine] = fs.readFileSync(lockPath, "utf8").split("\n");
  return { pid: Number.parseInt(pidLine.trim(), 10), host: hostLine?.trim() || null };
}

/**
 * PGlite has no lock between processes, so take one ourselves: a lock file holding our pid, created
 * exclusively. A lock left by a dead process is taken over, and so is one naming a pid that is now
 * ours or an unrelated process's (a container restarted after a hard kill runs the app as pid 1
 * again, and finds its old lock naming pid 1).
 */
export function lockDataFolder(dir: string): () => void {
  const lockPath = path.join(/* turbopackIgnore: true */ dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, "wx");
      fs.writeSync(fd, `${process.pid}\n${os.hostname()}\n`);
      fs.closeSync(fd);
      heldLocks.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldLocks.delete(lockPath);
        try {
          if (readLock(lockPath).pid === process.pid) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      let holder: ReturnType<typeof readLock>;
      try {
        holder = readLock(lockPath);
      } catch (readError) {
        if ((readError as NodeJS.ErrnoException).code === "ENOENT") continue; // released meanwhile
        throw readError;
      }
      if (holder.host !== null && holder.host !== os.hostname()) {
        // Written on another host (a container sharing the volume): its process can't be checked from
        // here, whatever its pid names on this host. Refuse.
        throw new DataFolderLockedError(dir, holder.pid, holder.host);
      } else if (Number.isFinite(holder.pid) && holder.pid === process.pid) {
        // Ours already: refuse. Otherwise it was left by an earlier process that had our pid, and is stale.
        if (heldLocks.has(lockPath)) throw new DataFolderLockedError(dir, holder.pid);
      } else if (Number.isFinite(holder.pid) && holder.pid > 0 && pidAlive(holder.pid) && !pidIsUnrelatedProcess(holder.pid)) {
        throw new DataFolderLockedError(dir, holder.pid);
      }
      // Stale: the process that held it is gone, or its pid now names this or an unrelated process.
      try {
        fs.unlinkSync(lockPath);
      } catch {
        /* someone else removed it first; try again */
      }
    }
  }
  throw new Error(`Could not lock the data folder ${dir}`);
}

/**
 * Embedded PostgreSQL. `template`: a data folder dumped by `dumpDataDir` (tests load one migrated
 * template per run instead of running initdb and every migration for each file).
 */
export async function openPglite(opts: { dataDir?: string; migrate?: boolean; template?: Blob } = {}): Promise<OpenedDatabase> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let release = () => {};
  let client: InstanceType<typeof PGlite>;
  if (opts.dataDir) {
    const dir = path.resolve(/* turbopackIgnore: true */ opts.dataDir);
    fs.mkdirSync(dir, { recursive: true });
    release = lockDataFolder(dir);
    try {
      client = new PGlite(dir);
      await client.waitReady;
    } catch (e) {
      release();
      throw e;
    }
  } else {
    client = opts.template ? new PGlite({ loadDataDir: opts.template }) : new PGlite();
    await client.waitReady;
  }
  for (const method of ["query", "exec"] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      countStatement(String(args[0]), args[1]);
      return original(...args);
    };
  }
  const db = drizzle(client, { schema }) as unknown as Database;
  if (opts.migrate !== false) {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
  }
  return {
    db,
    engine: "pglite",
    close: async () => {
      await client.close();
      release();
    },
    exec: async (sqlText) => {
      await client.exec(sqlText);
    },
    dump: async () => (await client.dumpDataDir("none")) as Blob,
  };
}

export async function openPostgres(url: string, opts: { migrate?: boolean; max?: number } = {}): Promise<OpenedDatabase> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const client = postgres(url, { max: opts.max ?? 10, onnotice: () => {}, debug: (_connection, query, parameters) => countStatement(query, parameters) });
  const db = drizzle(client, { schema }) as unknown as Database;
  if (opts.migrate !== false) {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // Several app servers may start at once: one migrates, the others wait for it.
    const reserved = await client.reserve();
    try {
      await reserved`select pg_advisory_lock(7412001)`;
      await migrate(db as never, { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await reserved`select pg_advisory_unlock(7412001)`;
      reserved.release();
    }
  }
  return {
    db,
    engine: "postgres",
    close: async () => {
      await client.end({ timeout: 5 });
    },
    exec: async (sqlText) => {
      await client.unsafe(sqlText);
    },
  };
}

export function dataDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.FULCRUM_DATA_DIR || path.join(/* turbopackIgnore: true */ process.cwd(), "data"));
}

/**
 * Opens the database the environment names: PostgreSQL when DATABASE_URL is set, else PGlite in the
 * data folder. With DATABASE_MIGRATION_URL too (the owner role), migrates as the owner, re-grants the
 * runtime role (DATABASE_URL's user) for any new table, and serves as the runtime role, which cannot
 * migrate (README, "Security and reliability").
 */
export async function openConfiguredDatabase(): Promise<OpenedDatabase> {
  const url = process.env.DATABASE_URL;
  const migrationUrl = process.env.DATABASE_MIGRATION_URL;
  if (url && migrationUrl) {
    await migrateAsOwner(migrationUrl, url);
    return openPostgres(url, { migrate: false });
  }
  if (url) return openPostgres(url);
  return openPglite({ dataDir: dataDir() });
}

async function migrateAsOwner(migrationUrl: string, runtimeUrl: string) {
  const { applyRuntimeGrants, urlUser } = await import("./roles");
  const owner = await openPostgres(migrationUrl, { max: 2 });
  try {
    const runtimeRole = urlUser(runtimeUrl);
    if (runtimeRole !== urlUser(migrationUrl)) {
      const { default: postgres } = await import("postgres");
      const client = postgres(migrationUrl, { max: 1, onnotice: () => {} });
      try {
        await applyRuntimeGrants(client, runtimeRole);
      } finally {
        await client.end({ timeout: 5 });
      }
    }
  } finally {
    await owner.close();
  }
}

// ---------------------------------------------------------------- the process-wide database

type Holder = { opened?: Promise<OpenedDatabase>; override?: Database };
const g = globalThis as unknown as { __fulcrumDb?: Holder };
const holder: Holder = (g.__fulcrumDb ??= {});

/** The process's database, opened (and migrated) once. */
export async function getDb(): Promise<Database> {
  if (holder.override) return holder.override;
  holder.opened ??= openConfiguredDatabase().catch((e) => {
    holder.opened = undefined;
    throw e;
  });
  return (await holder.opened).db;
}

export async function getOpenedDatabase(): Promise<OpenedDatabase> {
  await getDb();
  if (!holder.opened) throw new Error("database override in use");
  return holder.opened;
}

/** Tests and scripts point the app's lib at a database they opened. */
export function setDbForProcess(db: Database | undefined) {
  holder.override = db;
}

// ---------------------------------------------------------------- the read replica (DATABASE_READ_URL)

type ReadHolder = { opened?: Promise<OpenedDatabase | null>; override?: Database | null; warned?: boolean };
const rg = globalThis as unknown as { __fulcrumReadDb?: ReadHolder };
const readHolder: ReadHolder = (rg.__fulcrumReadDb ??= {});

/**
 * How long after a person's last write their reads stay on the primary (FULCRUM_READ_AFTER_WRITE_SECONDS,
 * default 10): longer than a healthy replica's lag, so the page shown after a write, and the register or
 * dashboard its author opens next, include it.
 */
export function readAfterWriteSeconds(): number {
  const n = Number(process.env.FULCRUM_READ_AFTER_WRITE_SECONDS);
  return Number.isFinite(n) && n >= 0 && n <= 3600 ? n : 10;
}

/** The replica's database, or null when there is none (no DATABASE_READ_URL, or PGlite). Opened once, never migrated. */
export async function getReplicaDb(): Promise<Database | null> {
  if (readHolder.override !== undefined) return readHolder.override;
  if (holder.override) return null;
  const url = process.env.DATABASE_READ_URL;
  if (!url) return null;
  if (!process.env.DATABASE_URL) {
    if (!readHolder.warned) console.log("Fulcrum: DATABASE_READ_URL is ignored: the embedded database (PGlite) has no replica.");
    readHolder.warned = true;
    return null;
  }
  readHolder.opened ??= openPostgres(url, { migrate: false }).catch((e) => {
    readHolder.opened = undefined;
    throw e;
  });
  return (await readHolder.opened)?.db ?? null;
}

/** Per actor object (one per request): whether they wrote lately, asked of the primary once. */
const recentWriters = new WeakMap<object, Promise<boolean>>();

/**
 * The database for a read that may lag a little: the replica when DATABASE_READ_URL is set, else the
 * primary. Read-after-write rule (README, "A read replica"): when `actor` wrote anything in the last
 * FULCRUM_READ_AFTER_WRITE_SECONDS (an audit event of theirs, on the primary: every write records one
 * in its transaction), their reads go to the primary, on every server. Used by the dashboards, the
 * register and the API's list and stats; sessions, access checks, the decision page and every write
 * stay on the primary (getDb).
 */
export async function getReadDb(actor?: { userId: string } | null): Promise<Database> {
  const replica = await getReplicaDb();
  if (!replica) return getDb();
  if (!actor) return replica;
  let wrote = recentWriters.get(actor);
  if (!wrote) {
    wrote = (async () => {
      const seconds = readAfterWriteSeconds();
      const rows = await executeRows<{ recent: boolean }>(
        await getDb(),
        sql`select exists (select 1 from audit_events where actor_id = ${actor.userId} and created_at > now() - make_interval(secs => ${seconds})) as recent`,
      );
      return !!rows[0]?.recent;
    })();
    recentWriters.set(actor, wrote);
  }
  return (await wrote) ? getDb() : replica;
}

/** Tests point the read paths at a replica they opened (null: no replica; undefined: from the environment). */
export function setReadDbForProcess(db: Database | null | undefined) {
  readHolder.override = db;
}
