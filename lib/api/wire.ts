// Domain values to their wire shapes (lib/api/schemas.ts). Pure.
import type { Actor } from "../access";
import type { TokenSummary } from "../tokens";
import type { MeWire, TokenWire } from "./schemas";

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
