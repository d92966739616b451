import Link from "@/app/_components/link";
import { listOrganisations, listUsers } from "@/lib/admin";
import { PageHeading } from "../_components/ui";
import { requireAdmin } from "./guard";

export const metadata = { title: "Administration" };

export default async function AdminHome() {
  const actor = await requireAdmin();
  const [orgs, people] = await Promise.all([listOrganisations(actor), listUsers(actor)]);
  const trusts = orgs.filter((o) => o.kind === "trust").length;
  const disabled = people.filter((p) => p.disabled).length;
  return (
    <>
      <PageHeading>Administration</PageHeading>
      <p className="mb-6 max-w-prose">
        Add organisations and people, and decide who may do what. Administrators do not see decisions unless they also have a membership that
        allows it. Every change here is recorded in the audit chain.
      </p>
      <ul className="grid gap-4 sm:grid-cols-3">
        <li className="nhs-panel">
          <h2 className="mb-2 text-xl">
            <Link href="/admin/organisations">Organisations</Link>
          </h2>
          <p>
            {orgs.length} organisations, {trusts} of them trusts. Sign-off policies are set here.
          </p>
        </li>
        <li className="nhs-panel">
          <h2 className="mb-2 text-xl">
            <Link href="/admin/users">Users</Link>
          </h2>
          <p>
            {people.length} people{disabled ? `, ${disabled} disabled` : ""}. Memberships, passwords and access.
          </p>
        </li>
        <li className="nhs-panel">
          <h2 className="mb-2 text-xl">
            <Link href="/admin/audit">Audit chain</Link>
          </h2>
          <p>Check that no recorded event has been changed or deleted.</p>
        </li>
        <li className="nhs-panel">
          <h2 className="mb-2 text-xl">
            <Link href="/admin/mail">Mail</Link>
          </h2>
          <p>Every e-mail Fulcrum writes: sent, waiting, failed or not sent, and its text.</p>
        </li>
      </ul>
    </>
  );
}
