import { SMTP_CATCHER_HTTP_PORT } from "../../playwright.config";

export type CaughtMessage = { to: string[]; subject: string; messageId: string; headers: Record<string, string>; text: string };

/** What the SMTP catcher (scripts/smtp-catcher.mjs, started by playwright.config.ts) has received. */
export async function caughtMessages(): Promise<CaughtMessage[]> {
  const res = await fetch(`http://127.0.0.1:${SMTP_CATCHER_HTTP_PORT}/messages`);
  return (await res.json()) as CaughtMessage[];
}
