import "server-only";
// Scheduled messages, found by the sender loop on each run: reminders to board members who have not
// recorded a position on the current version, and review-due messages. Each is keyed (dedupe_key) by
// its number in the weekly series, so any number of servers scanning at once enqueue it once.
import { sql } from "drizzle-orm";
import { executeRows, type Database } from "@/db/client";
import { decisions, successCriteria } from "@/db/schema";
import { runAsOf } from "../clock";
import { reviewDueWhere } from "../review-due";
import { englandParts, firstReminderAt, firstReviewDueAt, seriesNumber, WEEK } from "./schedule";
import { enqueueNotification } from "./outbox";
import { chiefExecutivesAndChair, factsOf, loadDecisionFacts, nonResponders } from "./recipients";
import { mailSettings } from "./settings";

export async function enqueueReminders(db: Database, now: Date): Promise<number> {
  const days = mailSettings().reminderDays;
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const due = await executeRows<{ id: string }>(
    db,
    sql`select id from ${decisions} where status = 'awaiting_sign_off' and submitted_at is not null and submitted_at <= ${cutoff.toISOString()} order by submitted_at`,
  );
  let n = 0;
  for (const { id } of due) {
    n += await runAsOf(now, () =>
      db.transaction(async (tx) => {
        const d = await loadDecisionFacts(tx, id);
        if (!d || d.status !== "awaiting_sign_off" || !d.submittedAt) return 0;
        const first = firstReminderAt(d.submittedAt, days);
        const k = seriesNumber(first, now);
        if (k === 0) return 0;
        const respondBy = englandParts(new Date(first.getTime() + k * WEEK)).date;
        let made = 0;
        for (const userId of await nonResponders(tx, d)) {
          const key = `reminder:${d.id}:v${d.version}:${userId}:${k}`;
          if (await enqueueNotification(tx, { recipientUserId: userId, decisionId: d.id, facts: { kind: "reminder", decision: factsOf(d), respondBy, reminderNumber: k }, dedupeKey: key })) made++;
        }
        return made;
      }),
    );
  }
  return n;
}

export async function enqueueReviewsDue(db: Database, now: Date): Promise<number> {
  const due = await executeRows<{ decision_id: string; judged_by: string; n: number }>(
    db,
    sql`select c.decision_id, min(c.judged_by)::text as judged_by, count(*)::int as n
        from ${successCriteria} c join ${decisions} d on d.id = c.decision_id
        where ${reviewDueWhere({ criterion: "c", status: sql`d.status` }, { now })}
        group by c.decision_id`,
  );
  let made = 0;
  for (const r of due) {
    const k = seriesNumber(firstReviewDueAt(r.judged_by), now);
    if (k === 0) continue;
    made += await runAsOf(now, () =>
      db.transaction(async (tx) => {
        const d = await loadDecisionFacts(tx, r.decision_id);
        if (!d) return 0;
        let m = 0;
        for (const userId of await chiefExecutivesAndChair(tx, d.trustId, true)) {
          const key = `review_due:${d.id}:${userId}:${k}`;
          if (await enqueueNotification(tx, { recipientUserId: userId, decisionId: d.id, facts: { kind: "review_due", decision: factsOf(d), criteriaDue: Number(r.n), judgedBy: r.judged_by }, dedupeKey: key })) m++;
        }
        return m;
      }),
    );
  }
  return made;
}
