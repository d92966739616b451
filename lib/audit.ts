import "server-only";
import { auditNow } from "./clock";
import { asc, eq, sql } from "drizzle-orm";
import type { DbOrTx, Database } from "@/db/client";
import { auditEvents, auditHeads } from "@/db/schema";
import type { Actor } from "./access";
import { hashCanonical } from "./canonical";

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

/** The event's own hash: SHA-256 of the canonical JSON of every stored field but id and hash. */
export function hashAuditEvent(e: HashedFields): string {
  return hashCanonical({ ...e, createdAt: new Date(e.createdAt).toISOString() });
}

/**
 * Appends an event to its organisation's chain. Call it inside the transaction of the write it
 * records: the head row's lock serialises appends to one chain, and a rollback takes both away.
 */
export async function recordAudit(tx: DbOrTx, actor: Actor | null, input: AuditInput) {
  const chain = chainFor(input.organisationId);
  const head = await lockChainHead(tx, chain);
  const event = nextAuditEvent(head, actor, input);
  await tx.insert(auditEvents).values(event);
  await tx.update(auditHeads).set({ seq: event.seq, hash: event.hash }).where(eq(auditHeads.chain, chain));
  return { chain, seq: event.seq, hash: event.hash };
}

/** Creates the chain's head if it has none, and locks it until the transaction ends. */
async function lockChainHead(tx: DbOrTx, chain: string) {
  await tx.insert(auditHeads).values({ chain, seq: 0, hash: GENESIS_HASH }).onConflictDoNothing();
  const [head] = await tx.select().from(auditHeads).where(eq(auditHeads.chain, chain)).for("update");
  return head;
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

  private constructor(private readonly tx: DbOrTx) {}

  /** Locks the chains of these organisations (null: the platform chain), in chain order, so two imports never wait on each other in a cycle. */
  static async open(tx: DbOrTx, organisationIds: (string | null)[]): Promise<AuditAppender> {
    const appender = new AuditAppender(tx);
    for (const chain of [...new Set(organisationIds.map(chainFor))].sort()) appender.heads.set(chain, await lockChainHead(tx, chain));
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
      await this.tx.update(auditHeads).set({ seq: head.seq, hash: head.hash }).where(eq(auditHeads.chain, head.chain));
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
    const report = await verifyChain(db, chain, heads.find((h) => h.chain === chain));
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

async function verifyChain(db: DbOrTx, chain: string, head: { seq: number; hash: string } | undefined): Promise<ChainReport> {
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
        const recomputed = hashAuditEvent({
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
        });
        if (recomputed !== row.hash) {
          broken = { seq: row.seq, problem: `content does not match its hash (stored ${row.hash.slice(0, 12)}…, recomputed ${recomputed.slice(0, 12)}…): changed` };
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
  return { chain, events, headHash: prevHash, broken };
}
