import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/db/client";
import { apiTokens, users } from "@/db/schema";
import type { Actor } from "./access";
import { loadActor } from "./actors";
import { recordAudit } from "./audit";
import { AppError } from "./errors";
import { parseInput, text } from "./validation";

export const TOKEN_PREFIX = "ful_";
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 365;
/** `last_used_at` is written at most this often per token, so reads stay cheap. */
const LAST_USED_RESOLUTION_MS = 60_000;

export type TokenScope = "read" | "write";

export type TokenSummary = {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** "active" | "expired" | "revoked", at the time of listing. */
  state: "active" | "expired" | "revoked";
};

export const CreateTokenSchema = z.object({
  name: text("a name for the token", 100, { required: true }),
  scope: z.enum(["read", "write"], { error: "Choose what the token may do" }),
  days: z.coerce
    .number({ error: "Enter the number of days the token lasts" })
    .int({ message: "Enter a whole number of days" })
    .min(1, { message: "The token must last at least 1 day" })
    .max(MAX_TOKEN_DAYS, { message: `The token can last at most ${MAX_TOKEN_DAYS} days` })
    .default(DEFAULT_TOKEN_DAYS),
});
export type CreateTokenInput = z.input<typeof CreateTokenSchema>;

/** SHA-256 (hex) of the token as presented: all that is stored. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

function mintToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

function summarise(row: typeof apiTokens.$inferSelect, now = new Date()): TokenSummary {
  const state = row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    state,
  };
}

/**
 * Creates a token for the actor themself. The token is returned once, here, and only its hash is
 * kept. A token acts with its owner's memberships as they are at each request.
 */
export async function createApiToken(actor: Actor, input: CreateTokenInput): Promise<{ token: string; summary: TokenSummary }> {
  const data = parseInput(CreateTokenSchema, input);
  // A token may not mint tokens: a leaked one could otherwise outlive its own revocation.
  if (actor.tokenScope) throw new AppError("forbidden", "Tokens are created by signing in, not with another token");
  const token = mintToken();
  const db = await getDb();
  const expiresAt = new Date(Date.now() + data.days * 86_400_000);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(apiTokens)
      .values({
        userId: actor.userId,
        name: data.name,
        tokenHash: hashToken(token),
        prefix: token.slice(0, TOKEN_PREFIX.length + 6),
        scope: data.scope,
        expiresAt,
      })
      .returning();
    await recordAudit(tx, actor, {
      organisationId: null,
      action: "token.create",
      entityType: "api_token",
      entityId: created.id,
      after: { name: created.name, prefix: created.prefix, scope: created.scope, expiresAt: created.expiresAt.toISOString(), userId: actor.userId },
    });
    return created;
  });
  return { token, summary: summarise(row) };
}

/** The actor's own tokens, newest first. */
export async function listApiTokens(actor: Actor): Promise<TokenSummary[]> {
  const db = await getDb();
  const rows = await db.select().from(apiTokens).where(eq(apiTokens.userId, actor.userId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  const now = new Date();
  return rows.map((r) => summarise(r, now));
}

/** Revokes one of the actor's own tokens. Someone else's token is "not found". Revoking twice is a no-op. */
export async function revokeApiToken(actor: Actor, input: { id: string }): Promise<TokenSummary> {
  const id = parseInput(z.object({ id: z.string().uuid({ message: "Token not found" }) }), input).id;
  if (actor.tokenScope === "read") throw new AppError("forbidden", "This token is read-only");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(apiTokens)
      .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, actor.userId)))
      .for("update");
    if (!row) throw new AppError("not_found", "Token not found");
    if (row.revokedAt) return summarise(row);
    const [updated] = await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id)).returning();
    await recordAudit(tx, actor, {
      organisationId: null,
      action: "token.revoke",
      entityType: "api_token",
      entityId: id,
      before: { revokedAt: null },
      after: { name: row.name, prefix: row.prefix, revokedAt: updated.revokedAt!.toISOString() },
    });
    return summarise(updated);
  });
}

const UNAUTHENTICATED = "Send a valid API token: Authorization: Bearer <token>";

/**
 * The actor behind an `Authorization: Bearer` header, with `tokenScope` set. Missing, malformed,
 * unknown, revoked and expired tokens, and tokens of disabled users, are all the same 401.
 */
export async function authenticateBearer(
  db: DbOrTx,
  authorization: string | null | undefined,
  opts: { ip?: string | null; userAgent?: string | null } = {},
): Promise<Actor & { tokenId: string }> {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!m || !m[1].startsWith(TOKEN_PREFIX) || m[1].length > 200) throw new AppError("unauthenticated", UNAUTHENTICATED);
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, scope: apiTokens.scope, expiresAt: apiTokens.expiresAt, revokedAt: apiTokens.revokedAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashToken(m[1])))
    .limit(1);
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now()) throw new AppError("unauthenticated", UNAUTHENTICATED);
  const actor = await loadActor(db, row.userId, { ip: opts.ip ?? null, userAgent: opts.userAgent ?? null });
  if (!actor) throw new AppError("unauthenticated", UNAUTHENTICATED);
  // One cheap conditional write a minute at most, and no statement at all in between (the row just
  // read says whether a minute has passed); not audited (it is not a change anyone made).
  if (row.lastUsedAt && row.lastUsedAt.getTime() > Date.now() - LAST_USED_RESOLUTION_MS) return { ...actor, tokenScope: row.scope, tokenId: row.id };
  await db
    .update(apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(apiTokens.id, row.id),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, new Date(Date.now() - LAST_USED_RESOLUTION_MS))),
      ),
    );
  return { ...actor, tokenScope: row.scope, tokenId: row.id };
}

/**
 * For the command line (`npm run token:create`): a token for the user with this e-mail address. The
 * person running the script holds the database, so this is platform-level; the audit event names
 * the token's owner as the actor, since no one signed in.
 */
export async function unsafeCreateTokenForEmail(
  db: DbOrTx,
  input: { email: string; scope: TokenScope; name?: string; days?: number },
): Promise<{ token: string; summary: TokenSummary }> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email.trim().toLowerCase())).limit(1);
  if (!user) throw new AppError("not_found", `No user with the e-mail address ${input.email}`);
  const actor = await loadActor(db, user.id, { userAgent: "token:create (command line)" });
  if (!actor) throw new AppError("not_found", `The user ${input.email} is disabled`);
  return createApiToken(actor, { name: input.name ?? `Command line ${new Date().toISOString().slice(0, 10)}`, scope: input.scope, days: input.days ?? DEFAULT_TOKEN_DAYS });
}
