import "server-only";
import fs from "node:fs";
import path from "node:path";
import { createHmac, randomBytes } from "node:crypto";
import { dataDir } from "@/db/client";

/** The smallest FULCRUM_AUDIT_KEY accepted: 32 characters. */
export const AUDIT_KEY_MIN = 32;

let cached: { source: string; key: string } | undefined;

/** Where the generated key lives by default: beside the data folder, never inside it or the database. */
export function defaultAuditKeyFile(): string {
  const dir = dataDir();
  return path.join(/* turbopackIgnore: true */ path.dirname(dir), `${path.basename(dir)}-audit-key`);
}

/**
 * The key of the audit chain's HMAC (README, "Security and reliability"): FULCRUM_AUDIT_KEY when set,
 * else FULCRUM_AUDIT_KEY_FILE's content, else a key generated on first use into the data folder's
 * sibling file `<data folder>-audit-key`. Kept outside the database, so a person with database rights
 * alone cannot recompute the chain.
 */
export function auditKey(): string {
  const fromEnv = process.env.FULCRUM_AUDIT_KEY;
  if (fromEnv) {
    if (fromEnv.length < AUDIT_KEY_MIN) throw new Error(`FULCRUM_AUDIT_KEY must be at least ${AUDIT_KEY_MIN} characters (it is ${fromEnv.length}).`);
    return fromEnv;
  }
  const file = process.env.FULCRUM_AUDIT_KEY_FILE || defaultAuditKeyFile();
  if (cached?.source === file) return cached.key;
  let key: string;
  try {
    key = fs.readFileSync(file, "utf8").trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    if (process.env.FULCRUM_AUDIT_KEY_FILE) throw new Error(`FULCRUM_AUDIT_KEY_FILE names ${file}, which does not exist.`);
    const generated = randomBytes(32).toString("base64url");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, `${generated}\n`, { mode: 0o600, flag: "wx" });
      key = generated;
    } catch {
      key = fs.readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
  if (key.length < AUDIT_KEY_MIN) throw new Error(`The audit key in ${file} must be at least ${AUDIT_KEY_MIN} characters.`);
  cached = { source: file, key };
  return key;
}

export function hmacHex(key: string, text: string): string {
  return createHmac("sha256", key).update(text, "utf8").digest("hex");
}
