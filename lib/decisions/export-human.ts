import "server-only";
import { ratificationWords } from "../chairs-action-words";
// The register export's second, human sheet (issue 10 item 16): the same decisions as the import-
// compatible columns, in words: labels instead of codes, dates as "26 November 2026", £ as "£250k",
// the rationale, the impacts, and each success criterion with its latest outcome. Details are read
// only for the decisions the access-checked export query returned.
import { inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { decisions } from "@/db/schema";
import type { Actor } from "../access";
import type { RegisterExportRow } from "../export/register";
import { CATEGORY_LABELS, FACTOR_LABELS, FAVOURED_LABELS, OUTCOME_LABELS, type CategoryId, type FactorId, type OutcomeId } from "./taxonomy";
import { formatDate, formatImpactK } from "../format";
import { STATUS_LABELS } from "../lifecycle";
import type { DecisionStatus } from "../lifecycle";
import { listRegisterExportRows } from "./export-rows";
import type { ListFilters } from "./list-page";

export type HumanExportRow = {
  trust: string;
  title: string;
  status: string;
  favoured: string;
  category: string;
  decided: string;
  summary: string;
  rationale: string;
  impactOnTrust: string;
  impactOnSystem: string;
  factors: string;
  criteria: string;
  positions: string;
  signedOff: string;
  dissent: string;
  version: number;
};

type Detail = { id: string; rationale: string; trustK: number | null; trustText: string; systemK: number | null; systemText: string; criteria: string | null };

const impact = (k: number | null, text: string, who: "trust" | "system") => [k === null ? "" : formatImpactK(k, who), text].filter(Boolean).join(". ");

// "decisions"."id" spelled out: drizzle leaves columns unqualified in a one-table select, and a bare
// "id" inside the subquery would be the criterion's.
/** One line per criterion: "1. statement (measure: from baseline to target by date): outcome". */
const CRITERIA = sql<string | null>`(
  select string_agg(
    (row_number) || '. ' || statement
      || case when target <> '' then ' – target ' || target else '' end
      || case when judged_by is not null then ' by ' || judged_by::text else '' end
      || ': ' || coalesce(outcome, 'not yet assessed'),
    E'\n' order by row_number)
  from (
    select c.statement, c.target, c.judged_by,
      (select o.outcome::text from criterion_outcomes o where o.criterion_id = c.id order by o.created_at desc, o.id desc limit 1) as outcome,
      row_number() over (order by c.ordinal, c.id) as row_number
    from success_criteria c where c.decision_id = "decisions"."id" and c.removed_at is null
  ) x
)`;

/** Criteria lines with dates in words and outcomes as labels. */
function criteriaInWords(lines: string | null): string {
  if (!lines) return "None recorded";
  return lines
    .split("\n")
    .map((l) => l.replace(/ by (\d{4}-\d{2}-\d{2}):/, (_, d: string) => ` by ${formatDate(d)}:`).replace(/: (met|partly_met|not_met|unknown)$/, (_, o: OutcomeId) => `: ${OUTCOME_LABELS[o]}`))
    .join("\n");
}

export async function listRegisterHumanRows(actor: Actor, filters: ListFilters): Promise<HumanExportRow[]> {
  const rows = await listRegisterExportRows(actor, filters);
  return humanRows(rows);
}

/** The human rows for export rows already read with the actor's access (listRegisterExportRows). */
export async function humanRows(rows: RegisterExportRow[]): Promise<HumanExportRow[]> {
  const db = await getDb();
  const details = new Map<string, Detail>();
  for (let i = 0; i < rows.length; i += 1000) {
    const ids = rows.slice(i, i + 1000).map((r) => r.id);
    const got = await db
      .select({
        id: decisions.id,
        rationale: decisions.rationale,
        trustK: decisions.impactTrustK,
        trustText: decisions.impactTrustText,
        systemK: decisions.impactSystemK,
        systemText: decisions.impactSystemText,
        criteria: CRITERIA,
      })
      .from(decisions)
      .where(inArray(decisions.id, ids));
    for (const d of got) details.set(d.id, d);
  }
  return rows.map((r) => {
    const d = details.get(r.id);
    return {
      trust: `${r.trustName} (${r.trustOds})`,
      title: r.title,
      status: ratificationWords(STATUS_LABELS[r.status as DecisionStatus] ?? r.status, r.ratification),
      favoured: r.favoured ? FAVOURED_LABELS[r.favoured] : "Not chosen",
      category: r.category ? (CATEGORY_LABELS[r.category as CategoryId] ?? r.category) : "Not chosen",
      decided: r.decidedOn ? formatDate(r.decidedOn) : "Not given",
      summary: r.summary,
      rationale: d?.rationale ?? "",
      impactOnTrust: d ? impact(d.trustK, d.trustText, "trust") : "",
      impactOnSystem: d ? impact(d.systemK, d.systemText, "system") : "",
      factors: r.factors.map((f) => FACTOR_LABELS[f as FactorId] ?? f).join("; "),
      criteria: criteriaInWords(d?.criteria ?? null),
      positions: `${r.positionsSupport} support, ${r.positionsObject} object, ${r.positionsAbstain} abstain`,
      signedOff: r.signedOffOn ? formatDate(r.signedOffOn) : "",
      dissent: r.dissent,
      version: r.version,
    };
  });
}
