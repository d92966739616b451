import Link from "next/link";
import { listOrganisations, ORG_KIND_LABELS, TRUST_TYPE_LABELS } from "@/lib/admin";
import { BackLink, InsetText, PageHeading, Tag } from "../../_components/ui";
import { requireAdmin } from "../guard";

export const metadata = { title: "Organisations – Administration" };

export default async function OrganisationsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdmin();
  const sp = await searchParams;
  const orgs = await listOrganisations(actor);
  const changed = orgs.find((o) => o.id === (sp.created ?? sp.updated));
  return (
    <>
      <BackLink href="/admin">Administration</BackLink>
      <PageHeading>Organisations</PageHeading>
      {changed ? (
        <div role="status">
          <InsetText>
            {sp.created ? "Added" : "Saved"} {changed.name} ({changed.ods}).
          </InsetText>
        </div>
      ) : null}
      <p className="mb-6">
        <Link href="/admin/organisations/new" className="nhs-button">
          Add an organisation
        </Link>
      </p>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="orgs-caption">
        <table className="nhs-table">
          <caption id="orgs-caption">Every organisation, by Integrated Care System (ICS)</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">ODS code</th>
              <th scope="col">Kind</th>
              <th scope="col">ICS</th>
              <th scope="col" className="num">
                Turnover
              </th>
              <th scope="col">Sign-off</th>
              <th scope="col" className="num">
                Members
              </th>
            </tr>
          </thead>
          <tbody>
            {orgs.map((o) => (
              <tr key={o.id}>
                <td>
                  <Link href={`/admin/organisations/${o.id}`}>{o.name}</Link>
                </td>
                <td className="font-mono">{o.ods}</td>
                <td>
                  {o.kind === "trust" ? (
                    <>
                      {TRUST_TYPE_LABELS[o.trustType!]} trust{o.foundationTrust ? <Tag colour="blue">Foundation</Tag> : null}
                    </>
                  ) : (
                    ORG_KIND_LABELS[o.kind]
                  )}
                </td>
                <td>{o.icsOds ?? ""}</td>
                <td className="num">{o.turnoverM !== null ? `£${o.turnoverM.toLocaleString("en-GB")}m` : ""}</td>
                <td>{o.kind === "trust" ? `${o.signOffMinSupport} supporting${o.signOffChairRequired ? ", Chair required" : ""}` : ""}</td>
                <td className="num">{o.members}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
