import "server-only";
import { listOrganisations, ORG_KIND_LABELS, ORG_KINDS, TRUST_TYPE_LABELS, TRUST_TYPES } from "@/lib/admin";
import type { Actor } from "@/lib/access";

export async function organisationFormOptions(actor: Actor) {
  const orgs = await listOrganisations(actor);
  return {
    icsOptions: orgs.filter((o) => o.kind === "ics").map((o) => ({ value: o.ods, label: `${o.name} (${o.ods})` })),
    trustTypeOptions: TRUST_TYPES.map((t) => ({ value: t, label: TRUST_TYPE_LABELS[t] })),
    kindOptions: ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] })),
  };
}
