import { and, eq, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import { boardSeat, decisions, orgKind, organisations, role as roleEnum } from "@/db/schema";
import { AppError } from "./errors";

// Pure: no database here, so the rules are unit-testable and usable anywhere in lib/. Roles are named
// here and nowhere else: other modules ask the helpers below, or name a role through ROLE.

export type Role = (typeof roleEnum.enumValues)[number];
export type Seat = (typeof boardSeat.enumValues)[number];
export type OrgKind = (typeof orgKind.enumValues)[number];

/** The roles by name, for code that must name one (a SQL condition, a switch): never a bare string. */
export const ROLE = {
  chiefExecutive: "chief_executive",
  boardMember: "board_member",
  icsLead: "ics_lead",
  nationalAnalyst: "national_analyst",
  admin: "admin",
  companySecretary: "company_secretary",
} as const satisfies Record<string, Role>;

export type ActorMembership = {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrgKind;
  ods: string;
  /** For a trust: its ICS. */
  icsId: string | null;
  role: Role;
  seat: Seat | null;
};

export type Actor = {
  userId: string;
  name: string;
  email: string;
  memberships: ActorMembership[];
  /** The membership the person is acting as in the UI (home page, navigation). Access uses all of them. */
  activeMembershipId: string | null;
  /** Set for API tokens: a read token may not write. */
  tokenScope?: "read" | "write";
  /** Set for browser sessions: the server-side session this request belongs to (lib/auth/sessions.ts). */
  sessionId?: string | null;
  /** Set for browser sessions: signed in through single sign-on (read with the session, lib/auth). */
  sessionSso?: boolean;
  ip?: string | null;
  userAgent?: string | null;
};

export const ROLE_LABELS: Record<Role, string> = {
  chief_executive: "Chief Executive",
  board_member: "Board member",
  ics_lead: "ICS lead",
  national_analyst: "National analyst",
  admin: "Administrator",
  company_secretary: "Company Secretary",
};

export const SEAT_LABELS: Record<Seat, string> = {
  chair: "Chair",
  non_executive: "Non-Executive Director",
  executive: "Executive Director",
};

/**
 * The permission table of DESIGN.md. A permission is held on an organisation through a membership of
 * it (or, for an ICS lead, of the trust's ICS; national and admin permissions are platform-wide).
 * `decision.read` makes a trust's insiders (they read its submitted decisions and their whole history);
 * `decision.read_shared` makes an ICS's lead a reader of what its trusts share with the system.
 */
export const ROLE_PERMISSIONS = {
  chief_executive: [
    "decision.read",
    "decision.create",
    "decision.edit",
    "decision.submit",
    "decision.withdraw",
    "decision.comment",
    "decision.import",
    "outcome.record",
    "register.view",
    "dashboard.trust",
    "meeting.read",
    "meeting.propose",
  ],
  board_member: ["decision.read", "decision.comment", "position.record", "register.view", "dashboard.trust", "meeting.read"],
  ics_lead: ["decision.read_shared", "decision.comment", "dashboard.ics", "register.view_shared"],
  national_analyst: ["dashboard.national"],
  admin: ["admin", "decision.import", "risk_appetite.set"],
  // Reads like a board member; prepares meetings and records the board's resolution. Never
  // `position.record`: a secretary neither counts toward sign-off nor takes a position of their own.
  company_secretary: ["decision.read", "decision.comment", "register.view", "dashboard.trust", "meeting.read", "meeting.manage", "risk_appetite.set"],
} as const satisfies Record<Role, readonly string[]>;

/** Extra permissions that go with a board seat. */
export const SEAT_PERMISSIONS = {
  chair: ["sign_off.decline", "outcome.record", "meeting.manage", "risk_appetite.set"],
  non_executive: [],
  executive: [],
} as const satisfies Record<Seat, readonly string[]>;

export type Permission =
  | (typeof ROLE_PERMISSIONS)[Role][number]
  | (typeof SEAT_PERMISSIONS)[Seat][number];

const WRITE_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  "decision.create",
  "decision.edit",
  "decision.submit",
  "decision.withdraw",
  "decision.comment",
  "decision.import",
  "outcome.record",
  "position.record",
  "sign_off.decline",
  "admin",
  "meeting.manage",
  "meeting.propose",
  "risk_appetite.set",
]);

const PLATFORM_ROLES: ReadonlySet<Role> = new Set<Role>(["admin", "national_analyst"]);

function membershipPermissions(m: ActorMembership): readonly Permission[] {
  const own: readonly Permission[] = ROLE_PERMISSIONS[m.role];
  if (m.role === "board_member" && m.seat) return [...own, ...SEAT_PERMISSIONS[m.seat]];
  return own;
}

/** The organisation a permission is asked about: a trust (with its ICS), an ICS, or nothing (platform). */
export type OrgRef = { id: string; kind?: OrgKind; icsId?: string | null } | null;

function membershipCovers(m: ActorMembership, org: OrgRef): boolean {
  if (PLATFORM_ROLES.has(m.role)) return true;
  if (!org) return false;
  if (m.organisationId === org.id) return true;
  return m.role === "ics_lead" && !!org.icsId && m.organisationId === org.icsId;
}

export function can(actor: Actor, permission: Permission, org: OrgRef = null): boolean {
  if (actor.tokenScope === "read" && WRITE_PERMISSIONS.has(permission)) return false;
  return actor.memberships.some((m) => membershipCovers(m, org) && membershipPermissions(m).includes(permission));
}

/**
 * Throws unless the actor holds the permission on the organisation. By default the refusal is
 * "not found", so nobody learns that something exists; pass `visible: true` when the actor may already
 * see the thing (then it is "forbidden").
 */
export function assertCan(actor: Actor, permission: Permission, org: OrgRef = null, opts: { visible?: boolean; what?: string } = {}) {
  if (can(actor, permission, org)) return;
  if (actor.tokenScope === "read" && WRITE_PERMISSIONS.has(permission) && opts.visible) {
    throw new AppError("forbidden", "This token is read-only");
  }
  if (opts.visible) throw new AppError("forbidden", "You do not have permission to do that");
  throw new AppError("not_found", `${opts.what ?? "Page"} not found`);
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.memberships.some((m) => m.role === role);
}

export function isAdmin(actor: Actor): boolean {
  return can(actor, "admin");
}

/** The actor's memberships in any of these roles. */
export function membershipsWithRole(actor: Actor, ...roles: Role[]): ActorMembership[] {
  return actor.memberships.filter((m) => roles.includes(m.role));
}

/** Organisation ids on which the actor holds a role. */
export function orgIdsWithRole(actor: Actor, ...roles: Role[]): string[] {
  return uniqueOrgIds(membershipsWithRole(actor, ...roles));
}

/** The actor's memberships that hold one of these permissions on their own organisation. */
function membershipsHolding(actor: Actor, ...permissions: Permission[]): ActorMembership[] {
  return actor.memberships.filter((m) => membershipPermissions(m).some((p) => permissions.includes(p)));
}

const uniqueOrgIds = (ms: ActorMembership[]) => [...new Set(ms.map((m) => m.organisationId))];

/**
 * The actor's memberships as one of a trust's insiders: its Chief Executive or a board member
 * (`decision.read`). Insiders read every submitted decision of their trust and its whole history.
 */
export function insiderMemberships(actor: Actor): ActorMembership[] {
  return membershipsHolding(actor, "decision.read");
}

/** The trusts the actor is an insider of (see insiderMemberships). */
export function insiderTrustIds(actor: Actor): string[] {
  return uniqueOrgIds(insiderMemberships(actor));
}

export function isInsider(actor: Actor, trustId: string): boolean {
  return insiderTrustIds(actor).includes(trustId);
}

/** The ICSs whose lead the actor is (`decision.read_shared`): they read what those ICSs' trusts share with the system. */
export function sharedReaderIcsIds(actor: Actor): string[] {
  return uniqueOrgIds(membershipsHolding(actor, "decision.read_shared"));
}

/** The trusts the actor is Chief Executive of: where they record decisions, and read their own drafts. */
export function chiefExecutiveTrustIds(actor: Actor): string[] {
  return orgIdsWithRole(actor, ROLE.chiefExecutive);
}

/** The trusts on whose board the actor sits. */
export function boardTrustIds(actor: Actor): string[] {
  return orgIdsWithRole(actor, ROLE.boardMember);
}

/** Whether the actor has a decisions register at all (Chief Executives, board members, ICS leads). */
export function hasRegister(actor: Actor): boolean {
  return membershipsHolding(actor, "register.view", "register.view_shared").length > 0;
}

export function seatAt(actor: Actor, trustId: string): Seat | null {
  return actor.memberships.find((m) => m.role === "board_member" && m.organisationId === trustId)?.seat ?? null;
}

export function activeMembership(actor: Actor): ActorMembership | null {
  return actor.memberships.find((m) => m.id === actor.activeMembershipId) ?? actor.memberships[0] ?? null;
}

/** Where each role lands after signing in. */
export function homePathFor(m: ActorMembership | null): string {
  if (!m) return "/no-access";
  switch (m.role) {
    case "chief_executive":
      return "/inbox";
    case "board_member":
      return "/inbox";
    case "company_secretary":
      return "/meetings";
    case "ics_lead":
      return `/dashboard/ics/${m.ods}`;
    case "national_analyst":
      return "/dashboard/national";
    case "admin":
      return "/admin";
  }
}

/**
 * readableDecisionsWhere's rule for counted (submitted) decisions, over rows with trust_id and visibility
 * named `alias` (the kept roll-ups by trust): the trusts the actor is an insider of, and what the ICSs
 * they lead share with the system. (Its clause for a Chief Executive's own drafts adds nothing here: a
 * Chief Executive is an insider of their trust, and drafts are never counted.)
 */
export function readableCountedWhere(actor: Actor, alias: string): SQL {
  const a = sql.identifier(alias);
  const trustIds = insiderTrustIds(actor);
  const icsIds = sharedReaderIcsIds(actor);
  const conds: SQL[] = [];
  if (trustIds.length) conds.push(sql`${a}.trust_id in (${sql.join(trustIds.map((id) => sql`${id}`), sql`, `)})`);
  if (icsIds.length) {
    conds.push(
      sql`(${a}.visibility = 'system' and ${a}.trust_id in (select o.id from organisations o where o.ics_id in (${sql.join(icsIds.map((id) => sql`${id}`), sql`, `)})))`,
    );
  }
  return conds.length ? sql`(${sql.join(conds, sql` or `)})` : sql`false`;
}

/**
 * The SQL condition for decisions the actor may read (for `decisions` in the FROM clause):
 * - its author, while Chief Executive of its trust (drafts are seen by nobody else);
 * - the Chief Executive and board of its trust once it has been submitted (drafts stay private);
 * - the lead of its trust's ICS once submitted, if it is shared with the system.
 * National analysts and admins read no decision text.
 */
export function readableDecisionsWhere(actor: Actor): SQL {
  const trustIds = insiderTrustIds(actor);
  const icsIds = sharedReaderIcsIds(actor);
  // The author reads their own drafts only while still Chief Executive of the trust: someone who has left
  // keeps no access through authorship.
  const ceTrustIds = chiefExecutiveTrustIds(actor);
  const conds: SQL[] = [];
  if (ceTrustIds.length) conds.push(and(eq(decisions.authorId, actor.userId), inArray(decisions.trustId, ceTrustIds))!);
  const submitted = and(ne(decisions.status, "draft"), sql`${decisions.version} > 0`)!;
  if (trustIds.length) conds.push(and(inArray(decisions.trustId, trustIds), submitted)!);
  if (icsIds.length) {
    conds.push(
      and(
        eq(decisions.visibility, "system"),
        submitted,
        inArray(
          decisions.trustId,
          sql`(select ${organisations.id} from ${organisations} where ${inArray(organisations.icsId, icsIds)})`,
        ),
      )!,
    );
  }
  return conds.length ? or(...conds)! : sql`false`;
}
