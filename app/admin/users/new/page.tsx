import { BackLink, PageHeading } from "../../../_components/ui";
import { InviteForm } from "../../link-forms";
import { requireAdmin } from "../../guard";

export const metadata = { title: "Add a user – Administration" };

export default async function NewUserPage() {
  await requireAdmin();
  return (
    <>
      <BackLink href="/admin/users">Users</BackLink>
      <PageHeading>Add a user</PageHeading>
      <p className="mb-6 max-w-prose">
        Give the person&apos;s name and email address. Fulcrum makes a set-password link for them (it works once, for 72 hours): nobody else ever
        knows their password. Then give them a membership so they can see their organisation.
      </p>
      <InviteForm />
    </>
  );
}
