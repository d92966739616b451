import { getOrganisation, ORG_KIND_LABELS } from "@/lib/admin";
import { countDecisionsAwaitingSignOff } from "@/lib/sign-off";
import { BackLink, PageHeading } from "../../../_components/ui";
import { OrganisationForm } from "../../forms";
import { orNotFound, requireAdmin } from "../../guard";
import { organisationFormOptions } from "../options";
import { MeetingQuorumSettings } from "./meeting-quorum";

export const metadata = { title: "Change an organisation – Administration" };

export default async function EditOrganisationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdmin();
  const { id } = await params;
  const org = await orNotFound(getOrganisation(actor, id));
  const options = await organisationFormOptions(actor);
  const awaitingSignOff = org.kind === "trust" ? await countDecisionsAwaitingSignOff(actor, org.id) : 0;
  return (
    <>
      <BackLink href="/admin/organisations">Organisations</BackLink>
      <PageHeading caption={`${ORG_KIND_LABELS[org.kind]}, ${org.ods}`}>{org.name}</PageHeading>
      <p className="mb-6">{org.members === 1 ? "1 person has a membership here." : `${org.members} people have memberships here.`}</p>
      <OrganisationForm
        {...options}
        awaitingSignOff={awaitingSignOff}
        initial={{
          id: org.id,
          kind: org.kind,
          name: org.name,
          ods: org.ods,
          icsOds: org.icsOds ?? "",
          trustType: org.trustType ?? "",
          foundationTrust: org.foundationTrust ? "yes" : "no",
          turnoverM: org.turnoverM === null ? "" : String(org.turnoverM),
          signOffMinSupport: String(org.signOffMinSupport),
          chairsActionNeds: String(org.chairsActionNeds),
          signOffChairRequired: org.signOffChairRequired ? "yes" : "no",
        }}
      />
      {org.kind === "trust" ? <MeetingQuorumSettings actor={actor} trustId={org.id} /> : null}
    </>
  );
}
