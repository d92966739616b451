import Link from "@/app/_components/link";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth";
import { safeReturnPath } from "@/lib/auth/return-path";
import { DEMO_PASSWORD, demoAccounts } from "@/lib/demo/organisations";
import { demoOpen } from "@/lib/demo/lock-down";
import { PageHeading } from "../_components/ui";
import { ssoSettings } from "@/lib/auth/sso";
import { ssoSignInAction } from "./actions";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const next = safeReturnPath(sp.next);
  if (await getActor()) redirect(next ?? "/");
  const demo = await demoOpen();
  const sso = ssoSettings();
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-10 lg:grid-cols-[minmax(0,28rem)_1fr]">
      <div>
        <PageHeading>Sign in to Fulcrum</PageHeading>
        {sp["signed-out"] ? (
          <p role="status" className="nhs-inset mb-6">
            You have signed out.
          </p>
        ) : null}
        <p className="mb-6 max-w-prose">
          Fulcrum is the decision log for trust Chief Executives, their boards and Integrated Care System (ICS) leads.
        </p>
        {sp["password-set"] ? (
          <p role="status" className="nhs-inset mb-6">
            Your password is set. Sign in with it now.
          </p>
        ) : null}
        {next ? (
          <p className="nhs-inset mb-6" role="status">
            Sign in to see the page you asked for.
          </p>
        ) : null}
        {sso ? (
          <>
            <form action={ssoSignInAction} className="mb-6">
              {next ? <input type="hidden" name="next" value={next} /> : null}
              <button type="submit" className="nhs-button">
                {sso.name}
              </button>
            </form>
            <h2 className="mb-4 text-2xl">Or sign in with a Fulcrum password</h2>
          </>
        ) : null}
        <SignInForm next={next} />
        <p className="mt-4">
          <Link href="/forgot-password">Forgot your password?</Link>
        </p>
      </div>
      {demo ? (
        <section aria-labelledby="demo-accounts" className="nhs-panel">
          <h2 id="demo-accounts" className="mb-2 text-2xl">
            Demo accounts
          </h2>
          <p className="mb-4">
            This is demonstration data. Every account below uses the password <code className="bg-nhs-grey-5 px-1 font-mono">{DEMO_PASSWORD}</code>.
          </p>
          <div className="max-h-[32rem] overflow-auto" tabIndex={0} role="region" aria-label="Demo accounts list">
            <table className="nhs-table text-base">
              <caption className="sr-only">Demo accounts</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Organisation</th>
                </tr>
              </thead>
              <tbody>
                {demoAccounts().map((a) => (
                  <tr key={a.email}>
                    <td className="font-mono text-sm">{a.email}</td>
                    <td>{a.role}</td>
                    <td>{a.organisation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
