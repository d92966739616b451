// The wire format of REST API v1 (README, "API"). One zod schema per shape, used both to parse
// requests in the route wrapper and to generate /api/v1/openapi.json, so the two cannot drift.
// Request bodies are `.strict()`: an unknown field is a 400 naming it, never silently dropped.
import { z } from "./zod";
import { FACTOR_IDS, CATEGORY_IDS } from "../decisions/taxonomy";

// ---------------------------------------------------------------- closed sets (as in db/schema.ts)

export const FAVOURED = ["system", "trust"] as const;
export const CATEGORIES = CATEGORY_IDS;
export const FACTORS = FACTOR_IDS;
export const VISIBILITIES = ["trust", "system"] as const;
export const STATUSES = ["draft", "awaiting_sign_off", "signed_off", "declined", "reviewed", "withdrawn"] as const;
export const POSITIONS = ["support", "object", "abstain"] as const;
export const FORUMS = ["public_board", "private_session", "chairs_action"] as const;
export const OUTCOMES = ["met", "partly_met", "not_met", "unknown"] as const;
export const ORG_LINK_ROLES = ["benefits", "bears_cost"] as const;
export const FINANCIAL_POSITIONS = ["surplus", "breakeven", "deficit"] as const;
export const ORG_KINDS = ["national", "ics", "trust"] as const;
export const TRUST_TYPES = ["acute", "mental_health", "community", "specialist", "ambulance", "combined"] as const;
export const ROLES = ["chief_executive", "board_member", "ics_lead", "national_analyst", "admin"] as const;
export const SEATS = ["chair", "non_executive", "executive"] as const;
export const GROUP_BY = ["trust_type", "category", "quarter", "trust", "author"] as const;
export const ERROR_CODES = ["invalid", "unauthenticated", "forbidden", "not_found", "conflict", "too_large", "rate_limited", "internal"] as const;

/** Text limits on the wire (the lib functions apply their own, which are never looser). */
export const LIMITS = { title: 200, summary: 2000, long: 20000, short: 500, comment: 5000, evidence: 5000 } as const;

// ---------------------------------------------------------------- primitives

const NO_NUL = (v: string) => !v.includes("\u0000");
const str = (max: number) => z.string().max(max, { message: `Must be ${max.toLocaleString("en-GB")} characters or fewer` }).refine(NO_NUL, { message: "Contains a character that is not allowed" });
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
const AmountK = z.number().int({ message: "Must be a whole number of £k" }).min(-10_000_000).max(10_000_000);

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
    financialAmountM: z.number().int().min(-100_000).max(100_000).nullable().openapi({ description: "Surplus or deficit in £m, signed (deficit negative)" }),
    regulatorRating: str(LIMITS.short),
    notes: str(LIMITS.long),
  })
  .openapi("DecisionContext", { description: "The trust's position when the decision was made" });

export const Impact = z
  .object({ amountK: AmountK.nullable().openapi({ description: "Estimated impact in £k, signed: negative is a cost" }), text: str(LIMITS.summary) })
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
    criteria: z.array(Criterion),
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
    statement: str(LIMITS.summary).min(1, { message: "Enter the criterion" }),
    measure: str(LIMITS.short).optional(),
    baseline: str(LIMITS.short).optional(),
    target: str(LIMITS.short).optional(),
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
      financialAmountM: z.number().int().min(-100_000).max(100_000).nullable().optional(),
      regulatorRating: str(LIMITS.short).optional(),
      notes: str(LIMITS.long).optional(),
    })
    .strict()
    .optional(),
  options: str(LIMITS.long).optional(),
  rationale: str(LIMITS.long).optional(),
  favoured: z.enum(FAVOURED).nullable().optional(),
  category: z.enum(CATEGORIES).nullable().optional(),
  factors: z.array(z.enum(FACTORS)).max(FACTORS.length).optional(),
  impactOnTrust: z.object({ amountK: AmountK.nullable().optional(), text: str(LIMITS.summary).optional() }).strict().optional(),
  impactOnSystem: z.object({ amountK: AmountK.nullable().optional(), text: str(LIMITS.summary).optional() }).strict().optional(),
  organisations: z.array(DecisionOrganisation.strict()).max(50).optional(),
  decidedOn: IsoDate.nullable().optional(),
  visibility: z.enum(VISIBILITIES).optional(),
  criteria: z.array(CriterionInput).max(20, { message: "At most 20 criteria" }).optional(),
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
      .max(LIMITS.summary, { message: `Must be ${LIMITS.summary.toLocaleString("en-GB")} characters or fewer` })
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
    comment: str(LIMITS.comment).optional(),
    forum: z.enum(FORUMS),
    conflict: str(LIMITS.summary).nullable().optional().openapi({ description: "A conflict of interest to declare; null or absent for none" }),
    version: z.number().int().min(1).openapi({ description: "The version you are taking a position on (must be the current one)" }),
  })
  .strict()
  .openapi("PositionInput");

export const OutcomeInput = z
  .object({ outcome: z.enum(OUTCOMES), evidence: str(LIMITS.evidence).min(1, { message: "Enter the evidence" }) })
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
    q: z.string().max(200).optional().openapi({ description: "Words in the title, summary or rationale" }),
  })
  .strict();

export const ListQuery = RegisterFilters.extend({
  factor: z.enum(FACTORS).optional().openapi({ description: "Decisions that weighed this factor" }),
  outcome: z.enum(["assessed", "met", "partly_met", "not_met", "unknown"]).optional().openapi({
    description: "Decisions with a current criterion whose latest assessment is this (any assessment, for `assessed`)",
  }),
  due: z.enum(["1"]).optional().openapi({ description: "`1`: signed off, with a criterion past its judged-by date and no assessment" }),
  beneficiary: Ods.optional().openapi({ description: "Decisions of other trusts naming this organisation (of your ICS) as benefiting" }),
  gave: z.enum(["1"]).optional().openapi({ description: "`1`: decisions naming an organisation other than their own trust as benefiting" }),
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ type: "integer", minimum: 1, maximum: 200, default: 50 }),
  cursor: z.string().max(500).optional().openapi({ description: "The `nextCursor` of the previous page" }),
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
    name: str(200).min(1, { message: "Enter the name" }),
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
    email: z.string().email({ message: "Must be an email address like name@nhs.net" }).max(254),
    name: str(200).min(1, { message: "Enter the name" }),
    password: z.string().min(12, { message: "Must be at least 12 characters" }).max(200),
  })
  .strict()
  .openapi("UserInput");
export const User = z.object({ id: Uuid, email: z.string(), name: z.string() }).openapi("User");

export const MembershipInput = z
  .object({ email: z.string().email().max(254), ods: Ods, role: z.enum(ROLES), seat: z.enum(SEATS).optional() })
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
    tokenScope: z.enum(["read", "write"]),
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
    scope: z.enum(["read", "write"]),
    createdAt: IsoDateTime,
    expiresAt: IsoDateTime,
    lastUsedAt: IsoDateTime.nullable(),
    revokedAt: IsoDateTime.nullable(),
    state: z.enum(["active", "expired", "revoked"]),
  })
  .openapi("Token");
export const TokenList = z.object({ data: z.array(Token) }).openapi("TokenList");

export const IdParams = z.object({ id: Uuid.openapi({ param: { name: "id", in: "path" } }) });
export const NoQuery = z.object({}).strict();
export const NoBody = z.object({}).strict();

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
export type MembershipWire = z.infer<typeof Membership>;
