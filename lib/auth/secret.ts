import "server-only";
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { dataDir } from "@/db/client";

let cached: string | undefined;

/** The shortest AUTH_SECRET accepted (README, "Settings"): sessions are signed with it. */
export const AUTH_SECRET_MIN = 32;

/** Refuses a set AUTH_SECRET that is too short, with a message naming the setting. */
export function checkedAuthSecret(value: string): string {
  if (value.length < AUTH_SECRET_MIN) {
    throw new Error(
      `AUTH_SECRET must be at least ${AUTH_SECRET_MIN} characters (it is ${value.length}). ` +
        "Generate one with `openssl rand -base64 32`, or unset it to use the one kept in the data folder.",
    );
  }
  return value;
}

/**
 * AUTH_SECRET when set; otherwise one generated on first start and kept in the data folder, so
 * sessions survive restarts. Several app servers must share AUTH_SECRET (README, "Settings").
 */
export function authSecret(): string {
  if (process.env.AUTH_SECRET) return checkedAuthSecret(process.env.AUTH_SECRET);
  if (cached) return cached;
  const dir = dataDir();
  const file = path.join(/* turbopackIgnore: true */ dir, "auth-secret");
  fs.mkdirSync(dir, { recursive: true });
  try {
    cached = fs.readFileSync(file, "utf8").trim();
  } catch {
    const secret = randomBytes(32).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
      cached = secret;
    } catch {
      cached = fs.readFileSync(file, "utf8").trim(); // another process wrote it first
    }
  }
  return cached!;
}
