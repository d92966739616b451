import "server-only";
import { asc, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { auditEvents, auditHeads } from "@/db/schema";
import { auditKey, hmacHex } from "./audit-key";
import { canonicalJson } from "./canonical";

/**
 * A signed checkpoint of the audit chains (README, "Security and reliability"): every chain's head
 * (sequence number and hash), the event count and the time it was cut, signed with an HMAC under the
 * audit key. Kept outside the database, it lets `audit:verify --checkpoint FILE` prove that nothing
 * written before it was cut off or rewritten since.
 */
export type AuditCheckpoint = {
  format: "fulcrum-audit-checkpoint/1";
  cutAt: string;
  events: number;
  chains: { chain: string; seq: number; hash: string }[];
  signature: string;
};

type Unsigned = Omit<AuditCheckpoint, "signature">;

function sign(body: Unsigned, key: string): string {
  return hmacHex(key, canonicalJson(body));
}

/** Reads every head in one snapshot and signs them. */
export async function cutAuditCheckpoint(db: Database, now: Date = new Date()): Promise<AuditCheckpoint> {
  const chains = await db.transaction(
    (tx) => tx.select({ chain: auditHeads.chain, seq: auditHeads.seq, hash: auditHeads.hash }).from(auditHeads).where(sql`${auditHeads.seq} > 0`).orderBy(asc(auditHeads.chain)),
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  const body: Unsigned = { format: "fulcrum-audit-checkpoint/1", cutAt: now.toISOString(), events: chains.reduce((n, c) => n + c.seq, 0), chains };
  return { ...body, signature: sign(body, auditKey()) };
}

/** Parses a checkpoint file's text; throws a plain message when it is not one. */
export function parseAuditCheckpoint(text: string): AuditCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error("The checkpoint file is not JSON.");
  }
  const cp = value as AuditCheckpoint;
  if (!cp || cp.format !== "fulcrum-audit-checkpoint/1" || !Array.isArray(cp.chains) || typeof cp.signature !== "string") {
    throw new Error("The checkpoint file is not a Fulcrum audit checkpoint (format fulcrum-audit-checkpoint/1).");
  }
  return cp;
}

/**
 * Problems found checking the database against a checkpoint: its signature must verify under the
 * audit key, and every chain it names must still hold, at the checkpoint's sequence number, the event
 * with the checkpoint's hash (with the chain's links checked by verifyAuditChains, everything before
 * it is then unchanged), and its head must not be behind it (a cut-off tail).
 */
export async function checkAgainstCheckpoint(db: Database, cp: AuditCheckpoint): Promise<string[]> {
  const { signature, ...body } = cp;
  if (sign(body as Unsigned, auditKey()) !== signature) return ["the checkpoint's signature does not verify with this audit key: it was altered, or cut with another key"];
  const problems: string[] = [];
  const heads = new Map((await db.select().from(auditHeads)).map((h) => [h.chain, h]));
  for (const c of cp.chains) {
    const [event] = await db
      .select({ hash: auditEvents.hash })
      .from(auditEvents)
      .where(sql`${auditEvents.chain} = ${c.chain} and ${auditEvents.seq} = ${c.seq}`);
    const head = heads.get(c.chain);
    if (!event) problems.push(`chain ${c.chain}: event ${c.seq}, the checkpoint's head, is missing (the chain now ends at ${head?.seq ?? 0}): cut off`);
    else if (event.hash !== c.hash) problems.push(`chain ${c.chain}: event ${c.seq} no longer has the checkpoint's hash: rewritten`);
    else if (!head || head.seq < c.seq) problems.push(`chain ${c.chain}: the head (${head?.seq ?? 0}) is behind the checkpoint (${c.seq}): cut off`);
  }
  return problems;
}
