import Link from "@/app/_components/link";
import { requireActor } from "@/lib/auth";
import { PageHeading } from "../../_components/ui";
import { ChangePasswordForm } from "./form";

export const metadata = { title: "Change your password" };
export const dynamic = "force-dynamic";

export default async function ChangePasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  return (
    <div className="max-w-2xl">
      <PageHeading caption="Settings">Change your password</PageHeading>
      {sp.changed ? (
        <p role="status" className="nhs-inset mb-6">
          Your password has changed. You are still signed in here; everywhere else you were signed in has been signed out.
        </p>
      ) : (
        <p className="mb-6 max-w-prose">
          Changing your password signs you out everywhere else you are signed in. See them on <Link href="/settings/sessions">Your sessions</Link>.
        </p>
      )}
      <ChangePasswordForm email={actor.email} />
    </div>
  );
}
