// The wire format of REST API v1 (README, "API"). One zod schema per shape, used both to parse
// requests in the route wrapper and to generate /api/v1/openapi.json, so the two cannot drift.
// Request bodies are `.strict()`: an unknown field is a 400 naming it, never silently dropped.
import { boardSeat, category, decisionStatus, factor, favoured, financialPosition, forum, orgKind, orgLinkRole, outcome, positionKind, ratificationState, riskDomain, riskLevel, role, tokenScope, trustType, visibility } from "@/db/schema";
import { REGISTER_OUTCOMES } from "../decisions/register-filters";
import { LIMITS } from "../decisions/taxonomy";
import { HTTP_STATUS, type AppErrorCode } from "../errors";
import { DEFAULT_LIMIT, MAX_CURSOR_LENGTH, MAX_LIMIT } from "../paging/cursor";
import { EMAIL_MAX, NAME_MAX } from "../validation";
import { z } from "./zod";

// ---------------------------------------------------------------- closed sets (the pgEnums of db/schema.ts)

export const FAVOURED = favoured.enumValues;
export const CATEGORIES = category.enumValues;
export const FACTORS = factor.enumValues;
export const VISIBILITIES = visibility.enumValues;
export const STATUSES = decisionStatus.enumValues;
export const POSITIONS = positionKind.enumValues;
export const FORUMS = forum.enumValues;
export const OUTCOMES = outcome.enumValues;
export const ORG_LINK_ROLES = orgLinkRole.enumValues;
export const FINANCIAL_POSITIONS = financialPosition.enumValues;
export const ORG_KINDS = orgKind.enumValues;
export const TRUST_TYPES = trustType.enumValues;
export const ROLES = role.enumValues;
export const SEATS = boardSeat.enumValues;
export const TOKEN_SCOPES = tokenScope.enumValues;
export const RISK_DOMAINS = riskDomain.enumValues;
export const RISK_LEVELS = riskLevel.enumValues;
// Sets of the API's own, with no column behind them.
export const GROUP_BY = ["trust_type", "category", "quarter", "trust", "author"] as const;
export const ERROR_CODES = [...(Object.keys(HTTP_STATUS) as AppErrorCode[]), "unavailable", "internal"] as const;
export const TOKEN_STATES = ["active", "expired", "revoked"] as const;

// ---------------------------------------------------------------- primitives

const NO_NUL = (v: string) => !v.includes("\u0000");
/** No U+FFFD (bytes that were not UTF-8) and no lone surrogate ("\ud800" in JSON). */
const validUtf8Text = (v: string) => !/\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(v);
const str = (max: number) => z.string().max(max, { message: `Must be ${max.toLocaleString("en-GB")} characters or fewer` }).refine(NO_NUL, { message: "Contains a character that is not allowed" }).refine(validUtf8Text, { message: "Is not valid UTF-8 text" });
export const Uuid = z.string().uuid({ message: "Must be an id (a UUID)" }).openapi({ format: "uuid", example: "6f1c1a4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f" });
export const Ods = z
  .string()
  .regex(/^[A-Z0-9]{2,10}$/, { message: "Must be an ODS code: 2 to 10 capital letters or digits, like RNA" })
  .openapi({ description: "ODS code of an organisation", example: "RNA" });
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "Must be a date like 2026-11-26" })
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  }, { message: "Must be a real date like 2026-11-26" })
  .openapi({ format: "date", example: "2026-11-26" });
export const IsoDateTime = z.string().openapi({ format: "date-time", example: "2026-11-26T14:30:00.000Z" });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/).openapi({ description: "SHA-256, hex", example: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" });
const AmountK = z.number().int({ message: "Must be a whole number of £k" }).min(-LIMITS.amountK).max(LIMITS.amountK);

// ---------------------------------------------------------------- errors and envelopes

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string().openapi({ example: "Some answers need correcting" }),
      fields: z.record(z.string(), z.string()).optional().openapi({
        description: "One message per field, keyed by its dotted path",
        example: { title: "Must be 200 characters or fewer", colour: 'Unknown field "colour"' },
      }),
    }),
  })
  .openapi("Error");

export function listEnvelope<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      data: z.array(item),
      nextCursor: z.string().nullable().openapi({ description: "Pass as `cursor` to get the next page; null on the last page" }),
    })
    .openapi(name);
}

// ---------------------------------------------------------------- decisions

export const DecisionContext = z
  .object({
    financialPosition: z.enum(FINANCIAL_POSITIONS).nullable(),
    financialAmountM: z.number().min(-LIMITS.amountM).max(LIMITS.amountM).nullable().openapi({ description: "Surplus or deficit in £m, at most one decimal place; a deficit is stored negative (a positive amount with financialPosition deficit is made negative)" }),
    regulatorRating: str(LIMITS.regulatorRating),
    notes: str(LIMITS.notes),
  })
  .openapi("DecisionContext", { description: "The trust's position when the decision was made" });

export const Impact = z
  .object({ amountK: AmountK.nullable().openapi({ description: "Estimated impact in £k, signed: negative is a cost" }), text: str(LIMITS.impactText) })
  .openapi("Impact");

export const DecisionOrganisation = z
  .object({
    ods: Ods,
    role: z.enum(ORG_LINK_ROLES),
    amountK: AmountK.nullable().optional(),
  })
  .openapi("DecisionOrganisation");

export const Outcome = z
  .object({
    id: Uuid,
    criterionId: Uuid,
    outcome: z.enum(OUTCOMES),
    evidence: z.string(),
    assessedOn: IsoDate,
    assessedBy: z.string().openapi({ description: "Name of the person who assessed it" }),
    createdAt: IsoDateTime,
  })
  .openapi("Outcome");

export const Criterion = z
  .object({
    id: Uuid,
    statement: z.string(),
    measure: z.string(),
    baseline: z.string(),
    target: z.string(),
    judgedBy: IsoDate.nullable(),
    outcome: Outcome.nullable().optional().openapi({ description: "The latest assessment, if any" }),
  })
  .openapi("Criterion");

export const DecisionRisk = z
  .object({
    domain: z.enum(RISK_DOMAINS),
    level: z.enum(RISK_LEVELS).openapi({ description: "The risk the decision takes in this domain, on the Good Governance Institute's scale (lowest first)" }),
    reason: z.string(),
  })
  .openapi("DecisionRisk");

export const DecisionRiskInput = z
  .object({
    domain: z.enum(RISK_DOMAINS),
    level: z.enum(RISK_LEVELS),
    reason: str(LIMITS.riskReason).min(1, { message: "Enter the reason for the risk" }),
  })
  .strict()
  .openapi("DecisionRiskInput");

export const OutsideAppetite = z
  .object({
    domain: z.enum(RISK_DOMAINS),
    appetite: z.enum(RISK_LEVELS).openapi({ description: "The board's appetite in force for this domain" }),
    taken: z.enum(RISK_LEVELS).openapi({ description: "The risk this decision takes: above the appetite" }),
  })
  .openapi("OutsideAppetite");

export const Decision = z
  .object({
    id: Uuid,
    trust: Ods,
    title: z.string(),
    summary: z.string(),
    context: DecisionContext,
    options: z.string(),
    rationale: z.string(),
    favoured: z.enum(FAVOURED).nullable().openapi({ description: "null only on a draft" }),
    category: z.enum(CATEGORIES).nullable().openapi({ description: "null only on a draft" }),
    factors: z.array(z.enum(FACTORS)),
    impactOnTrust: Impact,
    impactOnSystem: Impact,
    organisations: z.array(DecisionOrganisation),
    decidedOn: IsoDate.nullable(),
    visibility: z.enum(VISIBILITIES),
    status: z.enum(STATUSES),
    version: z.number().int().openapi({ description: "Number of the latest frozen version (0 until first submitted)" }),
    revision: z.number().int().openapi({ description: "Edit counter: send it back as `baseVersion` (or `If-Match`) when you PATCH, submit or withdraw" }),
    contentHash: Sha256.nullable(),
    urgent: z.boolean().openapi({ description: "Marked urgent by its Chief Executive: the Chair and non-executive director(s) may sign it off between meetings by Chair's action" }),
    urgentReason: z.string().openapi({ description: "Why it cannot wait for the next board meeting (empty when not urgent)" }),
    ratification: z.enum(["awaiting", "ratified", "not_ratified"]).nullable().openapi({ description: "Signed off by Chair's action: awaiting ratification at the next board meeting, ratified, or not ratified; null otherwise" }),
    chairsActionAt: IsoDateTime.nullable().openapi({ description: "When it was signed off by Chair's action" }),
    ratificationDecidedAt: IsoDateTime.nullable().openapi({ description: "When the board resolved to ratify it or not" }),
    criteria: z.array(Criterion),
    risks: z.array(DecisionRisk).openapi({ description: "The risk the decision takes in each domain of the board's risk appetite it touches (empty: none recorded)" }),
    outsideAppetite: z.boolean().openapi({ description: "The current version is outside the board's risk appetite in at least one domain: its sign-off needs the Chair's support" }),
    riskAppetite: z
      .object({
        statementVersion: z.number().int().nullable().openapi({ description: "The version of the trust's risk appetite statement compared (null: none was in force)" }),
        outside: z.array(OutsideAppetite),
      })
      .nullable()
      .openapi({ description: "How the current version's risks compared with the board's appetite when frozen (null: a draft, or no risks recorded)" }),
  })
  .openapi("Decision");

export const DecisionVersionRef = z
  .object({ number: z.number().int(), hash: Sha256, createdAt: IsoDateTime })
  .openapi("DecisionVersion");

export const Position = z
  .object({
    id: Uuid,
    member: z.string().openapi({ description: "The board member's name" }),
    seat: z.enum(SEATS),
    position: z.enum(POSITIONS),
    comment: z.string(),
    forum: z.enum(FORUMS),
    conflict: z.string().nullable().openapi({ description: "The conflict of interest declared, or null for none" }),
    version: z.number().int(),
    contentHash: Sha256,
    createdAt: IsoDateTime,
    supersedes: Uuid.nullable(),
  })
  .openapi("Position");

export const DecisionDetail = Decision.extend({
  versions: z.array(DecisionVersionRef),
  positions: z.array(Position),
  outcomes: z.array(Outcome),
}).openapi("DecisionDetail");

export const DecisionList = listEnvelope(Decision, "DecisionList");

export const CriterionInput = z
  .object({
    id: Uuid.optional().openapi({ description: "On PATCH: an existing criterion to keep (its id); omit for a new one" }),
    statement: str(LIMITS.criterionText).min(1, { message: "Enter the criterion" }),
    measure: str(LIMITS.criterionText).optional(),
    baseline: str(LIMITS.criterionText).optional(),
    target: str(LIMITS.criterionText).optional(),
    judgedBy: IsoDate.nullable().optional(),
  })
  .strict()
  .openapi("CriterionInput");

const decisionInputFields = {
  title: str(LIMITS.title).min(1, { message: "Enter a title" }),
  summary: str(LIMITS.summary).optional(),
  context: z
    .object({
      financialPosition: z.enum(FINANCIAL_POSITIONS).nullable().optional(),
      financialAmountM: z.number().int().min(-LIMITS.amountM).max(LIMITS.amountM).nullable().optional(),
      regulatorRating: str(LIMITS.regulatorRating).optional(),
      notes: str(LIMITS.notes).optional(),
    })
    .strict()
    .optional(),
  options: str(LIMITS.options).optional(),
  rationale: str(LIMITS.rationale).optional(),
  favoured: z.enum(FAVOURED).nullable().optional(),
  category: z.enum(CATEGORIES).nullable().optional(),
  factors: z.array(z.enum(FACTORS)).max(FACTORS.length).optional(),
  impactOnTrust: z.object({ amountK: AmountK.nullable().optional(), text: str(LIMITS.impactText).optional() }).strict().optional(),
  impactOnSystem: z.object({ amountK: AmountK.nullable().optional(), text: str(LIMITS.impactText).optional() }).strict().optional(),
  organisations: z.array(DecisionOrganisation.strict()).max(LIMITS.organisations).optional(),
  decidedOn: IsoDate.nullable().optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  criteria: z.array(CriterionInput).max(LIMITS.criteria, { message: `At most ${LIMITS.criteria} criteria` }).optional(),
  risks: z.array(DecisionRiskInput).max(RISK_DOMAINS.length, { message: "Give each risk domain at most once" }).optional().openapi({ description: "On PATCH: replaces the risks whole when sent" }),
};

/** POST /decisions: a new draft. The same fields as a decision, without the server-set ones. */
export const DecisionInput = z
  .object({ trust: Ods, ...decisionInputFields })
  .strict()
  .openapi("DecisionInput");

/**
 * The revision a change is based on. Required on PATCH, submit and withdraw, but it may come in an
 * `If-Match` header instead, so the body schema leaves it optional and the route wrapper refuses a
 * request that sends neither (lib/api/handler.ts).
 */
const BaseVersion = z
  .number({ error: "Must be the decision's revision, a whole number" })
  .int({ message: "Must be the decision's revision, a whole number" })
  .min(1, { message: "Must be the decision's revision, a whole number" })
  .optional()
  .openapi({
    description: "Required unless you send `If-Match: \"<revision>\"`: the decision's `revision` (as you read it) this change is based on. If it has changed since, the answer is 409 and nothing is written.",
  });

/** PATCH /decisions/{id}: any of the fields, and the revision the edit is based on. */
export const DecisionPatch = z
  .object({
    baseVersion: BaseVersion,
    ...decisionInputFields,
    title: decisionInputFields.title.optional(),
  })
  .strict()
  .openapi("DecisionPatch");

export const SubmitInput = z
  .object({ baseVersion: BaseVersion })
  .strict()
  .openapi("SubmitInput");

const ENTER_REASON = "Enter the reason for withdrawing the decision";
export const WithdrawInput = z
  .object({
    reason: z
      .string({ error: (issue) => (issue.input === undefined ? ENTER_REASON : "Must be text: the reason for withdrawing the decision") })
      .max(LIMITS.reason, { message: `Must be ${LIMITS.reason.toLocaleString("en-GB")} characters or fewer` })
      .refine(NO_NUL, { message: "Contains a character that is not allowed" })
      .refine((v) => v.trim().length > 0, { message: ENTER_REASON })
      .openapi({ description: "Why the decision is withdrawn (required; kept with the decision and in the audit trail)" }),
    baseVersion: BaseVersion,
  })
  .strict()
  .openapi("WithdrawInput");

export const PositionInput = z
  .object({
    position: z.enum(POSITIONS),
    comment: str(LIMITS.positionComment).optional(),
    forum: z.enum(FORUMS),
    conflict: str(LIMITS.conflict).nullable().optional().openapi({ description: "A conflict of interest to declare; null or absent for none" }),
    version: z.number().int().min(1).openapi({ description: "The version you are taking a position on (must be the current one)" }),
  })
  .strict()
  .openapi("PositionInput");

export const OutcomeInput = z
  .object({
    outcome: z.enum(OUTCOMES),
    evidence: str(LIMITS.evidence).min(1, { message: "Enter the evidence" }),
    actualValue: str(LIMITS.evidence).optional().openapi({ description: "The value actually measured, beside the criterion's target" }),
    evidenceUrl: z.string().optional().openapi({ description: "A link (https://, up to 2,000 characters) to a document holding the evidence" }),
    confirmEarly: z.boolean().optional().openapi({ description: "Needed (true) to assess a criterion before its judged-by date" }),
  })
  .strict()
  .openapi("OutcomeInput");

// ---------------------------------------------------------------- register filters and stats

const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(",").map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .openapi({ type: "string", description: `One or more of ${values.join(", ")}, comma-separated` });

export const RegisterFilters = z
  .object({
    trust: Ods.optional(),
    ics: Ods.optional(),
    favoured: z.enum(FAVOURED).optional(),
    status: csvOf(STATUSES).optional(),
    category: csvOf(CATEGORIES).optional(),
    from: IsoDate.optional().openapi({ description: "Decided on or after" }),
    to: IsoDate.optional().openapi({ description: "Decided on or before" }),
    q: z.string().max(LIMITS.search).optional().openapi({ description: "Words in the title, summary or rationale" }),
  })
  .strict();

export const ListQuery = RegisterFilters.extend({
  factor: z.enum(FACTORS).optional().openapi({ description: "Decisions that weighed this factor" }),
  outcome: z.enum(REGISTER_OUTCOMES).optional().openapi({
    description: "Decisions with a current criterion whose latest assessment is this (any assessment, for `assessed`)",
  }),
  due: z.enum(["1"]).optional().openapi({ description: "`1`: signed off, with a criterion past its judged-by date and no assessment" }),
  beneficiary: Ods.optional().openapi({ description: "Decisions of other trusts naming this organisation (of your ICS) as benefiting" }),
  gave: z.enum(["1"]).optional().openapi({ description: "`1`: decisions naming an organisation other than their own trust as benefiting" }),
  outside: z.enum(["1"]).optional().openapi({ description: "`1`: decisions whose current version is outside the board's risk appetite (with `riskDomain`: in that domain)" }),
  riskDomain: z.enum(RISK_DOMAINS).optional().openapi({ description: "Decisions recording a risk in this domain (with `outside=1`: outside the appetite in it)" }),
  ratification: z.enum(ratificationState.enumValues).optional().openapi({ description: "Signed off by Chair's action: awaiting ratification at the next board meeting, ratified, or not ratified" }),
  limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(DEFAULT_LIMIT).openapi({ type: "integer", minimum: 1, maximum: MAX_LIMIT, default: DEFAULT_LIMIT }),
  cursor: z.string().max(MAX_CURSOR_LENGTH).optional().openapi({ description: "The `nextCursor` of the previous page" }),
}).strict();

export const BalanceQuery = RegisterFilters.extend({
  groupBy: z.enum(GROUP_BY).default("category"),
}).strict();

const Count = z.number().int().nullable().openapi({
  description:
    "null where the figure is suppressed (national view only): a count of 1 or 2, or a figure hidden so that such a count cannot be worked out by subtraction",
});
export const BalanceStats = z
  .object({
    total: z.object({ system: Count, trust: Count }),
    groups: z.array(z.object({ key: z.string(), label: z.string(), system: Count, trust: Count })),
    authors: z.number().int().nullable(),
    authorsWithoutTrustFavoured: z.number().int().nullable(),
    suppressed: z.boolean().optional().openapi({
      description: "National view only: true when the filters match fewer than 3 trusts, so every count is null and groups is empty",
    }),
  })
  .openapi("BalanceStats");

// ---------------------------------------------------------------- admin

export const OrganisationInput = z
  .object({
    kind: z.enum(ORG_KINDS),
    name: str(NAME_MAX).min(1, { message: "Enter the name" }),
    ods: Ods,
    icsOds: Ods.optional().openapi({ description: "A trust's ICS" }),
    trustType: z.enum(TRUST_TYPES).optional(),
    foundationTrust: z.boolean().optional(),
    turnoverM: z.number().int().min(0).max(100_000).optional().openapi({ description: "Annual turnover, nearest £10m, in £m" }),
  })
  .strict()
  .openapi("OrganisationInput");
export const Organisation = z
  .object({
    id: Uuid,
    kind: z.enum(ORG_KINDS),
    name: z.string(),
    ods: Ods,
    icsOds: Ods.nullable(),
    trustType: z.enum(TRUST_TYPES).nullable(),
    foundationTrust: z.boolean(),
    turnoverM: z.number().int().nullable(),
  })
  .openapi("Organisation");

export const UserInput = z
  .object({
    email: z.string().email({ message: "Must be an email address like name@nhs.net" }).max(EMAIL_MAX),
    name: str(NAME_MAX).min(1, { message: "Enter the name" }),
  })
  .strict()
  .openapi("UserInput");
export const User = z.object({ id: Uuid, email: z.string(), name: z.string() }).openapi("User");
/** The link the person sets their own password with: shown once, never stored (only its hash is). */
export const SetPasswordLink = z
  .object({
    url: z.string().openapi({ description: "Single use, for 72 hours. Pass it to the person; it is shown only in this answer." }),
    expiresAt: z.string().openapi({ format: "date-time" }),
    emailed: z.boolean().openapi({ description: "Whether Fulcrum e-mails it to the person (a mail server is set up); if not, pass it on yourself." }),
  })
  .openapi("SetPasswordLink");
export const UserInvited = User.extend({ setPasswordLink: SetPasswordLink }).openapi("UserInvited");

export const MembershipInput = z
  .object({ email: z.string().email().max(EMAIL_MAX), ods: Ods, role: z.enum(ROLES), seat: z.enum(SEATS).optional() })
  .strict()
  .openapi("MembershipInput");
export const Membership = z
  .object({ id: Uuid, email: z.string(), ods: Ods, role: z.enum(ROLES), seat: z.enum(SEATS).nullable() })
  .openapi("Membership");

// ---------------------------------------------------------------- me and tokens

export const Me = z
  .object({
    id: Uuid,
    name: z.string(),
    email: z.string(),
    tokenScope: z.enum(TOKEN_SCOPES),
    memberships: z.array(
      z.object({
        id: Uuid,
        organisation: z.object({ id: Uuid, ods: Ods, name: z.string(), kind: z.enum(ORG_KINDS) }),
        role: z.enum(ROLES),
        seat: z.enum(SEATS).nullable(),
      }),
    ),
  })
  .openapi("Me");

export const Token = z
  .object({
    id: Uuid,
    name: z.string(),
    prefix: z.string().openapi({ example: "ful_Ab12Cd" }),
    scope: z.enum(TOKEN_SCOPES),
    createdAt: IsoDateTime,
    expiresAt: IsoDateTime,
    lastUsedAt: IsoDateTime.nullable(),
    revokedAt: IsoDateTime.nullable(),
    state: z.enum(TOKEN_STATES),
  })
  .openapi("Token");
export const TokenList = z.object({ data: z.array(Token) }).openapi("TokenList");

export const IdParams = z.object({ id: Uuid.openapi({ param: { name: "id", in: "path" } }) });

export type DecisionWire = z.infer<typeof Decision>;
export type DecisionDetailWire = z.infer<typeof DecisionDetail>;
export type DecisionInputWire = z.infer<typeof DecisionInput>;
export type DecisionPatchWire = z.infer<typeof DecisionPatch>;
export type PositionInputWire = z.infer<typeof PositionInput>;
export type OutcomeInputWire = z.infer<typeof OutcomeInput>;
export type ListQueryWire = z.infer<typeof ListQuery>;
export type BalanceQueryWire = z.infer<typeof BalanceQuery>;
export type BalanceStatsWire = z.infer<typeof BalanceStats>;
export type OrganisationInputWire = z.infer<typeof OrganisationInput>;
export type UserInputWire = z.infer<typeof UserInput>;
export type MembershipInputWire = z.infer<typeof MembershipInput>;
export type MeWire = z.infer<typeof Me>;
export type TokenWire = z.infer<typeof Token>;
export type OutcomeWire = z.infer<typeof Outcome>;
export type PositionWire = z.infer<typeof Position>;
export type OrganisationWire = z.infer<typeof Organisation>;
export type UserWire = z.infer<typeof User>;
export type SetPasswordLinkWire = z.infer<typeof SetPasswordLink>;
export type UserInvitedWire = z.infer<typeof UserInvited>;
export type MembershipWire = z.infer<typeof Membership>;
