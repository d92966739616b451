import { requireActorAllowingEnrolment } from "@/lib/auth";
import { beginTotpEnrolment, myTotpEnrolled, pendingTotpEnrolment } from "@/lib/auth/totp";
import { PageHeading } from "../../_components/ui";
import { ConfirmTotpForm } from "./form";

export const metadata = { title: "Authenticator app" };
export const dynamic = "force-dynamic";

export default async function TwoFactorPage() {
  const actor = await requireActorAllowingEnrolment();
  if (await myTotpEnrolled(actor)) {
    return (
      <div className="max-w-2xl">
        <PageHeading caption="Settings">Authenticator app</PageHeading>
        <p className="mb-4">You sign in with your password and a code from your authenticator app.</p>
        <p>Lost your phone and your recovery codes? Ask your administrator to reset your password.</p>
      </div>
    );
  }
  const e = (await pendingTotpEnrolment(actor)) ?? (await beginTotpEnrolment(actor));
  const qr = `data:image/svg+xml;base64,${Buffer.from(e.qrSvg).toString("base64")}`;
  return (
    <div className="max-w-2xl">
      <PageHeading caption="Settings">Set up your authenticator app</PageHeading>
      <p className="mb-4 max-w-prose">
        Fulcrum asks for a code from an authenticator app on your phone (such as Microsoft Authenticator) each time you sign in with your password.
        Set it up now to continue.
      </p>
      <ol className="mb-6 list-decimal space-y-4 pl-6">
        <li>
          In your authenticator app, add an account and scan this QR code.
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={qr} alt="QR code for adding Fulcrum to your authenticator app" width={200} height={200} className="mt-2 block border border-nhs-border bg-white" />
        </li>
        <li>
          Cannot scan it? Enter this key instead:{" "}
          <code id="totp-secret" className="bg-nhs-grey-5 px-1 font-mono break-all">
            {e.secret}
          </code>
        </li>
        <li>Enter the code the app shows.</li>
      </ol>
      <ConfirmTotpForm />
    </div>
  );
}
