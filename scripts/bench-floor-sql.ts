// The raw GROUP BY over `decisions` that gives the national balance panel's figures (its floor in
// `npm run bench` and `npm run bench:kept`): every counted decision, grouped by the panel's sets.
import { sql } from "drizzle-orm";

export const RAW_NATIONAL_BALANCE = sql`select grouping(t.trust_type, d.category, q, t.ics_id) as g, t.trust_type, d.category, q, t.ics_id,
    count(*) filter (where d.favoured = 'system') as system, count(*) filter (where d.favoured = 'trust') as trust, count(*) as total,
    count(distinct d.trust_id) as trusts
  from (select *, to_char(decided_on - interval '3 months', 'YYYY-"Q"Q') as q from decisions
        where status in ('awaiting_sign_off', 'signed_off', 'declined', 'reviewed') and version > 0) d
  join organisations t on t.id = d.trust_id
  group by grouping sets ((), (t.trust_type), (d.category), (q), (t.ics_id))`;
