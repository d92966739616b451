import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openPglite, type Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { hashAuditEvent, plainAuditHash, recordAudit, sealLegacyChains, verifyAuditChains } from "@/lib/audit";
import { checkAgainstCheckpoint, cutAuditCheckpoint } from "@/lib/audit-checkpoint";
import { makeTrustWithBoard } from "../support/factories";
import { engineName, useTestDatabase } from "../support/db";

const t = useTestDatabase();
const root = path.resolve(__dirname, "../..");

class Rollback extends Error {}

/** Tampers as the owner/superuser inside a transaction that is always rolled back. */
async function whileTampered(tamper: (db: Database) => Promise<void>, check: (db: Database) => Promise<void>) {
  await t.db
    .transaction(async (tx) => {
      await tx.execute(sql.raw("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete"));
      await tamper(tx as unknown as Database);
      await check(tx as unknown as Database);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
}

async function chainWithEvents(n: number) {
  const { trust, ce } = await makeTrustWithBoard(t.db);
  for (let i = 0; i < n; i++) {
    await t.db.transaction((tx) => recordAudit(tx, ce, { organisationId: trust.id, action: "test.write", entityType: "test", entityId: String(i), after: { i } }));
  }
  return `org:${trust.id}`;
}

type Row = typeof auditEvents.$inferSelect;
const fieldsOf = (r: Row) => ({
  chain: r.chain, seq: r.seq, organisationId: r.organisationId, actorId: r.actorId, action: r.action, entityType: r.entityType,
  entityId: r.entityId, before: r.before, after: r.after, ip: r.ip, userAgent: r.userAgent, createdAt: r.createdAt, prevHash: r.prevHash,
});

/** Rewrites event `from` of the chain and recomputes every later link and hash with `hash`, then moves the head: what a person with database rights can do. */
async function rewriteFrom(db: Database, chain: string, from: number, hash: (f: ReturnType<typeof fieldsOf>) => string) {
  const rows = await db.select().from(auditEvents).where(sql`${auditEvents.chain} = ${chain}`).orderBy(asc(auditEvents.seq));
  let prev = rows[from - 2]?.hash ?? "0".repeat(64);
  for (const row of rows.slice(from - 1)) {
    const f = { ...fieldsOf(row), prevHash: prev, after: row.seq === from ? { i: "rewritten" } : row.after };
    const h = hash(f);
    await db.execute(sql`update audit_events set after = ${JSON.stringify(f.after)}::jsonb, prev_hash = ${prev}, hash = ${h} where chain = ${chain} and seq = ${row.seq}`);
    prev = h;
  }
  await db.execute(sql`update audit_heads set hash = ${prev} where chain = ${chain}`);
}

describe("the keyed audit chain (issue 15, finding 2)", () => {
  it("refuses a rewrite whose hashes were recomputed without the key, and would accept one made with it", async () => {
    const chain = await chainWithEvents(4);
    await whileTampered(
      (db) => rewriteFrom(db, chain, 2, plainAuditHash),
      async (db) => {
        const report = await verifyAuditChains(db);
        expect(report.chains.find((c) => c.chain === chain)?.broken).toMatchObject({ seq: 2, problem: expect.stringMatching(/does not match its hash \(keyed/) });
      },
    );
    // The same rewrite with the key verifies: the key, kept outside the database, is what protects the chain.
    await whileTampered(
      (db) => rewriteFrom(db, chain, 2, (f) => hashAuditEvent(f)),
      async (db) => expect((await verifyAuditChains(db)).chains.find((c) => c.chain === chain)?.broken).toBeNull(),
    );
    // A different key does not verify the untouched chain either.
    const other = await chainWithEvents(1);
    await whileTampered(
      (db) => rewriteFrom(db, other, 1, (f) => hashAuditEvent(f, "another-key-another-key-another-key-0")),
      async (db) => expect((await verifyAuditChains(db)).chains.find((c) => c.chain === other)?.broken?.seq).toBe(1),
    );
  });

  it("seals a chain written before the key: its unkeyed rows verify only under the keyed seal", async () => {
    const chain = await chainWithEvents(3);
    await whileTampered(
      async (db) => {
        // Turn the chain into one written before keying (plain SHA-256 throughout).
        await rewriteFrom(db, chain, 1, plainAuditHash);
        const unsealed = (await verifyAuditChains(db)).chains.find((c) => c.chain === chain);
        expect(unsealed?.broken?.problem).toMatch(/no keyed seal/);
        expect(await sealLegacyChains(db)).toBeGreaterThanOrEqual(1);
        const [seal] = await db.select().from(auditEvents).where(sql`${auditEvents.chain} = ${chain} and ${auditEvents.seq} = 4`);
        expect(seal.action).toBe("audit.keyed");
        expect((await verifyAuditChains(db)).chains.find((c) => c.chain === chain)).toMatchObject({ events: 4, broken: null });
        expect(await sealLegacyChains(db)).toBe(0); // already sealed
        // Rewriting a legacy row, even with its plain hash recomputed, breaks the seal's link.
        await rewriteFrom(db, chain, 2, plainAuditHash);
      },
      async (db) => expect((await verifyAuditChains(db)).chains.find((c) => c.chain === chain)?.broken?.seq).toBeLessThanOrEqual(4),
    );
  });

  it("finds a tail cut off after a checkpoint, which the chain alone cannot show", async () => {
    const chain = await chainWithEvents(5);
    const cp = await cutAuditCheckpoint(t.db);
    expect(cp.chains.find((c) => c.chain === chain)?.seq).toBe(5);
    expect(await checkAgainstCheckpoint(t.db, cp)).toEqual([]);
    await whileTampered(
      async (db) => {
        await db.execute(sql`delete from audit_events where chain = ${chain} and seq > 3`);
        const [third] = await db.select().from(auditEvents).where(sql`${auditEvents.chain} = ${chain} and ${auditEvents.seq} = 3`);
        await db.execute(sql`update audit_heads set seq = 3, hash = ${third.hash} where chain = ${chain}`);
      },
      async (db) => {
        expect((await verifyAuditChains(db)).chains.find((c) => c.chain === chain)?.broken).toBeNull();
        expect(await checkAgainstCheckpoint(db, cp)).toEqual([expect.stringMatching(new RegExp(`chain ${chain}: event 5.*missing.*cut off`))]);
      },
    );
    // A forged checkpoint (edited head) does not verify.
    const forged = { ...cp, chains: cp.chains.map((c) => (c.chain === chain ? { ...c, seq: 3 } : c)) };
    expect(await checkAgainstCheckpoint(t.db, forged)).toEqual([expect.stringMatching(/signature does not verify/)]);
  });

  if (engineName() === "pglite") it("npm run audit:checkpoint and audit:verify --checkpoint FILE on a data folder", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-checkpoint-"));
    const run = (script: string, args: string[] = []) =>
      spawnSync("npm", ["run", "--silent", script, "--", ...args], { cwd: root, encoding: "utf8", timeout: 120_000, env: { ...process.env, DATABASE_URL: undefined, FULCRUM_DATA_DIR: dir } });
    try {
      let chain: string;
      {
        const opened = await openPglite({ dataDir: dir });
        const { trust, ce } = await makeTrustWithBoard(opened.db);
        chain = `org:${trust.id}`;
        for (let i = 0; i < 3; i++) await opened.db.transaction((tx) => recordAudit(tx, ce, { organisationId: trust.id, action: "test.write", entityType: "test" }));
        await opened.close();
      }
      const cut = run("audit:checkpoint");
      expect(cut.status, cut.stderr).toBe(0);
      const file = path.join(dir, "..", `${path.basename(dir)}.checkpoint.json`);
      fs.writeFileSync(file, cut.stdout);
      const ok = run("audit:verify", ["--checkpoint", file]);
      expect(ok.status, ok.stdout + ok.stderr).toBe(0);
      expect(ok.stdout).toMatch(/checkpoint of .* holds/);
      {
        const opened = await openPglite({ dataDir: dir });
        await opened.exec(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete;
          DELETE FROM audit_events WHERE chain = '${chain}' AND seq = 3;
          UPDATE audit_heads SET seq = 2, hash = (SELECT hash FROM audit_events WHERE chain = '${chain}' AND seq = 2) WHERE chain = '${chain}';`);
        await opened.close();
      }
      const bad = run("audit:verify", ["--checkpoint", file]);
      expect(bad.status).toBe(1);
      expect(bad.stdout).toMatch(/^intact/);
      expect(bad.stdout).toMatch(/FAILS:\n.*event 3.*cut off/);
      fs.rmSync(file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000); // three tool runs, each starting Node and PGlite: slow on a busy machine
});
