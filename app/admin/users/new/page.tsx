import { BackLink, PageHeading } from "../../../_components/ui";
import { UserForm } from "../../forms";
import { requireAdmin } from "../../guard";

export const metadata = { title: "Add a user – Administration" };

export default async function NewUserPage() {
  await requireAdmin();
  return (
    <>
      <BackLink href="/admin/users">Users</BackLink>
      <PageHeading>Add a user</PageHeading>
      <p className="mb-6 max-w-prose">After adding the person, give them a membership so they can see their organisation.</p>
      <UserForm />
    </>
  );
}
