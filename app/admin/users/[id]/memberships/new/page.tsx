import { getUser, listOrganisationChoices, ROLES, SEATS } from "@/lib/admin";
import { ROLE_LABELS, SEAT_LABELS } from "@/lib/access";
import { BackLink, PageHeading } from "../../../../../_components/ui";
import { MembershipForm } from "../../../../forms";
import { orNotFound, requireAdmin } from "../../../../guard";

export const metadata = { title: "Add a membership – Administration" };

const KIND = { national: "national body", ics: "ICS", trust: "trust" } as const;

export default async function NewMembershipPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdmin();
  const { id } = await params;
  const user = await orNotFound(getUser(actor, id));
  const orgs = await listOrganisationChoices(actor);
  return (
    <>
      <BackLink href={`/admin/users/${user.id}`}>{user.name}</BackLink>
      <PageHeading caption={user.name}>Add a membership</PageHeading>
      <MembershipForm
        userId={user.id}
        email={user.email}
        orgOptions={orgs.map((o) => ({ value: o.ods, label: `${o.name} (${KIND[o.kind]}, ${o.ods})` }))}
        roleOptions={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
        seatOptions={SEATS.map((s) => ({ value: s, label: SEAT_LABELS[s] }))}
      />
    </>
  );
}
