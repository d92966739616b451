// The generator (`scripts/generate-decisions.ts`), run as the bench and demo:national run it, into a
// fresh database of its own: the kept aggregates equal a recount after a load whose batches keep them
// (the default) and after a --bulk load (batches defer them; the last transaction recounts), and the
// audit chain holds every batch. Also: a transaction that sets fulcrum.aggregates = 'deferred' marks
// nothing, and aggregates:rebuild mends what it left.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRows, openPglite, openPostgres, type OpenedDatabase } from "@/db/client";
import { verifyAuditChains } from "@/lib/audit";
import { checkWordPairs } from "@/lib/dashboards/word-pairs-store";
import { checkAggregates, rebuildAggregates } from "@/lib/dashboards/aggregates";
import { admin, engineName } from "../support/db";

const root = path.resolve(__dirname, "../..");
const onPostgres = engineName() === "postgres";

let dir: string | null = null;
let url: string | null = null;

beforeAll(async () => {
  if (onPostgres) {
    const u = new URL(process.env.TEST_DATABASE_URL!);
    const name = `${u.pathname.slice(1)}_gen`;
    await admin(`drop database if exists "${name}" with (force)`);
    await admin(`create database "${name}"`);
    u.pathname = `/${name}`;
    url = u.toString();
  } else {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-generate-"));
  }
});

afterAll(async () => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  if (url) await admin(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`);
});

function generate(...args: string[]) {
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/generate-decisions.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 180_000,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...(url ? { DATABASE_URL: url } : { DATABASE_URL: "", FULCRUM_DATA_DIR: dir! }) },
  });
  if (r.status !== 0) throw new Error(`generate-decisions.ts ${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

async function withDb<T>(fn: (opened: OpenedDatabase) => Promise<T>): Promise<T> {
  const opened = url ? await openPostgres(url, { max: 2 }) : await openPglite({ dataDir: dir! });
  try {
    return await fn(opened);
  } finally {
    await opened.close();
  }
}

const decisionsCounted = async (o: OpenedDatabase) =>
  (await executeRows<{ n: number }>(o.db, sql`select count(*)::int as n from aggregate_decisions`))[0].n;

describe("scripts/generate-decisions.ts", () => {
  it("keeps the aggregates exact batch by batch, and after a --bulk load's recount; every batch is in the audit chain", async () => {
    const first = generate("--count", "1500", "--seed", "3");
    expect(first).toMatch(/Done: 1,500 decisions/);
    const kept = await withDb(async (o) => {
      expect(await checkAggregates(o.db)).toEqual([]);
      return decisionsCounted(o);
    });
    expect(kept).toBeGreaterThan(1000); // drafts are not counted

    const bulk = generate("--count", "1200", "--seed", "4", "--bulk");
    expect(bulk).toMatch(/Recounted the dashboard aggregates/);
    await withDb(async (o) => {
      expect(await checkAggregates(o.db)).toEqual([]);
      expect(await decisionsCounted(o)).toBeGreaterThan(kept + 800);
      const [counts] = await executeRows<{ decisions: number; batches: number; rebuilds: number; dirty: number }>(
        o.db,
        sql`select (select count(*) from decisions)::int as decisions,
          (select count(*) from audit_events where action = 'generate.decisions')::int as batches,
          (select count(*) from audit_events where action = 'aggregates.rebuild')::int as rebuilds,
          (select count(*) from aggregate_dirty)::int as dirty`,
      );
      // 1,500 in two batches, then 1,200 in two; the demo's own decisions are not the generator's.
      expect(counts).toMatchObject({ batches: 4, rebuilds: 1, dirty: 0 });
      // Word pairs are extracted in each batch's transaction, --bulk or not: none left queued, all exact.
      const [pairs] = await executeRows<{ queued: number; kept: number }>(
        o.db,
        sql`select (select count(*) from decision_word_pairs_pending)::int as queued, (select count(distinct decision_id) from decision_word_pairs)::int as kept`,
      );
      expect(pairs.queued).toBe(0);
      expect(pairs.kept).toBeGreaterThan(kept + 800);
      expect(await checkWordPairs(o.db)).toEqual([]);
      expect(counts.decisions).toBeGreaterThanOrEqual(2700);
      expect((await verifyAuditChains(o.db)).intact).toBe(true);
    });
  }, 400_000);

  it("a transaction with fulcrum.aggregates = 'deferred' marks no decision; the rebuild counts it", async () => {
    await withDb(async (o) => {
      const [d] = await executeRows<{ id: string; category: string }>(
        o.db,
        sql`select id, category::text as category from decisions where status = 'signed_off' and category <> 'finance' limit 1`,
      );
      await o.db.transaction(async (tx) => {
        await tx.execute(sql`set local fulcrum.aggregates = 'deferred'`);
        await tx.execute(sql`update decisions set category = 'finance' where id = ${d.id}`);
      });
      const diff = await checkAggregates(o.db);
      expect(diff.length).toBeGreaterThan(0);
      expect(diff.some((x) => x.table === "aggregate_decisions")).toBe(true);

      // The setting lasts only for its transaction: the next write is counted again.
      await o.db.transaction(async (tx) => {
        await tx.execute(sql`update decisions set category = ${d.category}::category where id = ${d.id}`);
      });
      expect(await checkAggregates(o.db)).toEqual([]);

      await o.db.transaction(async (tx) => {
        await tx.execute(sql`set local fulcrum.aggregates = 'deferred'`);
        await tx.execute(sql`update decisions set category = 'finance' where id = ${d.id}`);
      });
      expect((await checkAggregates(o.db)).length).toBeGreaterThan(0);
      await o.db.transaction((tx) => rebuildAggregates(tx));
      expect(await checkAggregates(o.db)).toEqual([]);
    });
  }, 120_000);
});
