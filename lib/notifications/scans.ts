import "server-only";
// Scheduled messages, found by the sender loop on each run: reminders to board members who have not
// recorded a position on the current version, and review-due messages. Each is keyed (dedupe_key) by
// its number in the weekly series, so any number of servers scanning at once enqueue it once. A scan
// first works out every key it would enqueue and looks them up in one statement, so a decision whose
// messages are all queued already costs nothing (the scan runs each minute on every server).
import { sql } from "drizzle-orm";
import { executeRows, type Database } from "@/db/client";
import { decisions, memberships, outbox, positions, successCriteria, users } from "@/db/schema";
import { ROLE } from "../access";
import { runAsOf } from "../clock";
import { reviewDueWhere } from "../review-due";
import { englandParts, firstReminderAt, firstReviewDueAt, seriesNumber, WEEK } from "./schedule";
import { enqueueNotification } from "./outbox";
import { chiefExecutivesAndChair, factsOf, loadDecisionFacts, nonResponders } from "./recipients";
import { mailSettings } from "./settings";

/**
 * The dedupe keys already in the outbox among `keys`: one indexed lookup, so a scan visits (one
 * transaction each) only the decisions that still have a message to enqueue. At national scale tens of
 * thousands of reviews are due at once; without this, every scan (each minute, on every server)
 * re-ran a transaction and several statements for each of them only to find its messages there.
 */
async function existingKeys(db: Database, keys: string[]): Promise<Set<string>> {
  const have = new Set<string>();
  // In slices, each one JSON parameter (a statement takes at most 65,535 parameters).
  for (let i = 0; i < keys.length; i += 10_000) {
    const slice = JSON.stringify(keys.slice(i, i + 10_000));
    const rows = await executeRows<{ dedupe_key: string }>(
      db,
      sql`select dedupe_key from ${outbox} where dedupe_key in (select jsonb_array_elements_text(${slice}::jsonb))`,
    );
    for (const r of rows) have.add(r.dedupe_key);
  }
  return have;
}

const reminderKey = (decisionId: string, version: number, userId: string, k: number) => `reminder:${decisionId}:v${version}:${userId}:${k}`;
const reviewDueKey = (decisionId: string, userId: string, k: number) => `review_due:${decisionId}:${userId}:${k}`;

export async function enqueueReminders(db: Database, now: Date): Promise<number> {
  const days = mailSettings().reminderDays;
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  // Each decision awaiting sign-off past the cutoff with its non-responders (as nonResponders() counts
  // them), in one statement; then the keys this week would give them, looked up at once.
  const due = await executeRows<{ id: string; version: number; submitted_at: Date | string; user_ids: string[] }>(
    db,
    sql`select d.id, d.version, d.submitted_at,
          coalesce(array_agg(m.user_id order by m.user_id) filter (where m.user_id is not null), '{}') as user_ids
        from ${decisions} d
        left join ${memberships} m on m.organisation_id = d.trust_id and m.role = ${ROLE.boardMember} and m.user_id <> d.author_id
          and exists (select 1 from ${users} u where u.id = m.user_id and u.disabled_at is null)
          and not exists (select 1 from ${positions} p where p.decision_id = d.id and p.decision_version = d.version and p.member_id = m.user_id)
        where d.status = 'awaiting_sign_off' and d.submitted_at is not null and d.submitted_at <= ${cutoff.toISOString()}
        group by d.id
        order by d.submitted_at`,
  );
  const wanted = due.map((d) => {
    const k = seriesNumber(firstReminderAt(new Date(d.submitted_at), days), now);
    return { id: d.id, keys: k === 0 ? [] : d.user_ids.map((u) => reminderKey(d.id, d.version, u, k)) };
  });
  const have = await existingKeys(db, wanted.flatMap((w) => w.keys));
  let n = 0;
  for (const { id, keys } of wanted) {
    if (keys.every((k) => have.has(k))) continue;
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
          const key = reminderKey(d.id, d.version, userId, k);
          if (await enqueueNotification(tx, { recipientUserId: userId, decisionId: d.id, facts: { kind: "reminder", decision: factsOf(d), respondBy, reminderNumber: k }, dedupeKey: key })) made++;
        }
        return made;
      }),
    );
  }
  return n;
}

export async function enqueueReviewsDue(db: Database, now: Date): Promise<number> {
  const due = await executeRows<{ decision_id: string; trust_id: string; judged_by: string; n: number }>(
    db,
    sql`select c.decision_id, min(d.trust_id::text) as trust_id, min(c.judged_by)::text as judged_by, count(*)::int as n
        from ${successCriteria} c join ${decisions} d on d.id = c.decision_id
        where ${reviewDueWhere({ criterion: "c", status: sql`d.status` }, { now })}
        group by c.decision_id`,
  );
  // Each trust's recipients once per scan, then the keys this week would give them, looked up at once.
  // (chiefExecutivesAndChair(tx, trustId, true) for every trust at once.)
  const recipients = new Map<string, string[]>();
  const trusts = JSON.stringify([...new Set(due.map((r) => r.trust_id))]);
  for (const r of await executeRows<{ trust_id: string; user_id: string }>(
    db,
    sql`select distinct m.organisation_id as trust_id, m.user_id from ${memberships} m join ${users} u on u.id = m.user_id
        where m.organisation_id in (select jsonb_array_elements_text(${trusts}::jsonb)::uuid) and u.disabled_at is null
          and (m.role = ${ROLE.chiefExecutive} or (m.role = ${ROLE.boardMember} and m.seat = 'chair'))`,
  )) recipients.set(r.trust_id, [...(recipients.get(r.trust_id) ?? []), r.user_id]);
  const wanted = due.map((r) => {
    const k = seriesNumber(firstReviewDueAt(r.judged_by), now);
    return { r, k, keys: k === 0 ? [] : (recipients.get(r.trust_id) ?? []).map((u) => reviewDueKey(r.decision_id, u, k)) };
  });
  const have = await existingKeys(db, wanted.flatMap((w) => w.keys));
  let made = 0;
  for (const { r, k, keys } of wanted) {
    if (k === 0 || keys.every((key) => have.has(key))) continue;
    made += await runAsOf(now, () =>
      db.transaction(async (tx) => {
        const d = await loadDecisionFacts(tx, r.decision_id);
        if (!d) return 0;
        let m = 0;
        for (const userId of await chiefExecutivesAndChair(tx, d.trustId, true)) {
          const key = reviewDueKey(d.id, userId, k);
          if (await enqueueNotification(tx, { recipientUserId: userId, decisionId: d.id, facts: { kind: "review_due", decision: factsOf(d), criteriaDue: Number(r.n), judgedBy: r.judged_by }, dedupeKey: key })) m++;
        }
        return m;
      }),
    );
  }
  return made;
}
