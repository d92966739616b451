import Link from "@/app/_components/link";
import { requireActor } from "@/lib/auth";
import { PageHeading } from "../_components/ui";

export const metadata = { title: "Your account" };

const SETTINGS = [
  { href: "/settings/notifications", title: "E-mail settings", text: "Which e-mails Fulcrum sends you, and whether at once, in a daily or weekly digest, or not at all." },
  { href: "/settings/sessions", title: "Your sessions", text: "Where you are signed in. End any you do not recognise." },
  { href: "/settings/password", title: "Change your password", text: "Changing it signs you out everywhere else." },
  { href: "/settings/two-factor", title: "Authenticator app", text: "The second step of signing in with a password, and your recovery codes." },
  { href: "/settings/tokens", title: "API tokens", text: "Tokens for reading or writing the record from other systems." },
] as const;

/** One place for a person's own settings, so the navigation stays short on a phone. */
export default async function AccountPage() {
  const actor = await requireActor();
  return (
    <div className="max-w-3xl">
      <PageHeading caption={actor.name}>Your account</PageHeading>
      <ul className="divide-y divide-nhs-border border-y border-nhs-border bg-white">
        {SETTINGS.map((s) => (
          <li key={s.href} className="p-4">
            <Link href={s.href} className="text-lg font-semibold">
              {s.title}
            </Link>
            <p className="mt-1 text-nhs-secondary">{s.text}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
