import { BackLink, PageHeading } from "../../../_components/ui";
import { OrganisationForm } from "../../forms";
import { requireAdmin } from "../../guard";
import { organisationFormOptions } from "../options";

export const metadata = { title: "Add an organisation – Administration" };

export default async function NewOrganisationPage() {
  const actor = await requireAdmin();
  const options = await organisationFormOptions(actor);
  return (
    <>
      <BackLink href="/admin/organisations">Organisations</BackLink>
      <PageHeading>Add an organisation</PageHeading>
      <OrganisationForm
        {...options}
        initial={{ kind: "", name: "", ods: "", icsOds: "", trustType: "", foundationTrust: "no", turnoverM: "", signOffMinSupport: "3", signOffChairRequired: "yes" }}
      />
    </>
  );
}
