import "server-only";
// The sender loop, one per server process. Each run: enqueue scheduled messages (reminders, review
// due), claim the due rows with FOR UPDATE SKIP LOCKED (so any number of servers share the work and
// no row is taken twice), send them through nodemailer, and mark them sent, or retry later with
// backoff (1, 5, 30 minutes, then hourly) until 24 hours have passed, then failed.
import nodemailer, { type Transporter } from "nodemailer";
import { inArray, sql } from "drizzle-orm";
import { executeRows, getDb, type Database } from "@/db/client";
import { outbox } from "@/db/schema";
import { digestContent, renderText, type MessageContent } from "./content";
import { renderHtml } from "./email";
import { enqueueReminders, enqueueReviewsDue } from "./scans";
import { RETRY_WINDOW, retryDelay } from "./schedule";
import { mailSettings } from "./settings";

export const NO_MAIL_SERVER = "not sent: no mail server configured";

export type MailSenderOptions = {
  db?: Database;
  /** A nodemailer transport; default from FULCRUM_SMTP_URL; null: nothing is sent (rows marked not sent). */
  transport?: Transporter | null;
  from?: string;
  /** The loop's clock (tests drive it). */
  now?: () => Date;
  intervalMs?: number;
  batchSize?: number;
  /** How long a claim lasts before another sender may take the row again (a crashed sender). */
  claimMs?: number;
  /** Whether each run also enqueues reminders and review-due messages. */
  scan?: boolean;
};

type Claimed = {
  id: string;
  to_address: string;
  subject: string;
  body_text: string;
  content: MessageContent;
  delivery: "immediate" | "daily" | "weekly";
  attempts: number;
  first_attempt_at: string | Date;
};

export type RunResult = { claimed: number; sent: number; retrying: number; failed: number; notSent: number; scheduled: number };

export function messageIdFor(rowId: string): string {
  const host = new URL(mailSettings().baseUrl).hostname || "fulcrum.local";
  return `<${rowId}@${host}>`;
}

export function createMailSender(opts: MailSenderOptions = {}) {
  const settings = mailSettings();
  const transport = opts.transport !== undefined ? opts.transport : settings.smtpUrl ? nodemailer.createTransport(settings.smtpUrl) : null;
  const from = opts.from ?? settings.from;
  const now = opts.now ?? (() => new Date());
  const batchSize = opts.batchSize ?? 50;
  const claimMs = opts.claimMs ?? 10 * 60_000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<RunResult> | null = null;
  let lastScan: number | null = null;

  async function claim(db: Database, at: Date): Promise<Claimed[]> {
    const until = new Date(at.getTime() + claimMs).toISOString();
    const t = at.toISOString();
    return executeRows<Claimed>(
      db,
      sql`update ${outbox} set state = 'sending', claimed_until = ${until}, attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, ${t})
          where id in (
            select id from ${outbox}
            where (state = 'pending' and due_at <= ${t}) or (state = 'sending' and claimed_until < ${t})
            order by due_at, id limit ${batchSize}
            for update skip locked)
          returning id, to_address, subject, body_text, content, delivery, attempts, first_attempt_at`,
    );
  }

  async function send(group: Claimed[]) {
    const first = group[0];
    const content = group.length === 1 && first.delivery === "immediate" ? first.content : digestContent(group.map((g) => g.content), first.delivery === "weekly" ? "weekly" : "daily");
    const text = group.length === 1 && first.delivery === "immediate" ? first.body_text : renderText(content);
    const unsub = group.length === 1 ? first.content.unsubscribeUrl : undefined;
    const oneClick = unsub?.replace("/unsubscribe?", "/unsubscribe/one-click?");
    const messageId = messageIdFor(first.id);
    await transport!.sendMail({
      from,
      to: first.to_address,
      subject: content.subject,
      text,
      html: await renderHtml(content),
      messageId,
      headers: oneClick ? { "List-Unsubscribe": `<${oneClick}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" } : {},
    });
    return messageId;
  }

  async function runOnceInner(): Promise<RunResult> {
    const db = opts.db ?? (await getDb());
    const at = now();
    const result: RunResult = { claimed: 0, sent: 0, retrying: 0, failed: 0, notSent: 0, scheduled: 0 };
    // Scheduled messages change by the day: a scan a minute is plenty, whatever the send interval.
    if (opts.scan !== false && (lastScan === null || at.getTime() - lastScan >= 60_000 || at.getTime() < lastScan)) {
      lastScan = at.getTime();
      try {
        result.scheduled = (await enqueueReminders(db, at)) + (await enqueueReviewsDue(db, at));
      } catch (e) {
        console.error("Fulcrum: scheduling reminders failed", e);
      }
    }
    if (!transport) {
      const rows = await executeRows<{ id: string }>(
        db,
        sql`update ${outbox} set state = 'not_sent', last_error = ${NO_MAIL_SERVER} where state = 'pending' and due_at <= ${at.toISOString()} returning id`,
      );
      result.notSent = rows.length;
      return result;
    }
    const claimed = await claim(db, at);
    result.claimed = claimed.length;
    // One message per immediate row; digests: one per recipient and kind of digest.
    const groups = new Map<string, Claimed[]>();
    for (const r of claimed) {
      const key = r.delivery === "immediate" ? r.id : `${r.delivery}:${r.to_address}`;
      groups.set(key, [...(groups.get(key) ?? []), r]);
    }
    // Sent side by side (a pooled transport reuses its connections); each group's outcome is its own.
    await Promise.all([...groups.values()].map(async (group) => {
      const ids = group.map((g) => g.id);
      try {
        const messageId = await send(group);
        await db.update(outbox).set({ state: "sent", sentAt: at, messageId, claimedUntil: null, lastError: null }).where(inArray(outbox.id, ids));
        result.sent += group.length;
      } catch (e) {
        const error = e instanceof Error ? e.message.slice(0, 500) : String(e);
        for (const g of group) {
          const next = new Date(at.getTime() + retryDelay(g.attempts));
          const giveUp = next.getTime() - new Date(g.first_attempt_at).getTime() > RETRY_WINDOW;
          await db
            .update(outbox)
            .set(giveUp ? { state: "failed", lastError: error, claimedUntil: null } : { state: "pending", dueAt: next, lastError: error, claimedUntil: null })
            .where(inArray(outbox.id, [g.id]));
          if (giveUp) result.failed++;
          else result.retrying++;
        }
      }
    }));
    return result;
  }

  /** One run of the loop (tests call this directly with their own clock). Runs never overlap. */
  async function runOnce(): Promise<RunResult> {
    while (running) await running.catch(() => undefined);
    running = runOnceInner();
    try {
      return await running;
    } finally {
      running = null;
    }
  }

  return {
    runOnce,
    start() {
      if (timer) return;
      const tick = () => void runOnce().catch((e) => console.error("Fulcrum: the mail sender failed", e));
      tick();
      timer = setInterval(tick, opts.intervalMs ?? settings.intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
      transport?.close();
    },
  };
}

let started: ReturnType<typeof createMailSender> | null = null;

/**
 * Starts this process's sender loop (lib/start-up.ts), unless FULCRUM_MAIL_SENDER=off: with several
 * servers, some may leave the scans and sending to the others (the benchmark's servers do too).
 */
export function startMailSender() {
  if (started) return started;
  const s = mailSettings();
  if (!s.senderOn) {
    console.log("Fulcrum: this server sends no e-mail and scans for none (FULCRUM_MAIL_SENDER=off); another server must.");
    return null;
  }
  started = createMailSender();
  started.start();
  console.log(s.smtpUrl ? `Fulcrum: sending e-mail through ${new URL(s.smtpUrl).host}.` : `Fulcrum: no mail server configured (FULCRUM_SMTP_URL); messages stay in the outbox, shown on the admin Mail page.`);
  return started;
}
