import "server-only";
import { inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { organisations } from "@/db/schema";
import { assertCan, type Actor } from "../access";
import { verifyAuditChains, type AuditReport } from "../audit";

export type AuditCheck = AuditReport & { chainNames: Record<string, string>; checkedAt: Date; tookMs: number };

/** Walks every audit chain and recomputes every hash (admin only); names each chain's organisation. */
export async function checkAuditChains(actor: Actor): Promise<AuditCheck> {
  assertCan(actor, "admin");
  const db = await getDb();
  const started = Date.now();
  const report = await verifyAuditChains(db);
  const ids = report.chains.map((c) => c.chain).filter((c) => c.startsWith("org:")).map((c) => c.slice(4));
  const names: Record<string, string> = { platform: "Platform (users and sign-in)" };
  if (ids.length) {
    const rows = await db.select({ id: organisations.id, name: organisations.name, ods: organisations.ods }).from(organisations).where(inArray(organisations.id, ids));
    for (const r of rows) names[`org:${r.id}`] = `${r.name} (${r.ods})`;
  }
  return { ...report, chainNames: names, checkedAt: new Date(), tookMs: Date.now() - started };
}
