import Link from "@/app/_components/link";
import { listOrganisationChoices, searchUsers } from "@/lib/admin";
import { ROLE_LABELS, type Role } from "@/lib/access";
import { BackLink, PageHeading, Tag } from "../../_components/ui";
import { FilterBar, FilterField, Pager } from "../list-controls";
import { requireAdmin } from "../guard";

export const metadata = { title: "Users – Administration" };

export default async function UsersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireAdmin();
  const [result, orgs] = await Promise.all([searchUsers(actor, await searchParams), listOrganisationChoices(actor)]);
  const f = result.filters;
  const active = !!(f.q || f.organisation || f.role);
  return (
    <>
      <BackLink href="/admin">Administration</BackLink>
      <PageHeading>Users</PageHeading>
      <p className="mb-6">
        <Link href="/admin/users/new" className="nhs-button">
          Add a user
        </Link>
      </p>
      <FilterBar action="/admin/users" active={active}>
        <FilterField id="filter-q" label="Name or email address">
          <input id="filter-q" name="q" type="search" defaultValue={f.q ?? ""} className="nhs-input" autoComplete="off" />
        </FilterField>
        <FilterField id="filter-organisation" label="Organisation">
          <select id="filter-organisation" name="organisation" defaultValue={f.organisation ?? ""} className="nhs-input">
            <option value="">All organisations</option>
            {orgs.map((o) => (
              <option key={o.id} value={o.ods}>
                {o.name} ({o.ods})
              </option>
            ))}
          </select>
        </FilterField>
        <FilterField id="filter-role" label="Role">
          <select id="filter-role" name="role" defaultValue={f.role ?? ""} className="nhs-input">
            <option value="">All roles</option>
            {(Object.keys(ROLE_LABELS) as Role[]).map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </FilterField>
      </FilterBar>
      <Pager path="/admin/users" query={{ q: f.q, organisation: f.organisation, role: f.role }} page={result.page} pages={result.pages} total={result.total} pageSize={result.pageSize} noun={["user", "users"]} />
      {result.rows.length ? (
        <div className="relative overflow-x-auto" tabIndex={0} role="region" aria-labelledby="users-caption">
          <table className="nhs-table">
            <caption id="users-caption">People who can sign in, with their roles, by surname</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email address</th>
                <th scope="col">Roles</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link href={`/admin/users/${p.id}`}>{p.name}</Link> {p.disabled ? <Tag colour="red">Disabled</Tag> : null}
                  </td>
                  <td className="break-all">{p.email}</td>
                  <td>{p.memberships || <span className="text-nhs-secondary">No memberships</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="nhs-inset">No user matches. Try fewer words, or clear the filters.</p>
      )}
    </>
  );
}
