// What /api/v1/openapi.json promises clients about lengths and closed sets is what the lib enforces:
// every maxLength (and maxItems) is probed against the lib's own schema for that field, and every enum
// is its pgEnum's values (or one of the few sets the API has of its own).
import type { z } from "zod";
import { describe, expect, it } from "vitest";
import * as db from "@/db/schema";
import { MembershipInput } from "@/lib/admin/memberships";
import { OrganisationInput } from "@/lib/admin/organisations";
import { InviteInput } from "@/lib/auth/password-links";
import { RESOLUTION_EXCEPTIONS } from "@/lib/api/meetings-wire";
import { openApiDocument } from "@/lib/api/openapi";
import { ERROR_CODES, GROUP_BY, TOKEN_STATES } from "@/lib/api/schemas";
import { RegisterFiltersSchema, REGISTER_OUTCOMES } from "@/lib/decisions/register-filters";
import { CreateDecisionSchema, CriterionInputSchema, DecisionRiskInputSchema, WithdrawDecisionSchema } from "@/lib/decisions/schemas";
import { FACTOR_IDS } from "@/lib/decisions/taxonomy";
import { RecordOutcomeSchema } from "@/lib/outcomes";
import { decodeCursor, encodeCursor } from "@/lib/paging/cursor";
import { RecordPositionSchema } from "@/lib/sign-off";

type Node = { [k: string]: unknown };
/** A constraint found in the document: where, on which field (dotted, without `properties`/`items`), its value. */
type Found = { where: string; field: string; value: unknown };

const ID = "6f1c1a4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f";

/** Every `key` constraint in the components' schemas and the operations' parameters. */
function collect(key: "maxLength" | "maxItems" | "enum"): Found[] {
  const doc = JSON.parse(JSON.stringify(openApiDocument())) as Node;
  const out: Found[] = [];
  const walk = (node: unknown, where: string, field: string[]) => {
    if (!node || typeof node !== "object") return;
    const n = node as Node;
    if (key in n) out.push({ where, field: field.join("."), value: n[key] });
    for (const [k, v] of Object.entries(n.properties ?? {})) walk(v, where, [...field, k]);
    if (n.items) walk(n.items, where, field);
    for (const alt of [...((n.anyOf as unknown[]) ?? []), ...((n.oneOf as unknown[]) ?? []), ...((n.allOf as unknown[]) ?? [])]) walk(alt, where, field);
  };
  for (const [name, schema] of Object.entries((doc.components as Node).schemas as Node)) walk(schema, name, []);
  for (const [path, item] of Object.entries(doc.paths as Node)) {
    for (const [method, op] of Object.entries(item as Node)) {
      for (const p of ((op as Node).parameters as Node[] | undefined) ?? []) walk(p.schema, `${method} ${path} ?`, [String(p.name)]);
    }
  }
  return out;
}

/** The lib's schema that reads a field of this document schema, a valid input to vary, and where it reads the field. */
type Probe = { schema: z.ZodType; base: Record<string, unknown>; at?: (field: string) => string };
const decision: Probe = { schema: CreateDecisionSchema, base: { title: "T" } };
const PROBES: Record<string, Probe> = {
  DecisionInput: decision,
  DecisionPatch: decision,
  DecisionContext: { ...decision, at: (f) => `context.${f}` },
  Impact: { ...decision, at: (f) => `impactOnTrust.${f}` },
  CriterionInput: { schema: CriterionInputSchema, base: { statement: "S" } },
  DecisionRiskInput: { schema: DecisionRiskInputSchema, base: { domain: "finance", level: "open", reason: "R" } },
  WithdrawInput: { schema: WithdrawDecisionSchema, base: { id: ID, baseRevision: 1, reason: "R" } },
  PositionInput: { schema: RecordPositionSchema, base: { position: "support", forum: "public_board", version: 1 } },
  OutcomeInput: { schema: RecordOutcomeSchema, base: { outcome: "met", evidence: "E" } },
  OrganisationInput: { schema: OrganisationInput, base: { kind: "trust", name: "N", ods: "RNA" } },
  UserInput: { schema: InviteInput, base: { email: "a@nhs.net", name: "N" } },
  MembershipInput: { schema: MembershipInput, base: { email: "a@nhs.net", ods: "RNA", role: "board_member" } },
  "get /api/v1/decisions ?": { schema: RegisterFiltersSchema, base: {} },
  "get /api/v1/stats/balance ?": { schema: RegisterFiltersSchema, base: {} },
};

function withField(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  if (!rest.length) return { ...base, [head]: value };
  if (/^\d+$/.test(rest[0])) return { ...base, [head]: [withField({ statement: "S" }, rest.slice(1).join("."), value)] };
  return { ...base, [head]: withField((base[head] as Record<string, unknown>) ?? {}, rest.join("."), value) };
}

/** Text of exactly n characters that is otherwise valid for the field. */
const textOf = (field: string, n: number) => (field.endsWith("email") ? `${"a".repeat(n - "@nhs.net".length)}@nhs.net` : "x".repeat(n));

function errorsAt(probe: Probe, path: string, value: unknown): string[] {
  const r = probe.schema.safeParse(withField(probe.base, path, value));
  return r.success ? [] : r.error.issues.filter((i) => i.path.join(".") === path).map((i) => i.message);
}

describe("openapi.json limits are the lib's", () => {
  const lengths = collect("maxLength");

  it("finds the limits the issue named, now as the lib has them", () => {
    const at = (where: string, field: string) => lengths.find((l) => l.where === where && l.field === field)?.value;
    expect(at("DecisionInput", "context.regulatorRating")).toBe(200);
    expect(at("DecisionInput", "context.notes")).toBe(4000);
    expect(at("DecisionContext", "regulatorRating")).toBe(200);
    expect(lengths.length).toBeGreaterThan(25);
  });

  it("every maxLength is the most the lib accepts for that field", () => {
    const wrong: string[] = [];
    for (const { where, field, value } of lengths) {
      const max = value as number;
      if (field === "cursor") {
        // A real cursor of the longest length decodes; a longer real one does not.
        const real = (len: number) => {
          for (let k = 1; k < 1000; k++) {
            const c = encodeCursor({ k: "x".repeat(k), id: ID });
            if (c.length >= len) return c;
          }
          throw new Error("no cursor that long");
        };
        const longest = real(max);
        if (longest.length === max) expect(() => decodeCursor(longest), where).not.toThrow();
        expect(() => decodeCursor(real(max + 1)), where).toThrow();
        continue;
      }
      const probe = PROBES[where];
      if (!probe) {
        wrong.push(`${where}.${field}: no lib schema to compare with`);
        continue;
      }
      const path = probe.at ? probe.at(field) : field;
      const atMax = errorsAt(probe, path, textOf(field, max));
      const over = errorsAt(probe, path, textOf(field, max + 1));
      if (atMax.length) wrong.push(`${where}.${field}: documented ${max}, but the lib refuses ${max}: ${atMax[0]}`);
      if (!over.length) wrong.push(`${where}.${field}: documented ${max}, but the lib accepts ${max + 1}`);
    }
    expect(wrong).toEqual([]);
  });

  it("every maxItems is the most the lib accepts (factors: each once)", () => {
    const wrong: string[] = [];
    for (const { where, field, value } of collect("maxItems")) {
      const max = value as number;
      if (field === "factors") {
        if (max !== FACTOR_IDS.length) wrong.push(`${where}.factors: documented ${max}, there are ${FACTOR_IDS.length} factors`);
        continue;
      }
      const item = field === "criteria" ? { statement: "S" } : { ods: "RNB", role: "benefits" };
      // Risks: one per domain, so a list as long as the domains is valid.
      const list = (n: number) => Array.from({ length: n }, (_, i) => (field === "risks" ? { domain: db.riskDomain.enumValues[i % db.riskDomain.enumValues.length], level: "open", reason: "R" } : item));
      const probe = PROBES[where];
      if (!probe) {
        wrong.push(`${where}.${field}: no lib schema to compare with`);
        continue;
      }
      if (errorsAt(probe, field, list(max)).length) wrong.push(`${where}.${field}: documented ${max}, but the lib refuses ${max}`);
      if (!errorsAt(probe, field, list(max + 1)).length) wrong.push(`${where}.${field}: documented ${max}, but the lib accepts ${max + 1}`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("openapi.json closed sets are the database's", () => {
  /** The pgEnum behind a field, by its full place or, failing that, its name. */
  const PG_ENUM: Record<string, { enumValues: readonly string[] }> = {
    "DecisionOrganisation.role": db.orgLinkRole,
    "DecisionInput.organisations.role": db.orgLinkRole,
    "DecisionPatch.organisations.role": db.orgLinkRole,
    role: db.role,
    kind: db.orgKind,
    trustType: db.trustType,
    seat: db.boardSeat,
    status: db.decisionStatus,
    favoured: db.favoured,
    category: db.category,
    factors: db.factor,
    factor: db.factor,
    visibility: db.visibility,
    financialPosition: db.financialPosition,
    position: db.positionKind,
    forum: db.forum,
    outcome: db.outcome,
    tokenScope: db.tokenScope,
    scope: db.tokenScope,
    "MeetingInput.kind": db.meetingKind,
    "Meeting.kind": db.meetingKind,
    "MeetingSummary.kind": db.meetingKind,
    "Meeting.status": db.meetingStatus,
    "MeetingSummary.status": db.meetingStatus,
    attendance: db.attendanceKind,
    resolution: db.resolutionKind,
    ratification: db.ratificationState,
    domain: db.riskDomain,
    riskDomain: db.riskDomain,
    level: db.riskLevel,
    appetite: db.riskLevel,
    taken: db.riskLevel,
  };
  /** Sets with no column behind them, by their full place. */
  const OWN: Record<string, readonly string[]> = {
    "Error.error.code": ERROR_CODES,
    "Token.state": TOKEN_STATES,
    "get /api/v1/decisions ?.outcome": REGISTER_OUTCOMES,
    "get /api/v1/decisions ?.due": ["1"],
    "get /api/v1/decisions ?.gave": ["1"],
    "get /api/v1/decisions ?.outside": ["1"],
    "get /api/v1/stats/balance ?.groupBy": GROUP_BY,
    "ResolutionInput.exceptions.position": RESOLUTION_EXCEPTIONS,
  };

  it("every enum is its pgEnum's values, in order (and null where the field may be empty)", () => {
    const enums = collect("enum");
    expect(enums.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const { where, field, value } of enums) {
      const place = `${where}.${field}`;
      const values = (value as (string | null)[]).filter((v) => v !== null);
      const own = OWN[place];
      if (own) {
        if (JSON.stringify(values) !== JSON.stringify(own)) wrong.push(`${place}: ${JSON.stringify(values)}`);
        continue;
      }
      const pg = PG_ENUM[place] ?? PG_ENUM[field.split(".").pop()!];
      if (!pg) wrong.push(`${place}: no pgEnum known for it`);
      else if (JSON.stringify(values) !== JSON.stringify(pg.enumValues)) wrong.push(`${place}: ${JSON.stringify(values)}, the database has ${JSON.stringify(pg.enumValues)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("the register's outcome filter is the outcomes and 'assessed'; the error codes are lib/errors' and 'internal'", () => {
    expect(REGISTER_OUTCOMES).toEqual(["assessed", ...db.outcome.enumValues]);
    expect(ERROR_CODES.at(-1)).toBe("internal");
  });
});
