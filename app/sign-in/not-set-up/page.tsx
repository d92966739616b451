import Link from "@/app/_components/link";
import { PageHeading } from "../../_components/ui";

export const metadata = { title: "Your account is not set up for Fulcrum" };

const REASONS: Record<string, { title: string; body: string }> = {
  not_set_up: {
    title: "Your account is not set up for Fulcrum",
    body: "You signed in with your organisation's account, but Fulcrum has no account for you. Ask your Fulcrum administrator to add you with your work e-mail address, then sign in again.",
  },
  unverified: {
    title: "Your e-mail address could not be confirmed",
    body: "Your organisation's account did not confirm your e-mail address, so Fulcrum cannot match it to an account. Ask your Fulcrum administrator or your IT service desk for help.",
  },
  disabled: {
    title: "Your Fulcrum account is disabled",
    body: "You signed in with your organisation's account, but your Fulcrum account has been disabled. Ask your Fulcrum administrator if you think this is wrong.",
  },
};

/** Where a refused single sign-on lands: no Fulcrum user is created. */
export default async function NotSetUpPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const sp = await searchParams;
  const r = REASONS[sp.reason ?? ""] ?? REASONS.not_set_up;
  return (
    <div className="max-w-prose">
      <PageHeading>{r.title}</PageHeading>
      <p className="mb-6">{r.body}</p>
      <p>
        <Link href="/sign-in">Back to sign in</Link>
      </p>
    </div>
  );
}
