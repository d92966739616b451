import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Database } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { verifyAuditChains } from "@/lib/audit";
import { formatAuditReport } from "@/lib/audit-report";
import { addComment, createDecision, listDecisionTimeline, submitDecision, updateDecision } from "@/lib/decisions";
import { makeTrustWithBoard } from "../support/factories";
import { decisionInput } from "../support/decisions";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

class Rollback extends Error {}

/**
 * Tampers as a superuser (trigger disabled) inside a transaction that is always rolled back: the
 * ALTER TABLE lock keeps other test files (PostgreSQL is shared) from ever seeing the damage.
 */
async function whileTampered(tamper: string, check: (db: Database) => Promise<void>) {
  await t.db
    .transaction(async (tx) => {
      await tx.execute(sql.raw("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete"));
      await tx.execute(sql.raw(tamper));
      await check(tx as unknown as Database);
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
}

async function decisionWithHistory() {
  const a = await makeTrustWithBoard(t.db);
  const d = await createDecision(a.ce, decisionInput());
  const e = await updateDecision(a.ce, { ...decisionInput({ title: "Edited" }), id: d.id, baseRevision: d.revision });
  await submitDecision(a.ce, { id: d.id, baseRevision: e.revision });
  await addComment(a.chair, { decisionId: d.id, body: "Agreed in principle" });
  return { a, d, chain: `org:${a.trust.id}` };
}

describe("the audit chain of decisions", () => {
  it("records every write of a decision in its trust's chain, which verifies intact", async () => {
    const { a, d, chain } = await decisionWithHistory();
    const timeline = await listDecisionTimeline(a.chair, d.id);
    expect(timeline.map((e) => [e.seq, e.action])).toEqual([
      [1, "decision.create"],
      [2, "decision.edit"],
      [3, "decision.submit"],
      [4, "comment.add"],
    ]);
    expect(timeline[1].prevHash).toBe(timeline[0].hash);
    const report = await verifyAuditChains(t.db);
    expect(report.chains.find((c) => c.chain === chain)).toMatchObject({ events: 4, broken: null });
  });

  it("reports a row changed by direct SQL at its sequence number", async () => {
    const { chain } = await decisionWithHistory();
    await whileTampered(`UPDATE audit_events SET after = '{"title":"Rewritten"}' WHERE chain = '${chain}' AND seq = 2`, async (db) => {
      const report = await verifyAuditChains(db);
      expect(report.intact).toBe(false);
      expect(report.firstBroken).toMatchObject({ chain, seq: 2 });
      expect(report.firstBroken?.problem).toMatch(/does not match its hash/);
      const { ok, lines } = formatAuditReport(report);
      expect(ok).toBe(false);
      expect(lines[0]).toMatch(new RegExp(`BROKEN at chain ${chain}, sequence number 2`));
    });
    expect((await verifyAuditChains(t.db)).chains.find((c) => c.chain === chain)?.broken).toBeNull();
  });

  it("reports a row deleted by direct SQL at its sequence number", async () => {
    const { chain } = await decisionWithHistory();
    await whileTampered(`DELETE FROM audit_events WHERE chain = '${chain}' AND seq = 3`, async (db) => {
      const report = await verifyAuditChains(db);
      expect(report.firstBroken).toMatchObject({ chain, seq: 3 });
      expect(report.firstBroken?.problem).toMatch(/missing/);
    });
  });

  it("reports the last row deleted by direct SQL", async () => {
    const { chain } = await decisionWithHistory();
    await whileTampered(`DELETE FROM audit_events WHERE chain = '${chain}' AND seq = 4`, async (db) => {
      const report = await verifyAuditChains(db);
      expect(report.firstBroken).toMatchObject({ chain, seq: 4 });
    });
  });

  it("refuses ordinary UPDATE and DELETE of a decision's events", async () => {
    const { d } = await decisionWithHistory();
    await expect(t.db.update(auditEvents).set({ action: "decision.nothing" }).where(sql`${auditEvents.entityId} = ${d.id}`)).rejects.toThrow();
    await expect(t.db.delete(auditEvents).where(sql`${auditEvents.entityId} = ${d.id}`)).rejects.toThrow();
  });

  it("prints intact with the event count and a head hash", async () => {
    await decisionWithHistory();
    const report = await verifyAuditChains(t.db);
    // Other test files may be writing to a shared PostgreSQL: only check the shape of the line.
    const { lines } = formatAuditReport(report);
    if (report.intact) expect(lines[0]).toMatch(/^intact, [\d,]+ events?, head hash [0-9a-f]{64}$/);
  });
});
