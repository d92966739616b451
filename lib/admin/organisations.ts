import "server-only";
import { z } from "zod";
import { and, asc, count, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Tx } from "@/db/client";
import { memberships, organisations, trustType, type Organisation } from "@/db/schema";
import { assertCan, ROLE, type Actor } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { reapplySignOffPolicy } from "../sign-off";
import { NAME_MAX, parseInput, text } from "../validation";
import { isUniqueViolation, odsCode, optionalChoice, wholeNumber, yesNo } from "./fields";
import { recordAccessChange } from "./access-changes";
import { refuseSelf } from "./users";

export const ORG_KINDS = ["national", "ics", "trust"] as const;
export const TRUST_TYPES = trustType.enumValues;
export const TRUST_TYPE_LABELS: Record<(typeof TRUST_TYPES)[number], string> = {
  acute: "Acute",
  mental_health: "Mental health",
  community: "Community",
  specialist: "Specialist",
  ambulance: "Ambulance",
  combined: "Combined",
};
export const ORG_KIND_LABELS: Record<(typeof ORG_KINDS)[number], string> = {
  national: "National body",
  ics: "Integrated Care System (ICS)",
  trust: "Trust",
};

/** The wire shape of `POST /api/v1/admin/organisations` (and the admin form). */
export const OrganisationInput = z.object({
  kind: z.enum(ORG_KINDS, { error: "Select the kind of organisation: national body, ICS or trust" }),
  name: text("the organisation's name", NAME_MAX, { required: true }),
  ods: odsCode(),
  icsOds: z.preprocess((v) => (v === "" || v === null ? undefined : v), odsCode("ICS ODS code").optional()),
  trustType: optionalChoice(TRUST_TYPES, `Select the trust type: ${TRUST_TYPES.map((t) => TRUST_TYPE_LABELS[t].toLowerCase()).join(", ")}`),
  foundationTrust: yesNo("it is a foundation trust"),
  turnoverM: wholeNumber("Turnover", 0, 100_000),
  signOffMinSupport: wholeNumber("Minimum supporting board members", 1, 30),
  signOffChairRequired: yesNo("the Chair must support"),
  /** Standing orders (issue 14): non-executive directors who must join the Chair for Chair's action. */
  chairsActionNeds: wholeNumber("Non-executive directors for Chair's action", 1, 2),
  /** Required when a change alters the sign-off policy (issue 10 item 2): recorded in the audit. */
  policyChangeReason: z.preprocess((v) => (v === null ? undefined : v), text("the reason for changing the sign-off policy", 2000).optional()),
});
export type OrganisationInput = z.input<typeof OrganisationInput>;

export type OrganisationView = Organisation & { icsOds: string | null; icsName: string | null; members: number };

const ics = alias(organisations, "ics");

function toView(o: Organisation, icsRow: { ods: string; name: string } | null, members = 0): OrganisationView {
  return { ...o, icsOds: icsRow?.ods ?? null, icsName: icsRow?.name ?? null, members };
}

/** Every organisation with its ICS and number of memberships (admin only). */
export async function listOrganisations(actor: Actor): Promise<OrganisationView[]> {
  assertCan(actor, "admin");
  const db = await getDb();
  const rows = await db
    .select({
      org: organisations,
      icsOds: ics.ods,
      icsName: ics.name,
      members: sql<number>`(select count(*)::int from ${memberships} where ${memberships.organisationId} = ${organisations.id})`,
    })
    .from(organisations)
    .leftJoin(ics, eq(ics.id, organisations.icsId))
    .orderBy(sql`case ${organisations.kind} when 'national' then 0 when 'ics' then 1 else 2 end`, asc(sql`coalesce(${ics.ods}, ${organisations.ods})`), asc(organisations.kind), asc(organisations.ods));
  return rows.map((r) => toView(r.org, r.icsOds ? { ods: r.icsOds, name: r.icsName! } : null, Number(r.members)));
}

export async function getOrganisation(actor: Actor, id: string): Promise<OrganisationView> {
  assertCan(actor, "admin");
  const db = await getDb();
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", "Organisation not found");
  const [row] = await db
    .select({ org: organisations, icsOds: ics.ods, icsName: ics.name })
    .from(organisations)
    .leftJoin(ics, eq(ics.id, organisations.icsId))
    .where(eq(organisations.id, id));
  if (!row) throw new AppError("not_found", "Organisation not found");
  const [m] = await db.select({ n: count() }).from(memberships).where(eq(memberships.organisationId, id));
  return toView(row.org, row.icsOds ? { ods: row.icsOds, name: row.icsName! } : null, m.n);
}

/** The columns an input sets, after the checks that need the database. */
async function resolve(tx: Tx, input: z.output<typeof OrganisationInput>, selfId: string | null) {
  const fieldErrors: Record<string, string> = {};
  const [dupe] = await tx
    .select({ id: organisations.id })
    .from(organisations)
    .where(selfId ? and(eq(organisations.ods, input.ods), ne(organisations.id, selfId)) : eq(organisations.ods, input.ods));
  if (dupe) fieldErrors.ods = `An organisation with ODS code ${input.ods} already exists`;
  let icsId: string | null = null;
  if (input.kind === "trust") {
    if (!input.icsOds) fieldErrors.icsOds = "Select the trust's Integrated Care System (ICS)";
    else {
      const [row] = await tx.select({ id: organisations.id, kind: organisations.kind }).from(organisations).where(eq(organisations.ods, input.icsOds));
      if (!row || row.kind !== "ics") fieldErrors.icsOds = `There is no ICS with ODS code ${input.icsOds}`;
      else icsId = row.id;
    }
    if (!input.trustType) fieldErrors.trustType = "Select the trust type";
  }
  if (Object.keys(fieldErrors).length) throw new AppError("invalid", "Some answers need correcting", { fieldErrors });
  const trust = input.kind === "trust";
  return {
    kind: input.kind,
    name: input.name,
    ods: input.ods,
    icsId,
    trustType: trust ? input.trustType! : null,
    foundationTrust: trust ? (input.foundationTrust ?? false) : false,
    // To the nearest £10m, as DESIGN.md records it.
    turnoverM: trust && input.turnoverM !== undefined ? Math.round(input.turnoverM / 10) * 10 : null,
    signOffMinSupport: input.signOffMinSupport ?? 3,
    signOffChairRequired: input.signOffChairRequired ?? true,
    chairsActionNeds: input.chairsActionNeds ?? 1,
  };
}

function duplicateOds(ods: string) {
  return new AppError("invalid", "Some answers need correcting", { fieldErrors: { ods: `An organisation with ODS code ${ods} already exists` } });
}

export async function createOrganisation(actor: Actor, raw: unknown): Promise<OrganisationView> {
  assertCan(actor, "admin");
  const input = parseInput(OrganisationInput, raw);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const values = await resolve(tx, input, null);
      const [org] = await tx.insert(organisations).values(values).returning();
      await recordAudit(tx, actor, { organisationId: org.id, action: "organisation.created", entityType: "organisation", entityId: org.id, after: org });
      return toView(org, input.kind === "trust" ? { ods: input.icsOds!, name: "" } : null);
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateOds(input.ods);
    throw e;
  }
}

/** Changes an organisation's details; its kind stays what it was (memberships depend on it). */
export async function updateOrganisation(actor: Actor, id: string, raw: unknown): Promise<OrganisationView> {
  assertCan(actor, "admin");
  const input = parseInput(OrganisationInput, raw);
  const db = await getDb();
  if (!z.uuid().safeParse(id).success) throw new AppError("not_found", "Organisation not found");
  try {
    const result = await db.transaction(async (tx) => {
      const [before] = await tx.select().from(organisations).where(eq(organisations.id, id)).for("update");
      if (!before) throw new AppError("not_found", "Organisation not found");
      if (before.kind !== input.kind) {
        throw new AppError("invalid", "Some answers need correcting", {
          fieldErrors: { kind: `The kind of an organisation cannot change: this one is a ${ORG_KIND_LABELS[before.kind].toLowerCase()}` },
        });
      }
      const values = await resolve(tx, input, id);
      // Not sent (an older client): the trust's Chair's action rule stays as it is.
      if (input.chairsActionNeds === undefined) values.chairsActionNeds = before.chairsActionNeds;
      const policyChanged =
        before.kind === "trust" &&
        (values.signOffMinSupport !== before.signOffMinSupport || values.signOffChairRequired !== before.signOffChairRequired || values.chairsActionNeds !== before.chairsActionNeds);
      // An administrator who sits on this organisation's board cannot change its sign-off rules.
      if (policyChanged && actor.memberships.some((m) => m.organisationId === id && m.role !== ROLE.admin)) return "self" as const;
      if (policyChanged && !input.policyChangeReason) {
        throw new AppError("invalid", "Some answers need correcting", {
          fieldErrors: { policyChangeReason: "Enter the reason for changing the sign-off policy" },
        });
      }
      const [after] = await tx.update(organisations).set({ ...values, updatedAt: new Date() }).where(eq(organisations.id, id)).returning();
      await recordAudit(tx, actor, {
        organisationId: id,
        action: "organisation.updated",
        entityType: "organisation",
        entityId: id,
        before,
        after: policyChanged ? { ...after, policyChangeReason: input.policyChangeReason } : after,
      });
      if (policyChanged) {
        const words = (n: number, chair: boolean) => `at least ${n} in support${chair ? ", the Chair among them" : ""}`;
        if (after.signOffMinSupport !== before.signOffMinSupport || after.signOffChairRequired !== before.signOffChairRequired) {
          await recordAccessChange(
            tx,
            actor,
            id,
            `Sign-off rule changed from ${words(before.signOffMinSupport, before.signOffChairRequired)} to ${words(after.signOffMinSupport, after.signOffChairRequired)}`,
          );
        }
        if (after.chairsActionNeds !== before.chairsActionNeds) {
          const neds = (n: number) => `the Chair and ${n === 1 ? "one non-executive director" : "two non-executive directors"}`;
          await recordAccessChange(tx, actor, id, `Chair's action changed from ${neds(before.chairsActionNeds)} to ${neds(after.chairsActionNeds)}`);
        }
        // The one rule for a changed policy (lib/sign-off.ts): waiting decisions are re-checked now.
        await reapplySignOffPolicy(tx, actor, id, input.policyChangeReason!);
      }
      return toView(after, input.kind === "trust" ? { ods: input.icsOds!, name: "" } : null);
    });
    if (result === "self") {
      await refuseSelf(actor, actor.userId, "organisation.sign_off_policy", "You cannot change the sign-off rule of a board you sit on: another administrator must make this change");
    }
    return result as OrganisationView;
  } catch (e) {
    if (isUniqueViolation(e)) throw duplicateOds(input.ods);
    throw e;
  }
}

/** Organisations for the membership form's list. */
export async function listOrganisationChoices(actor: Actor) {
  assertCan(actor, "admin");
  const db = await getDb();
  return db
    .select({ id: organisations.id, ods: organisations.ods, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .orderBy(asc(organisations.name));
}
