// Domain values to their wire shapes (lib/api/schemas.ts). Pure.
import type { Actor } from "../access";
import type { TokenSummary } from "../tokens";
import type { MembershipView } from "../admin/memberships";
import type { OrganisationView } from "../admin/organisations";
import type { UserView } from "../admin/users";
import type { PasswordLink } from "../auth/password-links";
import type { DecisionListItem } from "../decisions/list-page";
import type { DecisionWire, MeWire, MembershipWire, OrganisationWire, OutcomeWire, PositionWire, SetPasswordLinkWire, TokenWire, UserInvitedWire, UserWire } from "./schemas";

export function meToWire(actor: Actor & { tokenScope?: "read" | "write" }): MeWire {
  return {
    id: actor.userId,
    name: actor.name,
    email: actor.email,
    tokenScope: actor.tokenScope ?? "read",
    memberships: actor.memberships.map((m) => ({
      id: m.id,
      organisation: { id: m.organisationId, ods: m.ods, name: m.organisationName, kind: m.organisationKind },
      role: m.role,
      seat: m.seat,
    })),
  };
}

export function tokenToWire(t: TokenSummary): TokenWire {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scope: t.scope,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    state: t.state,
  };
}

// ---------------------------------------------------------------- decisions

type OutcomeLike = { id: string; outcome: "met" | "partly_met" | "not_met" | "unknown"; evidence: string; assessedOn: string; assessedBy: string; createdAt: Date | string };

export function outcomeToWire(criterionId: string, o: OutcomeLike): OutcomeWire {
  return { id: o.id, criterionId, outcome: o.outcome, evidence: o.evidence, assessedOn: o.assessedOn, assessedBy: o.assessedBy, createdAt: new Date(o.createdAt).toISOString() };
}

/** A list item or a full decision's core, as the wire `Decision`. */
export function decisionToWire(d: DecisionListItem): DecisionWire {
  return {
    id: d.id,
    trust: d.trust.ods,
    title: d.title,
    summary: d.summary,
    context: { ...d.context },
    options: d.options,
    rationale: d.rationale,
    favoured: d.favoured,
    category: d.category as DecisionWire["category"],
    factors: d.factors as DecisionWire["factors"],
    impactOnTrust: { ...d.impactOnTrust },
    impactOnSystem: { ...d.impactOnSystem },
    organisations: d.organisations.map((o) => ({ ods: o.ods, role: o.role, amountK: o.amountK })),
    decidedOn: d.decidedOn,
    visibility: d.visibility,
    status: d.status,
    version: d.version,
    revision: d.revision,
    contentHash: d.contentHash,
    urgent: d.urgent,
    urgentReason: d.urgentReason,
    ratification: d.ratification,
    chairsActionAt: d.chairsActionAt ? new Date(d.chairsActionAt).toISOString() : null,
    ratificationDecidedAt: d.ratificationDecidedAt ? new Date(d.ratificationDecidedAt).toISOString() : null,
    criteria: d.criteria.map((c) => ({
      id: c.id,
      statement: c.statement,
      measure: c.measure,
      baseline: c.baseline,
      target: c.target,
      judgedBy: c.judgedBy,
      outcome: c.outcome ? outcomeToWire(c.id, c.outcome) : null,
    })),
    risks: d.risks.map((r) => ({ domain: r.domain, level: r.level, reason: r.reason })) as DecisionWire["risks"],
    outsideAppetite: d.outsideAppetite,
    riskAppetite: d.riskAppetite ? ({ statementVersion: d.riskAppetite.statementVersion, outside: d.riskAppetite.outside } as NonNullable<DecisionWire["riskAppetite"]>) : null,
  };
}

export type PositionLike = {
  id: string;
  memberName: string;
  seat: "chair" | "non_executive" | "executive";
  position: "support" | "object" | "abstain";
  comment: string;
  forum: "public_board" | "private_session" | "chairs_action";
  conflictDeclared: boolean;
  conflictDescription: string | null;
  version: number;
  contentHash: string;
  createdAt: Date | string;
  supersedesId: string | null;
};

export function positionToWire(p: PositionLike): PositionWire {
  return {
    id: p.id,
    member: p.memberName,
    seat: p.seat,
    position: p.position,
    comment: p.comment,
    forum: p.forum,
    conflict: p.conflictDeclared ? (p.conflictDescription ?? "") : null,
    version: p.version,
    contentHash: p.contentHash,
    createdAt: new Date(p.createdAt).toISOString(),
    supersedes: p.supersedesId,
  };
}

export function organisationToWire(o: OrganisationView): OrganisationWire {
  return {
    id: o.id,
    kind: o.kind,
    name: o.name,
    ods: o.ods,
    icsOds: o.icsOds,
    trustType: o.trustType,
    foundationTrust: o.foundationTrust,
    turnoverM: o.turnoverM,
  };
}

export const userToWire = (u: UserView): UserWire => ({ id: u.id, email: u.email, name: u.name });

export const passwordLinkToWire = (link: PasswordLink, emailed: boolean): SetPasswordLinkWire => ({ url: link.url, expiresAt: link.expiresAt.toISOString(), emailed });

export const invitationToWire = (userId: string, link: PasswordLink, emailed: boolean): UserInvitedWire => ({
  id: userId,
  email: link.to.email,
  name: link.to.name,
  setPasswordLink: passwordLinkToWire(link, emailed),
});

export const membershipToWire = (m: MembershipView): MembershipWire => ({ id: m.id, email: m.email, ods: m.ods, role: m.role, seat: m.seat });
