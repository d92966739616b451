import Link from "@/app/_components/link";
import { describePasswordLink } from "@/lib/auth/password-links";
import { PageHeading } from "../../_components/ui";
import { SetPasswordForm } from "./form";

export const metadata = { title: "Set your password" };
export const dynamic = "force-dynamic";

export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await describePasswordLink(token);
  if (!link) {
    return (
      <div className="max-w-2xl">
        <PageHeading>This link no longer works</PageHeading>
        <p className="mb-4">A set-password link works once, for 72 hours. This one has been used, has expired, or was replaced by a newer one.</p>
        <p>
          <Link href="/forgot-password">Ask for a new link</Link>, or ask your administrator.
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-2xl">
      <PageHeading caption={link.email}>{link.purpose === "invite" ? `Welcome to Fulcrum, ${link.name}` : "Set a new password"}</PageHeading>
      <p className="mb-6 max-w-prose">Choose a password for your Fulcrum account. Setting it signs you out anywhere you are signed in.</p>
      <SetPasswordForm token={token} email={link.email} />
    </div>
  );
}
