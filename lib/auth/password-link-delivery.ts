import "server-only";
import { getDb } from "@/db/client";
import { enqueuePasswordLink } from "../notifications/events";
import { mailSettings } from "../notifications/settings";
import type { PasswordLink } from "./password-links";

/**
 * Hands a set-password link to the outbox (lib/notifications: sent at once, never digested, never
 * turned off). Answers whether it will be e-mailed: without a mail server (FULCRUM_SMTP_URL) the
 * message waits in the outbox marked "not sent", and the pages say to pass the link on by hand
 * (invite, admin reset) or to ask an administrator (forgot password). Never log `link.url`.
 */
export async function deliverPasswordLink(link: PasswordLink): Promise<boolean> {
  const db = await getDb();
  await db.transaction((tx) =>
    enqueuePasswordLink(tx, { toAddress: link.to.email, purpose: link.purpose === "forgot" ? "reset" : "set", url: link.url, expiresAt: link.expiresAt }),
  );
  return mailSettings().smtpUrl !== null;
}
