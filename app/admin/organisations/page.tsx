import Link from "@/app/_components/link";
import { getOrganisation, ORG_KIND_LABELS, ORG_KINDS, searchOrganisations, TRUST_TYPE_LABELS } from "@/lib/admin";
import { BackLink, InsetText, PageHeading, Tag } from "../../_components/ui";
import { FilterBar, FilterField, Pager } from "../list-controls";
import { organisationFormOptions } from "./options";
import { requireAdmin } from "../guard";

export const metadata = { title: "Organisations – Administration" };

export default async function OrganisationsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAdmin();
  const sp = await searchParams;
  const changedId = typeof (sp.created ?? sp.updated) === "string" ? ((sp.created ?? sp.updated) as string) : null;
  const [result, options, changed] = await Promise.all([
    searchOrganisations(actor, sp),
    organisationFormOptions(actor),
    changedId ? getOrganisation(actor, changedId).catch(() => null) : Promise.resolve(null),
  ]);
  const orgs = result.rows;
  const f = result.filters;
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
      <FilterBar action="/admin/organisations" active={!!(f.q || f.kind || f.ics)}>
        <FilterField id="filter-q" label="Name or ODS code">
          <input id="filter-q" name="q" type="search" defaultValue={f.q ?? ""} className="nhs-input" autoComplete="off" />
        </FilterField>
        <FilterField id="filter-kind" label="Kind">
          <select id="filter-kind" name="kind" defaultValue={f.kind ?? ""} className="nhs-input">
            <option value="">All kinds</option>
            {ORG_KINDS.map((k) => (
              <option key={k} value={k}>
                {ORG_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField id="filter-ics" label="Integrated Care System (ICS)">
          <select id="filter-ics" name="ics" defaultValue={f.ics ?? ""} className="nhs-input">
            <option value="">All</option>
            {options.icsOptions.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </FilterField>
      </FilterBar>
      <Pager path="/admin/organisations" query={{ q: f.q, kind: f.kind, ics: f.ics }} page={result.page} pages={result.pages} total={result.total} pageSize={result.pageSize} noun={["organisation", "organisations"]} />
      <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-labelledby="orgs-caption">
        <table className="nhs-table">
          <caption id="orgs-caption">Organisations by name</caption>
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
