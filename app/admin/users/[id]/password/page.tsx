import { getUser } from "@/lib/admin";
import { BackLink, PageHeading } from "../../../../_components/ui";
import { PasswordForm } from "../../../forms";
import { orNotFound, requireAdmin } from "../../../guard";

export const metadata = { title: "Reset password – Administration" };

export default async function ResetPasswordPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdmin();
  const { id } = await params;
  const user = await orNotFound(getUser(actor, id));
  return (
    <>
      <BackLink href={`/admin/users/${user.id}`}>{user.name}</BackLink>
      <PageHeading caption={user.name}>Reset password</PageHeading>
      <p className="mb-6 max-w-prose">Setting a new password signs the person out everywhere. Give them the new password by a different route from their email.</p>
      <PasswordForm userId={user.id} />
    </>
  );
}
