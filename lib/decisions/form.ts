// Between the decision form's flat field names ("criteria.0.statement") and the API's nested input.
// Pure: used by the server actions, and by the form to lay out rows from values.
import { RISK_DOMAINS } from "../risk-appetite/taxonomy";
import type { ComparableContent } from "./diff";

export type FlatValues = Record<string, string>;

/** Flat form values → the nested wire input (numbers stay strings; the schema parses them). */
export function decisionInputFromValues(v: FlatValues) {
  const rows = <T>(prefix: string, build: (i: number) => T) =>
    rowIndexes(v, prefix).map((i) => build(i));
  return {
    title: v.title ?? "",
    summary: v.summary ?? "",
    context: {
      financialPosition: v["context.financialPosition"] ?? "",
      financialAmountM: v["context.financialAmountM"] ?? "",
      regulatorRating: v["context.regulatorRating"] ?? "",
      notes: v["context.notes"] ?? "",
    },
    options: v.options ?? "",
    rationale: v.rationale ?? "",
    favoured: v.favoured ?? "",
    category: v.category ?? "",
    factors: (v.factors ?? "").split("\n").filter(Boolean),
    impactOnTrust: { amountK: v["impactOnTrust.amountK"] ?? "", text: v["impactOnTrust.text"] ?? "" },
    impactOnSystem: { amountK: v["impactOnSystem.amountK"] ?? "", text: v["impactOnSystem.text"] ?? "" },
    organisations: rows("organisations", (i) => ({
      ods: v[`organisations.${i}.ods`] ?? "",
      role: v[`organisations.${i}.role`] ?? "",
      amountK: v[`organisations.${i}.amountK`] ?? "",
    })).filter((o) => o.ods || o.amountK),
    decidedOn: v.decidedOn ?? "",
    visibility: v.visibility ?? "",
    criteria: rows("criteria", (i) => ({
      id: v[`criteria.${i}.id`] ?? "",
      statement: v[`criteria.${i}.statement`] ?? "",
      measure: v[`criteria.${i}.measure`] ?? "",
      baseline: v[`criteria.${i}.baseline`] ?? "",
      target: v[`criteria.${i}.target`] ?? "",
      judgedBy: v[`criteria.${i}.judgedBy`] ?? "",
    })).filter((c) => c.id || c.statement || c.measure || c.baseline || c.target || c.judgedBy),
    // One row per risk domain, in domain order ("risks.0.level" is finance): the schema leaves out a
    // row with neither a level nor a reason, and a message names the row's own fields.
    risks: RISK_DOMAINS.map((domain, i) => ({ domain, level: v[`risks.${i}.level`] ?? "", reason: v[`risks.${i}.reason`] ?? "" })),
    ...(v.trust ? { trust: v.trust } : {}),
  };
}

/** The row numbers present for a repeated group, in order. */
export function rowIndexes(v: FlatValues, prefix: string): number[] {
  const re = new RegExp(`^${prefix}\\.(\\d+)\\.`);
  const set = new Set<number>();
  for (const k of Object.keys(v)) {
    const m = re.exec(k);
    if (m) set.add(Number(m[1]));
  }
  return [...set].sort((a, b) => a - b);
}

/** The rows of a group as objects keyed by field, renumbered from 0. */
export function rowsOf(v: FlatValues, prefix: string): Record<string, string>[] {
  const re = new RegExp(`^${prefix}\\.(\\d+)\\.(.+)$`);
  const byIndex = new Map<number, Record<string, string>>();
  for (const [k, val] of Object.entries(v)) {
    const m = re.exec(k);
    if (!m) continue;
    const i = Number(m[1]);
    if (!byIndex.has(i)) byIndex.set(i, {});
    byIndex.get(i)![m[2]] = val;
  }
  return [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, r]) => r);
}

/** Replaces a group's rows in flat values (renumbering), e.g. after adding or removing one without JavaScript. */
export function withRows(v: FlatValues, prefix: string, rows: Record<string, string>[]): FlatValues {
  const out: FlatValues = {};
  for (const [k, val] of Object.entries(v)) if (!k.startsWith(`${prefix}.`)) out[k] = val;
  rows.forEach((r, i) => {
    for (const [f, val] of Object.entries(r)) out[`${prefix}.${i}.${f}`] = val;
  });
  return out;
}

/** A stored decision as the form's flat values. */
export function valuesFromContent(c: ComparableContent): FlatValues {
  const v: FlatValues = {
    title: c.title,
    summary: c.summary,
    "context.financialPosition": c.context.financialPosition ?? "",
    // The sign comes from the financial position chosen, so the box holds the amount alone.
    "context.financialAmountM":
      c.context.financialAmountM === null ? "" : String(c.context.financialPosition === "deficit" ? Math.abs(c.context.financialAmountM) : c.context.financialAmountM),
    "context.regulatorRating": c.context.regulatorRating,
    "context.notes": c.context.notes,
    options: c.options,
    rationale: c.rationale,
    favoured: c.favoured ?? "",
    category: c.category ?? "",
    factors: c.factors.join("\n"),
    "impactOnTrust.amountK": c.impactOnTrust.amountK === null ? "" : String(c.impactOnTrust.amountK),
    "impactOnTrust.text": c.impactOnTrust.text,
    "impactOnSystem.amountK": c.impactOnSystem.amountK === null ? "" : String(c.impactOnSystem.amountK),
    "impactOnSystem.text": c.impactOnSystem.text,
    decidedOn: c.decidedOn ?? "",
    visibility: c.visibility,
  };
  for (const r of c.riskAppetite?.risks ?? []) {
    const i = (RISK_DOMAINS as readonly string[]).indexOf(r.domain);
    if (i < 0) continue;
    v[`risks.${i}.level`] = r.level;
    v[`risks.${i}.reason`] = r.reason;
  }
  c.organisations.forEach((o, i) => {
    v[`organisations.${i}.ods`] = o.ods;
    v[`organisations.${i}.role`] = o.role;
    v[`organisations.${i}.amountK`] = o.amountK === null ? "" : String(o.amountK);
  });
  c.criteria.forEach((cr, i) => {
    v[`criteria.${i}.id`] = cr.id;
    v[`criteria.${i}.statement`] = cr.statement;
    v[`criteria.${i}.measure`] = cr.measure;
    v[`criteria.${i}.baseline`] = cr.baseline;
    v[`criteria.${i}.target`] = cr.target;
    v[`criteria.${i}.judgedBy`] = cr.judgedBy ?? "";
  });
  return v;
}
