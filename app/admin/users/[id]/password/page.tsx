import { getUser } from "@/lib/admin";
import { BackLink, PageHeading } from "../../../../_components/ui";
import { ResetLinkForm } from "../../../link-forms";
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
      <p className="mb-4 max-w-prose">
        Resetting stops the person&apos;s current password working at once, signs them out everywhere and revokes their API tokens. Fulcrum then
        makes a set-password link (it works once, for 72 hours) for you to pass on: you never know their new password.
      </p>
      <p className="mb-6 max-w-prose">You cannot reset your own password here: use Change password in your settings.</p>
      <ResetLinkForm userId={user.id} />
    </>
  );
}
