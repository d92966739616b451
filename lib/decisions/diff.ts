// Field-by-field differences between two versions (or a version and a draft). Pure, for the version
// page's diff and the "someone saved in between" message.
import { formatMoneyK, formatMoneyM } from "../format";
import { RISK_DOMAIN_LABELS, RISK_LEVEL_LABELS, isRiskDomain, isRiskLevel, outsideSentence } from "../risk-appetite/taxonomy";
import type { VersionContent } from "./content";

const riskDomainLabel = (d: string) => (isRiskDomain(d) ? RISK_DOMAIN_LABELS[d] : d);
const riskLevelLabel = (l: string) => (isRiskLevel(l) ? RISK_LEVEL_LABELS[l] : l);
import { CATEGORY_LABELS, FACTOR_LABELS, FAVOURED_LABELS, FINANCIAL_POSITION_LABELS, ORG_ROLE_LABELS, VISIBILITY_LABELS } from "./taxonomy";

/** The parts of a decision's content that a person wrote (no ids, numbers or trust). */
export type ComparableContent = Omit<VersionContent, "schema" | "decisionId" | "version" | "trust" | "favoured" | "category"> & {
  favoured: VersionContent["favoured"] | null;
  category: string | null;
};

export type FieldChange = { key: string; label: string; before: string | null; after: string | null };

// The same rule per unit as pages, paper and export (lib/format.ts).
const money = (n: number | null, unit: "k" | "m" = "k") => (n === null ? "" : unit === "m" ? formatMoneyM(n) : formatMoneyK(n));

/** The content as labelled lines in reading order; lists become one entry per item. */
export function flattenContent(c: ComparableContent): { key: string; label: string; value: string }[] {
  const rows: { key: string; label: string; value: string }[] = [
    { key: "title", label: "Title", value: c.title },
    { key: "summary", label: "Summary", value: c.summary },
    {
      key: "context.financialPosition",
      label: "Financial position",
      value: c.context.financialPosition ? FINANCIAL_POSITION_LABELS[c.context.financialPosition] : "",
    },
    { key: "context.financialAmountM", label: "Surplus or deficit", value: money(c.context.financialAmountM, "m") },
    { key: "context.regulatorRating", label: "Regulator rating or oversight segment", value: c.context.regulatorRating },
    { key: "context.notes", label: "Other context", value: c.context.notes },
    { key: "options", label: "Options considered", value: c.options },
    { key: "rationale", label: "Rationale", value: c.rationale },
    { key: "favoured", label: "Favoured", value: c.favoured ? FAVOURED_LABELS[c.favoured] : "" },
    { key: "category", label: "Category", value: c.category ? (CATEGORY_LABELS as Record<string, string>)[c.category] ?? c.category : "" },
    {
      key: "factors",
      label: "Factors weighed",
      value: [...c.factors].sort().map((f) => (FACTOR_LABELS as Record<string, string>)[f] ?? f).join("\n"),
    },
    { key: "impactOnTrust.amountK", label: "Estimated impact on the trust", value: money(c.impactOnTrust.amountK) },
    { key: "impactOnTrust.text", label: "Impact on the trust, in words", value: c.impactOnTrust.text },
    { key: "impactOnSystem.amountK", label: "Estimated impact on the system", value: money(c.impactOnSystem.amountK) },
    { key: "impactOnSystem.text", label: "Impact on the system, in words", value: c.impactOnSystem.text },
    {
      key: "organisations",
      label: "Organisations that benefit or bear the cost",
      value: [...c.organisations]
        .sort((a, b) => (a.ods + a.role).localeCompare(b.ods + b.role))
        .map((o) => `${o.name} (${o.ods}): ${ORG_ROLE_LABELS[o.role]}${o.amountK !== null ? `, ${money(o.amountK)}` : ""}`)
        .join("\n"),
    },
    { key: "decidedOn", label: "Date decided", value: c.decidedOn ?? "" },
    { key: "visibility", label: "Who can see it", value: VISIBILITY_LABELS[c.visibility] },
  ];
  const criteria = [...c.criteria].sort((a, b) => a.ordinal - b.ordinal);
  criteria.forEach((cr, i) => {
    rows.push({
      key: `criterion:${cr.id || i}`,
      label: `Success criterion ${i + 1}`,
      value: [
        cr.statement,
        `Measure: ${cr.measure}`,
        `Baseline: ${cr.baseline}`,
        `Target: ${cr.target}`,
        `Judged by: ${cr.judgedBy ?? ""}`,
      ].join("\n"),
    });
  });
  if (c.riskAppetite) {
    const r = c.riskAppetite;
    rows.push({
      key: "riskAppetite.risks",
      label: "Risk taken",
      value: r.risks.map((x) => `${riskDomainLabel(x.domain)}: ${riskLevelLabel(x.level)}. ${x.reason}`).join("\n"),
    });
    if (r.statementVersion !== null || r.outside.length) {
      rows.push({
        key: "riskAppetite.outside",
        label: "Compared with the board's risk appetite",
        value: [
          r.statementVersion === null ? "No risk appetite statement in force" : `Risk appetite statement version ${r.statementVersion}`,
          ...(r.outside.length ? r.outside.map(outsideSentence) : ["Within the board's appetite in every domain stated"]),
        ].join("\n"),
      });
    }
  }
  if (c.attachments?.length) {
    rows.push({
      key: "attachments",
      label: "Evidence files",
      value: c.attachments.map((f) => `${f.name} (${formatBytes(f.size)}, SHA-256 ${f.sha256})`).join("\n"),
    });
  }
  return rows;
}

/** "2.4 MB", "340 KB", "12 bytes". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** What differs from `before` to `after`; criteria are matched by id, so a removed one shows as removed. */
export function diffContent(before: ComparableContent, after: ComparableContent): FieldChange[] {
  const a = flattenContent(before);
  const b = flattenContent(after);
  const aMap = new Map(a.map((r) => [r.key, r]));
  const bMap = new Map(b.map((r) => [r.key, r]));
  const keys = [...new Set([...a.map((r) => r.key), ...b.map((r) => r.key)])];
  const out: FieldChange[] = [];
  for (const key of keys) {
    const x = aMap.get(key);
    const y = bMap.get(key);
    if ((x?.value ?? null) === (y?.value ?? null)) continue;
    out.push({
      key,
      label: y?.label ?? x?.label ?? key,
      before: x ? x.value : null,
      after: y ? y.value : null,
    });
  }
  return out;
}

/** The top-level names of the fields that differ (for audit events): "title", "criteria", … */
export function changedFieldNames(before: ComparableContent, after: ComparableContent): string[] {
  const names = diffContent(before, after).map((c) => (c.key.startsWith("criterion:") ? "criteria" : c.key.split(".")[0]));
  return [...new Set(names)];
}

/** Words for the top-level field names that audit events list as changed. */
export const FIELD_NAMES: Record<string, string> = {
  title: "title",
  summary: "summary",
  context: "trust's context",
  options: "options considered",
  rationale: "rationale",
  favoured: "favoured",
  category: "category",
  factors: "factors weighed",
  impactOnTrust: "impact on the trust",
  impactOnSystem: "impact on the system",
  organisations: "organisations",
  decidedOn: "date decided",
  visibility: "visibility",
  criteria: "success criteria",
  attachments: "evidence files",
  riskAppetite: "risk taken",
};
