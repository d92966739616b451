import Link from "@/app/_components/link";
import { PageHeading } from "../_components/ui";
import { ForgotForm } from "./form";

export const metadata = { title: "Forgot your password" };

export default async function ForgotPasswordPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  return (
    <div className="max-w-2xl">
      <PageHeading>Forgot your password</PageHeading>
      {sp.sent ? (
        <div role="status">
          <p className="nhs-inset mb-6">
            If there is a Fulcrum account for that address, we have emailed it a link to set a new password. The link works once, for 72 hours.
          </p>
          <p className="mb-4">No email after a few minutes? Check your junk folder, or ask your Fulcrum administrator to reset your password.</p>
          <p>
            <Link href="/sign-in">Back to sign in</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="mb-6 max-w-prose">Enter the email address you sign in with. We will email you a link to set a new password.</p>
          <ForgotForm />
        </>
      )}
    </div>
  );
}
