import "server-only";
// "A review is due", the one rule behind the inbox, the decision page's outcomes panel, the register's
// "review due" filter and the dashboards' sign-off panel: a current success criterion of a signed-off
// decision whose judged-by date is before today (in England, by lib/clock.ts) and that has no
// assessment yet.
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { criterionOutcomes } from "@/db/schema";
import { todayInEngland } from "./clock";

/**
 * The rule as a SQL condition (true or false, never null). `criterion` names the success_criteria row
 * in the query (a table name or alias), `status` is the SQL for its decision's status.
 */
export function reviewDueWhere(on: { criterion: string; status: SQLWrapper }, opts: { now?: Date } = {}): SQL {
  const c = sql.identifier(on.criterion);
  return sql`(${on.status} = 'signed_off' and ${c}.removed_at is null
    and ${c}.judged_by is not null and ${c}.judged_by < ${todayInEngland(opts.now)}
    and not exists (select 1 from ${criterionOutcomes} o where o.criterion_id = ${c}.id))`;
}
