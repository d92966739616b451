import "server-only";
import { z } from "zod";
import { and, count, eq, isNull as sqlIsNull, ne } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { boardSeat, memberships, organisations, role as roleEnum, users, type Membership } from "@/db/schema";
import { assertCan, ROLE, ROLE_LABELS, SEAT_LABELS, type Actor, type OrgKind, type Role } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { email, parseInput } from "../validation";
import { isUniqueViolation, odsCode, optionalChoice } from "./fields";
import { recordAccessChange } from "./access-changes";
import { isDemoEmail, lockDownDemoIfRealAdmin } from "../demo/lock-down";
import { refuseSelf } from "./users";

const SELF_MEMBERSHIP = "You cannot change your own memberships: another administrator must make this change";

function describe(role: Membership["role"], seat: Membership["seat"]) {
  return role === ROLE.boardMember && seat ? SEAT_LABELS[seat] : ROLE_LABELS[role];
}

export const ROLES = roleEnum.enumValues;
export const SEATS = boardSeat.enumValues;

/** Which kind of organisation each role belongs to. */
export const ROLE_ORG_KIND: Record<Role, OrgKind> = {
  chief_executive: "trust",
  board_member: "trust",
  ics_lead: "ics",
  national_analyst: "national",
  admin: "national",
  company_secretary: "trust",
};

const KIND_WORDS: Record<OrgKind, string> = { trust: "a trust", ics: "an Integrated Care System (ICS)", national: "a national body" };

/** The wire shape of `POST /api/v1/admin/memberships` (and the admin form). */
export const MembershipInput = z.object({
  email,
  ods: odsCode(),
  role: z.enum(ROLES, { error: "Select the role: Chief Executive, board member, Company Secretary, ICS lead, national analyst or administrator" }),
  seat: optionalChoice(SEATS, "Select the board seat: Chair, Non-Executive Director or Executive Director"),
});
export type MembershipInput = z.input<typeof MembershipInput>;

export type MembershipView = Membership & { email: string; ods: string };

const invalid = (fieldErrors: Record<string, string>) => new AppError("invalid", "Some answers need correcting", { fieldErrors });

/** Adds a membership without an access check: for `user:create --admin` and addMembership. */
export async function unsafeAddMembership(tx: DbOrTx, actor: Actor | null, input: z.output<typeof MembershipInput>): Promise<MembershipView> {
  const fieldErrors: Record<string, string> = {};
  const [user] = await tx.select({ id: users.id, name: users.name }).from(users).where(eq(users.email, input.email));
  if (!user) fieldErrors.email = `There is no user with the email address ${input.email}`;
  // Locking the organisation serialises membership changes to it (one Chair per trust).
  const [org] = await tx.select().from(organisations).where(eq(organisations.ods, input.ods)).for("update");
  if (!org) fieldErrors.ods = `There is no organisation with ODS code ${input.ods}`;
  else if (org.kind !== ROLE_ORG_KIND[input.role]) {
    fieldErrors.role = `${ROLE_LABELS[input.role]} is a role on ${KIND_WORDS[ROLE_ORG_KIND[input.role]]}, and ${org.ods} is ${KIND_WORDS[org.kind]}`;
  }
  if (input.role === ROLE.boardMember && !input.seat) fieldErrors.seat = "Select the board seat: Chair, Non-Executive Director or Executive Director";
  if (input.role !== ROLE.boardMember && input.seat) fieldErrors.seat = "Only board members have a seat: leave the seat empty for this role";
  if (!Object.keys(fieldErrors).length && user && org) {
    const [dupe] = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), eq(memberships.organisationId, org.id), eq(memberships.role, input.role)));
    if (dupe) fieldErrors.role = `This person is already ${ROLE_LABELS[input.role].toLowerCase()} of ${org.name}`;
    if (input.seat === "chair") {
      const [chair] = await tx
        .select({ name: users.name })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.organisationId, org.id), eq(memberships.role, ROLE.boardMember), eq(memberships.seat, "chair")));
      if (chair) fieldErrors.seat = `${org.name} already has a Chair (${chair.name}): remove that membership first`;
    }
  }
  if (Object.keys(fieldErrors).length) throw invalid(fieldErrors);
  const [m] = await tx
    .insert(memberships)
    .values({ userId: user!.id, organisationId: org!.id, role: input.role, seat: input.role === ROLE.boardMember ? input.seat! : null })
    .returning();
  const view = { ...m, email: input.email, ods: org!.ods };
  if (m.role === ROLE.admin) await lockDownDemoIfRealAdmin(tx, input.email);
  await recordAudit(tx, actor, { organisationId: org!.id, action: "membership.added", entityType: "membership", entityId: m.id, after: view });
  await recordAccessChange(tx, actor, org!.id, `${user!.name} (${input.email}) added as ${describe(m.role, m.seat)}`);
  return view;
}

export async function addMembership(actor: Actor, raw: unknown): Promise<MembershipView> {
  assertCan(actor, "admin");
  const input = parseInput(MembershipInput, raw);
  const db = await getDb();
  const [target] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (target) await refuseSelf(actor, target.id, "membership.added", SELF_MEMBERSHIP);
  try {
    return await db.transaction((tx) => unsafeAddMembership(tx, actor, input));
  } catch (e) {
    if (isUniqueViolation(e)) throw invalid({ role: "This person already has this role there" });
    throw e;
  }
}

/**
 * Removes a membership: memberships are access records referenced by nothing else, so the row is
 * deleted; the audit event keeps what it was. The last administrator cannot be removed.
 */
export async function removeMembership(actor: Actor, input: { membershipId: string }): Promise<void> {
  assertCan(actor, "admin");
  if (!z.uuid().safeParse(input.membershipId).success) throw new AppError("not_found", "Membership not found");
  const db = await getDb();
  const outcome = await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ m: memberships, email: users.email, name: users.name, ods: organisations.ods })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(eq(memberships.id, input.membershipId))
      .for("update", { of: memberships });
    if (!before) throw new AppError("not_found", "Membership not found");
    if (before.m.role === ROLE.admin) {
      const [others] = await tx
        .select({ n: count() })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.role, ROLE.admin), ne(memberships.id, before.m.id), sqlIsNull(users.disabledAt)));
      if (others.n === 0) throw new AppError("conflict", "This is the last administrator's membership: add another administrator first");
    }
    if (before.m.userId === actor.userId) return "self" as const;
    await tx.delete(memberships).where(eq(memberships.id, before.m.id));
    await recordAudit(tx, actor, {
      organisationId: before.m.organisationId,
      action: "membership.removed",
      entityType: "membership",
      entityId: before.m.id,
      before: { ...before.m, email: before.email, ods: before.ods },
    });
    await recordAccessChange(tx, actor, before.m.organisationId, `${before.name} (${before.email}) removed as ${describe(before.m.role, before.m.seat)}`);
  });
  if (outcome === "self") await refuseSelf(actor, actor.userId, "membership.removed", SELF_MEMBERSHIP);
}


