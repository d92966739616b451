import "server-only";
import { auditNow } from "./clock";
import { asc, eq, sql } from "drizzle-orm";
import { executeRows, type DbOrTx, type Database } from "@/db/client";
import { auditEvents, auditHeads } from "@/db/schema";
import type { Actor } from "./access";
import { canonicalJson, hashCanonical } from "./canonical";
import { auditKey, hmacHex } from "./audit-key";

export const GENESIS_HASH = "0".repeat(64);

export type AuditInput = {
  /** The organisation whose chain the event joins; null for platform events (users, tokens). */
  organisationId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

export function chainFor(organisationId: string | null): string {
  return organisationId ? `org:${organisationId}` : "platform";
}

type HashedFields = {
  chain: string;
  seq: number;
  organisationId: string | null;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  prevHash: string;
};

/**
 * The event's own hash: HMAC-SHA-256, keyed with the audit key (FULCRUM_AUDIT_KEY, kept outside the
 * database), of the canonical JSON of every stored field but id and hash. Without the key, rows
 * rewritten with database rights alone cannot be given hashes that verify.
 */
export function hashAuditEvent(e: HashedFields, key: string = auditKey()): string {
  return hmacHex(key, canonicalJson({ ...e, createdAt: new Date(e.createdAt).toISOString() }));
}

/** The unkeyed SHA-256 of events written before the chain was keyed (legacy rows, sealed by `audit.keyed`). */
export function plainAuditHash(e: HashedFields): string {
  return hashCanonical({ ...e, createdAt: new Date(e.createdAt).toISOString() });
}

/** The hashed fields of a stored event row. */
function storedFields(row: typeof auditEvents.$inferSelect): HashedFields {
  return {
    chain: row.chain,
    seq: row.seq,
    organisationId: row.organisationId,
    actorId: row.actorId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.createdAt,
    prevHash: row.prevHash,
  };
}

/** The action of the keyed event that seals a chain's unkeyed (legacy) prefix. */
export const KEYED_SEAL_ACTION = "audit.keyed";

/**
 * Appends an event to its organisation's chain. Call it inside the transaction of the write it
 * records: the head row's lock serialises appends to one chain, and a rollback takes both away.
 */
export async function recordAudit(tx: DbOrTx, actor: Actor | null, input: AuditInput) {
  const chain = chainFor(input.organisationId);
  const head = await lockChainHead(tx, chain);
  const event = nextAuditEvent(head, actor, input);
  await tx.insert(auditEvents).values(event);
  await advanceChainHead(tx, chain, event.seq, event.hash);
  return { chain, seq: event.seq, hash: event.hash };
}

/**
 * Creates the chain's head if it has none, and locks it until the transaction ends. Through a
 * SECURITY DEFINER function (migration 0002): the runtime role has no UPDATE on audit_heads.
 */
async function lockChainHead(tx: DbOrTx, chain: string): Promise<{ chain: string; seq: number; hash: string }> {
  const [head] = await executeRows<{ chain: string; seq: number; hash: string }>(tx, sql`select * from fulcrum_audit_head_lock(${chain})`);
  return { chain: head.chain, seq: Number(head.seq), hash: head.hash };
}

/** Moves the head onto the event just written; the function refuses any other move. */
async function advanceChainHead(tx: DbOrTx, chain: string, seq: number, hash: string) {
  await tx.execute(sql`select fulcrum_audit_head_advance(${chain}, ${seq}::integer, ${hash})`);
}

/** The row of the event that follows `head` on its chain, hashed. */
function nextAuditEvent(head: { chain: string; seq: number; hash: string }, actor: Actor | null, input: AuditInput) {
  const fields: HashedFields = {
    chain: head.chain,
    seq: head.seq + 1,
    organisationId: input.organisationId,
    actorId: actor?.userId ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: input.before ?? null,
    after: input.after ?? null,
    ip: actor?.ip ?? null,
    userAgent: actor?.userAgent ? actor.userAgent.slice(0, 500) : null,
    createdAt: auditNow().toISOString(),
    prevHash: head.hash,
  };
  const hash = hashAuditEvent(fields);
  // jsonb cannot hold undefined; normalise through JSON so what is hashed is what is stored.
  const before = fields.before === null ? null : JSON.parse(JSON.stringify(fields.before));
  const after = fields.after === null ? null : JSON.parse(JSON.stringify(fields.after));
  return { ...fields, before, after, hash };
}

/** Events per multi-row insert: 14 parameters each, well under PostgreSQL's 65,535. */
const APPEND_CHUNK = 1000;

/**
 * Appends many events in one transaction (the CSV import): each chain's head is locked once and
 * kept in memory, and the events go in with multi-row inserts when `flush` is called, in the order
 * they were appended. Events and hashes are exactly recordAudit's. Until `flush`, the heads in the
 * database are behind: nothing else in the transaction may append to these chains (recordAudit
 * would fork them), and the transaction must not commit without a `flush`.
 */
export class AuditAppender {
  private readonly heads = new Map<string, { chain: string; seq: number; hash: string }>();
  private pending: ReturnType<typeof nextAuditEvent>[] = [];
  /** Each head's sequence as last written to the database. */
  private readonly openedAt = new Map<string, number>();

  private constructor(private readonly tx: DbOrTx) {}

  /** Locks the chains of these organisations (null: the platform chain), in chain order, so two imports never wait on each other in a cycle. */
  static async open(tx: DbOrTx, organisationIds: (string | null)[]): Promise<AuditAppender> {
    const appender = new AuditAppender(tx);
    for (const chain of [...new Set(organisationIds.map(chainFor))].sort()) {
      const head = await lockChainHead(tx, chain);
      appender.heads.set(chain, head);
      appender.openedAt.set(chain, head.seq);
    }
    return appender;
  }

  append(actor: Actor | null, input: AuditInput) {
    const chain = chainFor(input.organisationId);
    const head = this.heads.get(chain);
    if (!head) throw new Error(`audit chain ${chain} was not opened for appending`);
    const event = nextAuditEvent(head, actor, input);
    this.heads.set(chain, { chain, seq: event.seq, hash: event.hash });
    this.pending.push(event);
    return { chain, seq: event.seq, hash: event.hash };
  }

  /** Writes the appended events and moves the heads on. */
  async flush() {
    for (let i = 0; i < this.pending.length; i += APPEND_CHUNK) {
      await this.tx.insert(auditEvents).values(this.pending.slice(i, i + APPEND_CHUNK));
    }
    this.pending = [];
    for (const head of this.heads.values()) {
      if (head.seq > this.openedAt.get(head.chain)!) await advanceChainHead(this.tx, head.chain, head.seq, head.hash);
      this.openedAt.set(head.chain, head.seq);
    }
  }
}

export type ChainReport = { chain: string; events: number; headHash: string; broken: null | { seq: number; problem: string } };
export type AuditReport = {
  intact: boolean;
  events: number;
  chains: ChainReport[];
  /** The first broken link found, if any. */
  firstBroken: null | { chain: string; seq: number; problem: string };
};

const BATCH = 2000;

/**
 * Walks every chain from its start and recomputes every hash. Heads and events are read in one
 * read-only REPEATABLE READ transaction: read apart, an append committed in between would show as a
 * head that disagrees with its events while the app is writing. (PGlite has one connection, so there
 * a transaction also keeps the app's writes out until the walk ends.) Given a transaction, the walk
 * runs in a savepoint of it and sees what it sees.
 */
export async function verifyAuditChains(db: Database): Promise<AuditReport> {
  return db.transaction((tx) => verifyInSnapshot(tx), { isolationLevel: "repeatable read", accessMode: "read only" });
}

async function verifyInSnapshot(db: DbOrTx): Promise<AuditReport> {
  const key = auditKey();
  const heads = await db.select().from(auditHeads).orderBy(asc(auditHeads.chain));
  const chainRows = await db
    .select({ chain: auditEvents.chain })
    .from(auditEvents)
    .groupBy(auditEvents.chain)
    .orderBy(asc(auditEvents.chain));
  const chains = [...new Set([...heads.map((h) => h.chain), ...chainRows.map((c) => c.chain)])].sort();
  const reports: ChainReport[] = [];
  let total = 0;
  for (const chain of chains) {
    const report = await verifyChain(db, chain, heads.find((h) => h.chain === chain), key);
    total += report.events;
    reports.push(report);
  }
  const firstBad = reports.find((r) => r.broken);
  return {
    intact: !firstBad,
    events: total,
    chains: reports,
    firstBroken: firstBad?.broken ? { chain: firstBad.chain, ...firstBad.broken } : null,
  };
}

async function verifyChain(db: DbOrTx, chain: string, head: { seq: number; hash: string } | undefined, key: string): Promise<ChainReport> {
  let keyed = false;
  let legacy = 0;
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let events = 0;
  let broken: ChainReport["broken"] = null;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.chain} = ${chain} and ${auditEvents.seq} >= ${expectedSeq}`)
      .orderBy(asc(auditEvents.seq))
      .limit(BATCH);
    for (const row of rows) {
      events++;
      if (broken) continue;
      if (row.seq !== expectedSeq) {
        broken = { seq: expectedSeq, problem: `event ${expectedSeq} is missing (next present is ${row.seq}): deleted` };
        continue;
      }
      if (row.prevHash !== prevHash) {
        broken = { seq: row.seq, problem: `previous-hash link does not match event ${row.seq - 1}` };
      } else {
        const fields = storedFields(row);
        const recomputed = hashAuditEvent(fields, key);
        if (recomputed === row.hash) {
          keyed = true;
        } else if (!keyed && plainAuditHash(fields) === row.hash) {
          // An event written before the chain was keyed: allowed only before the keyed seal.
          legacy++;
        } else {
          broken = { seq: row.seq, problem: `content does not match its hash (keyed; stored ${row.hash.slice(0, 12)}…, recomputed ${recomputed.slice(0, 12)}…): changed, or written with another audit key` };
        }
      }
      prevHash = row.hash;
      expectedSeq = row.seq + 1;
    }
    if (rows.length < BATCH) break;
  }
  if (!broken && head && head.seq !== expectedSeq - 1) {
    broken = head.seq > expectedSeq - 1
      ? { seq: expectedSeq, problem: `events ${expectedSeq} to ${head.seq} are missing: deleted` }
      : { seq: head.seq, problem: `chain head records ${head.seq} events but ${expectedSeq - 1} exist` };
  } else if (!broken && head && head.hash !== prevHash) {
    broken = { seq: head.seq, problem: "chain head hash does not match the last event" };
  }
  if (!broken && legacy > 0 && !keyed) {
    broken = { seq: legacy, problem: "the chain holds only unkeyed events and no keyed seal: start the app once to seal it, or its rows were rewritten" };
  }
  return { chain, events, headHash: prevHash, broken };
}

/**
 * Seals the unkeyed (plain SHA-256) events of chains written before the audit key existed: appends
 * one keyed `audit.keyed` event to each chain whose last event is not keyed. Its previous-hash link
 * is the last legacy hash, so rewriting any legacy row breaks a link the key protects. Run at start.
 */
export async function sealLegacyChains(db: Database): Promise<number> {
  auditKey(); // fail before writing when the key is missing or short
  const heads = await db.select().from(auditHeads).where(sql`${auditHeads.seq} > 0`);
  let sealed = 0;
  for (const head of heads) {
    const [last] = await db.select().from(auditEvents).where(sql`${auditEvents.chain} = ${head.chain} and ${auditEvents.seq} = ${head.seq}`);
    if (!last || last.hash !== plainAuditHash(storedFields(last))) continue;
    const organisationId = head.chain.startsWith("org:") ? head.chain.slice(4) : null;
    await db.transaction((tx) =>
      recordAudit(tx, null, { organisationId, action: KEYED_SEAL_ACTION, entityType: "audit_chain", entityId: head.chain, after: { legacyEvents: head.seq, legacyHeadHash: head.hash } }),
    );
    sealed++;
  }
  return sealed;
}
