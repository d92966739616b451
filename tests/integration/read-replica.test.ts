// DATABASE_READ_URL against a real streaming replica (issue 16 item 5): the test starts its own
// primary (initdb, wal_level=replica, replication allowed from 127.0.0.1) and a replica of it
// (pg_basebackup -R, pg_ctl start on the next port), migrates through the primary, writes through
// lib, and shows that dashboard and register reads come from the replica (replay paused: the reader
// does not see the new decision, its author does, from the primary; replay resumed: everyone does),
// and that writes never go to the replica. Runs once per `vitest run`: in the PostgreSQL project when
// there is one, else in the PGlite one (the clusters are its own either way). Skips, saying why, only
// where PostgreSQL's binaries (initdb, pg_ctl, pg_basebackup) or root are absent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { executeRows, getReadDb, getReplicaDb, openPostgres, setDbForProcess, setReadDbForProcess, type Database, type OpenedDatabase } from "@/db/client";
import * as schema from "@/db/schema";
import type { Actor } from "@/lib/access";
import { getBalancePanel } from "@/lib/dashboards";
import { createDecision, submitDecision } from "@/lib/decisions/write";
import { listRegister } from "@/lib/decisions/register";
import { listDecisionsPage } from "@/lib/decisions/list-page";
import { clusterUnavailable, psql, startCluster, startReplica, stopAll, type Cluster } from "../../scripts/pg-cluster.mjs";
import { makeTrustWithBoard } from "../support/factories";
import { decisionInput } from "../support/decisions";

const onceHere = (process.env.TEST_DATABASE_URL ? "postgres" : "pglite") === (process.env.FULCRUM_TEST_ENGINE ?? "pglite");
const unavailable = clusterUnavailable(["initdb", "pg_ctl", "pg_basebackup", "psql"]);
if (onceHere && unavailable) console.warn(`read replica test skipped: ${unavailable}`);
const PORT = Number(process.env.REPLICA_TEST_PORT || 4540);

/** A fresh actor object: lib memoises "wrote lately?" per actor object, which the app makes once per request. */
const request = (a: Actor): Actor => ({ ...a });

describe.skipIf(!onceHere || !!unavailable)("DATABASE_READ_URL with a real streaming replica", () => {
  let primary: Cluster;
  let replica: Cluster;
  let primaryDb: OpenedDatabase;
  let replicaClient: ReturnType<typeof postgres>;
  let replicaDb: Database;
  /** Every statement the replica's client sent. */
  const onReplica: string[] = [];
  let board: Awaited<ReturnType<typeof makeTrustWithBoard>>;

  const caughtUp = async (lsn: string) => {
    for (let i = 0; i < 200; i++) {
      const [r] = await replicaClient`select pg_last_wal_replay_lsn() >= ${lsn}::pg_lsn as done`;
      if (r.done) return;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error("the replica did not catch up within 10 s");
  };
  const primaryLsn = async () => (await executeRows<{ lsn: string }>(primaryDb.db, sql`select pg_current_wal_lsn()::text as lsn`))[0].lsn;

  beforeAll(async () => {
    process.once("exit", stopAll);
    primary = startCluster(PORT, { replication: true });
    psql(primary.url(), "CREATE DATABASE fulcrum");
    primaryDb = await openPostgres(primary.url("fulcrum"), { max: 4 }); // migrates, through the primary
    replica = startReplica(primary, PORT + 1);
    replicaClient = postgres(replica.url("fulcrum"), { max: 2, onnotice: () => {}, debug: (_c, q) => onReplica.push(q) });
    replicaDb = drizzle(replicaClient, { schema }) as unknown as Database;
    setDbForProcess(primaryDb.db);
    setReadDbForProcess(replicaDb);
    board = await makeTrustWithBoard(primaryDb.db);
    await caughtUp(await primaryLsn());
  }, 120_000);

  afterAll(async () => {
    setReadDbForProcess(undefined);
    setDbForProcess(undefined);
    await replicaClient?.end({ timeout: 5 });
    await primaryDb?.close();
    stopAll();
  });

  it("is a real streaming replica: in recovery, read-only, fed by the primary", async () => {
    const [r] = await replicaClient`select pg_is_in_recovery() as recovering, current_setting('transaction_read_only') as ro`;
    expect(r).toEqual({ recovering: true, ro: "on" });
    await expect(replicaClient`create table never_here (x int)`).rejects.toThrow(/read-only/);
    expect(psql(primary.url(), "select count(*) from pg_stat_replication where state = 'streaming'")).toBe("1");
  });

  it("dashboards, register and API list read the replica; the author's reads just after a write, and every write, go to the primary", async () => {
    const { trust, ce, chair } = board;
    const view = { kind: "trust" as const, ods: trust.ods };
    const first = await createDecision(ce, decisionInput({ title: "Seen by all before the pause" }));
    await submitDecision(ce, { id: first.id, baseRevision: first.revision });
    await caughtUp(await primaryLsn());
    expect((await getBalancePanel(request(chair), view, {})).total).toMatchObject({ total: 1 });

    // Replay paused: the replica stops applying the primary's WAL.
    await replicaClient`select pg_wal_replay_pause()`;
    onReplica.length = 0;
    // A write with the replica paused and read-only succeeds: it went to the primary.
    const second = await createDecision(ce, decisionInput({ title: "Written while replay is paused" }));
    await submitDecision(ce, { id: second.id, baseRevision: second.revision });
    expect(onReplica.filter((q) => /^\s*(insert|update|delete)\b/i.test(q))).toEqual([]);
    expect(await primaryDb.db.query.decisions.findFirst({ where: (d, { eq }) => eq(d.id, second.id) })).toMatchObject({ status: "awaiting_sign_off" });

    // The Chair (no recent write) reads the replica: the dashboard and the register lack the new decision.
    const chairDashboard = await getBalancePanel(request(chair), view, {});
    expect(chairDashboard.total).toMatchObject({ total: 1 });
    const chairRegister = await listRegister(request(chair), {});
    expect(chairRegister.rows.map((r) => r.title)).toEqual(["Seen by all before the pause"]);
    const chairApi = await listDecisionsPage(request(chair), {});
    expect(chairApi.data.map((d) => d.title)).toEqual(["Seen by all before the pause"]);
    expect(onReplica.filter((q) => /^\s*select\b/i.test(q) && /"?decisions"?/.test(q)).length).toBeGreaterThan(0);
    expect(await getReadDb(request(chair))).toBe(replicaDb);

    // Its author wrote seconds ago: read-after-write sends their reads to the primary, which has it.
    expect(await getReadDb(request(ce))).toBe(primaryDb.db);
    expect((await getBalancePanel(request(ce), view, {})).total).toMatchObject({ total: 2 });
    expect((await listRegister(request(ce), {})).rows.map((r) => r.title).sort()).toEqual(["Seen by all before the pause", "Written while replay is paused"]);

    // Replay resumed: the replica catches up and the Chair's dashboard shows it.
    await replicaClient`select pg_wal_replay_resume()`;
    await caughtUp(await primaryLsn());
    expect((await getBalancePanel(request(chair), view, {})).total).toMatchObject({ total: 2 });
    expect((await listRegister(request(chair), {})).total).toBe(2);
  });

  it("without a replica configured, reads use the primary; on PGlite the setting is ignored with a log line", async () => {
    setReadDbForProcess(null);
    expect(await getReadDb(request(board.chair))).toBe(primaryDb.db);
    setReadDbForProcess(undefined);
    setDbForProcess(undefined);
    const saved = { read: process.env.DATABASE_READ_URL, url: process.env.DATABASE_URL };
    const logs: string[] = [];
    const log = console.log;
    console.log = (...a: unknown[]) => void logs.push(a.join(" "));
    try {
      process.env.DATABASE_READ_URL = replica.url("fulcrum");
      delete process.env.DATABASE_URL;
      expect(await getReplicaDb()).toBeNull();
      expect(logs.join("\n")).toMatch(/DATABASE_READ_URL is ignored: the embedded database \(PGlite\) has no replica/);
    } finally {
      console.log = log;
      if (saved.read === undefined) delete process.env.DATABASE_READ_URL;
      else process.env.DATABASE_READ_URL = saved.read;
      if (saved.url !== undefined) process.env.DATABASE_URL = saved.url;
      setDbForProcess(primaryDb.db);
      setReadDbForProcess(replicaDb);
    }
  });
});
