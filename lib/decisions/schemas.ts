// Input schemas for decisions, with the API's wire names. Pure (zod only): the REST API, the server
// actions and the tests all parse with these, so a message names the same field everywhere.
import { z } from "zod";
import { capitalise, isoDate } from "../validation";
import { RISK_DOMAINS, RISK_DOMAIN_WORDS, RISK_LEVELS, type RiskDomain, type RiskLevel } from "../risk-appetite/taxonomy";
import { CATEGORY_IDS, FACTOR_IDS, LIMITS, type CategoryId, type FactorId } from "./taxonomy";

const NUL = /\u0000/;

/**
 * Text a person typed: trimmed, line endings normalised, no NUL bytes, at most `max` characters.
 * `name` is how messages name the field ("Title must be…"); `enter` what to ask for ("Enter a title").
 */
function text(name: string, max: number, opts: { required?: boolean; enter?: string } = {}) {
  let s = z
    .string({ error: `${name} must be text` })
    .refine((v) => !NUL.test(v), { message: `${name} contains a character that is not allowed (a NUL byte)` })
    .transform((v) => v.replace(/\r\n?/g, "\n").trim())
    .refine((v) => v.length <= max, { message: `${name} must be ${max.toLocaleString("en-GB")} characters or fewer` });
  if (opts.required) s = s.refine((v) => v.length > 0, { message: opts.enter ?? `Enter ${name.toLowerCase()}` });
  return s;
}

/** Optional text: null or missing is "". */
const optText = (name: string, max: number) => z.preprocess((v) => (v === null || v === undefined ? "" : v), text(name, max));

/**
 * An amount in £m with at most one decimal place (12.5), typed as a number or a string like "12.5",
 * "£12.5m" or "−12.5"; blank is null. The sign may also come from the financial position (below).
 */
export function millions(label: string, max: number) {
  const message = `${capitalise(label)} must be an amount in £m with at most one decimal place, like 12.5`;
  return z.preprocess(
    (v) => {
      if (v === undefined || v === null) return null;
      if (typeof v !== "string") return v;
      const s = v.replace(/[£,\s]/g, "").replace(/^\u2212/, "-").replace(/m$/i, "");
      if (s === "") return null;
      return /^[-+]?\d+(\.\d)?$/.test(s) ? Number(s) : v;
    },
    z
      .number({ error: message })
      .refine((n) => Number.isFinite(n) && Math.abs(Math.round(n * 10) - n * 10) < 1e-9, { error: message })
      .min(-max, { error: `${capitalise(label)} must be between -${max.toLocaleString("en-GB")} and ${max.toLocaleString("en-GB")} £m` })
      .max(max, { error: `${capitalise(label)} must be between -${max.toLocaleString("en-GB")} and ${max.toLocaleString("en-GB")} £m` })
      .transform((n) => Math.round(n * 10) / 10)
      .nullable(),
  );
}

/** A whole number (signed) typed as a number or a string like "-250", "£1,200k" or "−250"; blank is null. */
export function wholeNumber(label: string, max: number, unit: "£k" | "£m") {
  const message = `${capitalise(label)} must be a whole number of ${unit}, like ${unit === "£k" ? "-250" : "-12"}`;
  return z.preprocess(
    (v) => {
      if (v === undefined || v === null) return null;
      if (typeof v !== "string") return v;
      const s = v.replace(/[£,\s]/g, "").replace(/^\u2212/, "-").replace(/[km]$/i, "");
      if (s === "") return null;
      return /^[-+]?\d+$/.test(s) ? Number(s) : v;
    },
    z
      .number({ error: message })
      .int({ error: message })
      .min(-max, { error: `${capitalise(label)} must be between -${max.toLocaleString("en-GB")} and ${max.toLocaleString("en-GB")} ${unit}` })
      .max(max, { error: `${capitalise(label)} must be between -${max.toLocaleString("en-GB")} and ${max.toLocaleString("en-GB")} ${unit}` })
      .nullable(),
  );
}

const optionalDate = (label: string) => z.preprocess((v) => (v === "" || v === undefined ? null : v), isoDate(label).nullable());

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);
const id = (label: string) => z.string({ error: `${capitalise(label)} is missing` }).regex(UUID, { error: `${capitalise(label)} is not recognised` });

export const CriterionInputSchema = z.object({
  id: z.preprocess((v) => (v === "" || v === null ? undefined : v), id("criterion").optional()),
  statement: text("Statement", LIMITS.criterionText, { required: true, enter: "Enter the statement of the success criterion" }),
  measure: optText("Measure", LIMITS.criterionText),
  baseline: optText("Baseline", LIMITS.criterionText),
  target: optText("Target", LIMITS.criterionText),
  judgedBy: optionalDate("judged-by date"),
});
export type CriterionInput = z.infer<typeof CriterionInputSchema>;

export const OrganisationLinkInputSchema = z.object({
  ods: z
    .string({ error: "Choose an organisation" })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2,12}$/, { error: "Choose an organisation from the list" }),
  role: z.enum(["benefits", "bears_cost"], { error: "Choose whether the organisation benefits or bears the cost" }),
  amountK: wholeNumber("amount", LIMITS.amountK, "£k").optional().transform((v) => v ?? null),
});
export type OrganisationLinkInput = z.infer<typeof OrganisationLinkInputSchema>;

const impact = (who: string) =>
  z
    .object({
      amountK: wholeNumber(`estimated impact on the ${who}`, LIMITS.amountK, "£k").optional().transform((v) => v ?? null),
      text: optText(`Impact on the ${who}, in words,`, LIMITS.impactText),
    })
    .default({ amountK: null, text: "" });

/**
 * The risk the decision takes in one domain of the board's risk appetite, with the reason. A row with
 * neither a level nor a reason is left out (the form sends one row per domain, in domain order).
 */
export const DecisionRiskInputSchema = z
  .object({
    domain: z.enum(RISK_DOMAINS, { error: "Choose a risk domain from the list" }),
    level: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.enum(RISK_LEVELS, { error: "Choose a level of risk from the scale" }).nullable()),
    reason: optText("Reason for the risk", LIMITS.riskReason),
  })
  .superRefine((r, ctx) => {
    const d = RISK_DOMAIN_WORDS[r.domain];
    if (r.level && !r.reason) ctx.addIssue({ code: "custom", path: ["reason"], message: `Enter the reason for the risk this decision takes in ${d}` });
    if (!r.level && r.reason) ctx.addIssue({ code: "custom", path: ["level"], message: `Choose the level of risk this decision takes in ${d}` });
  });
export type DecisionRiskInput = { domain: RiskDomain; level: RiskLevel; reason: string };

/**
 * A decision as a person or the API gives it. Only the title is needed to save a draft; what
 * submitting needs on top is checked by `submitProblems`.
 */
export const DecisionInputSchema = z.object({
  title: text("Title", LIMITS.title, { required: true, enter: "Enter a title" }),
  summary: optText("Summary", LIMITS.summary),
  context: z
    .object({
      financialPosition: z.preprocess(
        (v) => (v === "" || v === undefined ? null : v),
        z.enum(["surplus", "breakeven", "deficit"], { error: "Choose surplus, breakeven or deficit" }).nullable(),
      ),
      financialAmountM: millions("surplus or deficit", LIMITS.amountM).optional().transform((v) => v ?? null),
      regulatorRating: optText("Regulator rating", LIMITS.regulatorRating),
      notes: optText("Other context", LIMITS.notes),
    })
    // The sign comes from the choice: "Deficit" and 12.5 is a deficit of £12.5m (a minus sign is accepted too).
    .superRefine((c, ctx) => {
      if (c.financialPosition === "surplus" && c.financialAmountM !== null && c.financialAmountM < 0) {
        ctx.addIssue({ code: "custom", path: ["financialAmountM"], message: "A surplus cannot be negative: choose deficit, or enter the surplus as a positive amount" });
      }
    })
    .transform((c) => ({
      ...c,
      financialAmountM: c.financialPosition === "deficit" && c.financialAmountM !== null ? -Math.abs(c.financialAmountM) : c.financialAmountM,
    }))
    .default({ financialPosition: null, financialAmountM: null, regulatorRating: "", notes: "" }),
  options: optText("Options considered", LIMITS.options),
  rationale: optText("Rationale", LIMITS.rationale),
  favoured: z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.enum(["system", "trust"], { error: "Choose whether the decision favoured the system or the trust" }).nullable(),
  ),
  category: z.preprocess(
    (v) => (v === "" || v === undefined ? null : v),
    z.enum(CATEGORY_IDS, { error: "Choose a category from the list" }).nullable(),
  ),
  factors: z
    .array(z.enum(FACTOR_IDS, { error: "Choose factors from the list" }), { error: "Choose factors from the list" })
    .default([])
    .transform((fs) => [...new Set(fs)] as FactorId[]),
  impactOnTrust: impact("trust"),
  impactOnSystem: impact("system"),
  organisations: z
    .array(OrganisationLinkInputSchema, { error: "Organisations must be a list" })
    .max(LIMITS.organisations, { error: `Name at most ${LIMITS.organisations} organisations` })
    .default([]),
  decidedOn: optionalDate("date decided"),
  visibility: z.preprocess(
    (v) => (v === "" || v === undefined || v === null ? "trust" : v),
    z.enum(["trust", "system"], { error: "Choose who can see the decision" }),
  ),
  criteria: z
    .array(CriterionInputSchema, { error: "Success criteria must be a list" })
    .max(LIMITS.criteria, { error: `Add at most ${LIMITS.criteria} success criteria` })
    .default([]),
  /** Optional: the risk the decision takes in each domain it touches (compared with the board's appetite on submit). */
  risks: z
    .array(DecisionRiskInputSchema, { error: "Risks must be a list" })
    .max(RISK_DOMAINS.length, { error: "Give each risk domain at most once" })
    .default([])
    .superRefine((rs, ctx) => {
      const seen = new Set<string>();
      rs.forEach((r, i) => {
        if (r.level && seen.has(r.domain)) ctx.addIssue({ code: "custom", path: [i, "domain"], message: `The risk in ${RISK_DOMAIN_WORDS[r.domain]} is given twice: give each domain once` });
        if (r.level) seen.add(r.domain);
      });
    })
    .transform((rs) => rs.filter((r): r is DecisionRiskInput => !!r.level)),
});
export type DecisionInput = z.infer<typeof DecisionInputSchema>;
export type DecisionInputRaw = z.input<typeof DecisionInputSchema>;

const baseRevision = z.coerce
  .number({ error: "The version you edited is missing; reload the page" })
  .int({ error: "The version you edited is missing; reload the page" })
  .positive({ error: "The version you edited is missing; reload the page" });

/** `trust` (ODS) is needed only by a Chief Executive of more than one trust. */
export const CreateDecisionSchema = DecisionInputSchema.extend({
  trust: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().trim().toUpperCase().max(12).optional()),
});
export type CreateDecisionInput = z.input<typeof CreateDecisionSchema>;
export const UpdateDecisionSchema = DecisionInputSchema.extend({ id: id("decision"), baseRevision });
export type UpdateDecisionInput = z.infer<typeof UpdateDecisionSchema>;

export const SubmitDecisionSchema = z.object({ id: id("decision"), baseRevision });
export const WithdrawDecisionSchema = z.object({
  id: id("decision"),
  baseRevision,
  reason: text("Reason", LIMITS.reason, { required: true, enter: "Enter the reason for withdrawing the decision" }),
});

export const AddCommentSchema = z.object({
  decisionId: id("decision"),
  body: text("Comment", LIMITS.comment, { required: true, enter: "Enter your comment" }),
  isQuestion: z.preprocess((v) => v === true || v === "true" || v === "on" || v === "1", z.boolean()).default(false),
  answersId: z.preprocess((v) => (v === "" || v === null ? undefined : v), id("question").optional()),
});
export type AddCommentInput = z.input<typeof AddCommentSchema>;

/** What submitting (and amending) needs beyond a draft: field path → message. Empty when ready. */
export function submitProblems(d: {
  favoured: string | null;
  category: CategoryId | string | null;
  summary: string;
  rationale: string;
  decidedOn: string | null;
  criteria: { statement: string; measure: string; target: string; judgedBy: string | null }[];
}): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d.summary.trim()) out.summary = "Enter a summary of the decision";
  if (!d.rationale.trim()) out.rationale = "Enter the rationale: why this option was chosen";
  if (!d.favoured) out.favoured = "Choose whether the decision favoured the system or the trust";
  if (!d.category) out.category = "Choose a category";
  if (!d.decidedOn) out.decidedOn = "Enter the date decided";
  if (d.criteria.length === 0) out.criteria = "Add at least one success criterion before submitting for sign-off";
  d.criteria.forEach((c, i) => {
    if (!c.statement.trim()) out[`criteria.${i}.statement`] = `Enter the statement of success criterion ${i + 1}`;
    if (!c.measure.trim()) out[`criteria.${i}.measure`] = `Enter how success criterion ${i + 1} will be measured`;
    if (!c.target.trim()) out[`criteria.${i}.target`] = `Enter the target of success criterion ${i + 1}`;
    if (!c.judgedBy) out[`criteria.${i}.judgedBy`] = `Enter the date by which success criterion ${i + 1} is judged`;
  });
  return out;
}
