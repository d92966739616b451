import "server-only";
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { getDb, type Database, type DbOrTx } from "@/db/client";
import { recoveryCodes, totpFactors } from "@/db/schema";
import type { Actor } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { isDemoEmail, demoOpen } from "../demo/lock-down";
import { authSecret } from "./secret";

// A second factor for password accounts (issue 11, part 2): TOTP (RFC 6238: SHA-1, 6 digits, 30 s,
// one step either side), a QR code drawn on the server, ten single-use recovery codes.

const ISSUER = "Fulcrum";
const PERIOD = 30;
export const RECOVERY_CODE_COUNT = 10;

function key(): Buffer {
  const material = process.env.FULCRUM_ENCRYPTION_KEY || authSecret();
  return Buffer.from(hkdfSync("sha256", material, "fulcrum", "totp-secret-v1", 32));
}

/** AES-256-GCM: "v1.<iv>.<tag>.<ciphertext>", base64url. */
export function encryptSecret(plain: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv("aes-256-gcm", key(), iv);
  const ct = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return ["v1", iv.toString("base64url"), c.getAuthTag().toString("base64url"), ct.toString("base64url")].join(".");
}

export function decryptSecret(sealed: string): string {
  const [v, iv, tag, ct] = sealed.split(".");
  if (v !== "v1") throw new Error("unknown secret format");
  const d = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  d.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([d.update(Buffer.from(ct, "base64url")), d.final()]).toString("utf8");
}

const totpFor = (base32: string, label: string) =>
  new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(base32) });

/** The time step a code matched, or null. */
function matchStep(base32: string, code: string, now: number): number | null {
  const token = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  const delta = totpFor(base32, "x").validate({ token, timestamp: now, window: 1 });
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const normaliseRecovery = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

export type Enrolment = { secret: string; uri: string; qrSvg: string };

/**
 * Starts (or restarts) enrolment: a new secret, kept encrypted and unconfirmed until a code proves
 * the app has it. An enrolled person must remove the old one first (not built here: an
 * administrator's reset clears it).
 */
export async function beginTotpEnrolment(actor: Actor): Promise<Enrolment> {
  const db = await getDb();
  const [existing] = await db.select().from(totpFactors).where(eq(totpFactors.userId, actor.userId));
  if (existing?.confirmedAt) throw new AppError("conflict", "You already use an authenticator app");
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  await db
    .insert(totpFactors)
    .values({ userId: actor.userId, secretEnc: encryptSecret(secret) })
    .onConflictDoUpdate({ target: totpFactors.userId, set: { secretEnc: encryptSecret(secret), createdAt: new Date(), lastStep: null } });
  return enrolmentView(secret, actor.email);
}

async function enrolmentView(secret: string, email: string): Promise<Enrolment> {
  const uri = totpFor(secret, email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { secret, uri, qrSvg };
}

/** The enrolment in progress (for the page after a refused code), or null. */
export async function pendingTotpEnrolment(actor: Actor): Promise<Enrolment | null> {
  const db = await getDb();
  const [row] = await db.select().from(totpFactors).where(eq(totpFactors.userId, actor.userId));
  if (!row || row.confirmedAt) return null;
  return enrolmentView(decryptSecret(row.secretEnc), actor.email);
}

/** Confirms enrolment with one code; answers the ten recovery codes, shown once. */
export async function confirmTotpEnrolment(actor: Actor, input: { code: string }, now = Date.now()): Promise<string[]> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(totpFactors).where(eq(totpFactors.userId, actor.userId)).for("update");
    if (!row || row.confirmedAt) throw new AppError("conflict", "There is no enrolment in progress: start again");
    const step = matchStep(decryptSecret(row.secretEnc), input.code ?? "", now);
    if (step === null) throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { code: "Enter the 6-digit code your authenticator app shows now" } });
    await tx.update(totpFactors).set({ confirmedAt: new Date(now), lastStep: step }).where(eq(totpFactors.userId, actor.userId));
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, () => {
      const raw = randomBytes(8).toString("hex");
      return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
    });
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.userId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: actor.userId, codeHash: sha256(normaliseRecovery(c)) })));
    await recordAudit(tx, actor, { organisationId: null, action: "user.totp_enrolled", entityType: "user", entityId: actor.userId });
    return codes;
  });
}

export async function hasTotp(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: totpFactors.userId })
    .from(totpFactors)
    .where(and(eq(totpFactors.userId, userId), isNotNull(totpFactors.confirmedAt)));
  return !!row;
}

/**
 * Checks a sign-in's second factor: a current code (each used once: a replay within its 90 seconds
 * is refused) or an unused recovery code (then used up).
 */
export async function verifySecondFactor(db: Database, userId: string, code: string, now = Date.now()): Promise<"totp" | "recovery" | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(totpFactors).where(eq(totpFactors.userId, userId)).for("update");
    if (!row?.confirmedAt) return null;
    const step = matchStep(decryptSecret(row.secretEnc), code, now);
    if (step !== null) {
      if (row.lastStep !== null && step <= row.lastStep) return null;
      await tx.update(totpFactors).set({ lastStep: step }).where(eq(totpFactors.userId, userId));
      return "totp";
    }
    const normal = normaliseRecovery(code);
    if (normal.length !== 16) return null;
    const [used] = await tx
      .update(recoveryCodes)
      .set({ usedAt: new Date(now) })
      .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, sha256(normal)), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id });
    return used ? "recovery" : null;
  });
}

/** FULCRUM_REQUIRE_MFA (default 1): must this password account enrol before doing anything else? */
export async function mustEnrolTotp(db: Database, user: { id: string; email: string }): Promise<boolean> {
  if ((process.env.FULCRUM_REQUIRE_MFA ?? "1") === "0") return false;
  if (isDemoEmail(user.email) && (await demoOpen(db))) return false;
  return !(await hasTotp(db, user.id));
}


/** Whether the signed-in person uses an authenticator app. */
export async function myTotpEnrolled(actor: Actor): Promise<boolean> {
  return hasTotp(await getDb(), actor.userId);
}
