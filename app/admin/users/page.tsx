import Link from "next/link";
import { listUsers } from "@/lib/admin";
import { BackLink, PageHeading, Tag } from "../../_components/ui";
import { requireAdmin } from "../guard";

export const metadata = { title: "Users – Administration" };

export default async function UsersPage() {
  const actor = await requireAdmin();
  const people = await listUsers(actor);
  return (
    <>
      <BackLink href="/admin">Administration</BackLink>
      <PageHeading>Users</PageHeading>
      <p className="mb-6">
        <Link href="/admin/users/new" className="nhs-button">
          Add a user
        </Link>
      </p>
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="users-caption">
        <table className="nhs-table">
          <caption id="users-caption">Everyone who can sign in, with their roles</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email address</th>
              <th scope="col">Roles</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
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
    </>
  );
}
