import { requireActor } from "@/lib/auth";
import { DELIVERY_LABELS, getPreferences } from "@/lib/notifications/manage";
import { Choices } from "../../_components/form";
import { PageHeading } from "../../_components/ui";
import { savePreferencesAction } from "./actions";

export const metadata = { title: "E-mail settings – Fulcrum" };
export const dynamic = "force-dynamic";

export default async function NotificationSettingsPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const actor = await requireActor();
  const { saved } = await searchParams;
  const prefs = await getPreferences(actor);
  const options = Object.entries(DELIVERY_LABELS).map(([value, label]) => ({ value, label }));
  return (
    <>
      <PageHeading>E-mail settings</PageHeading>
      {saved ? (
        <div role="status" className="nhs-inset mb-6">
          Your e-mail settings are saved.
        </div>
      ) : null}
      <p className="mb-6 max-w-prose">
        Fulcrum e-mails you at {actor.email} when your position or attention is needed. Choose, for each kind of message, whether it comes at once,
        in a daily digest (08:00), in a weekly digest (Monday 08:00), or not at all. Set-password and forgot-password links always come at once.
      </p>
      <form action={savePreferencesAction} noValidate>
        {prefs.map((p) => (
          <Choices
            key={p.kind}
            name={p.kind}
            legend={p.label}
            type="radio"
            inline
            options={options}
            defaultValue={p.delivery}
          />
        ))}
        <button type="submit" className="nhs-button">
          Save e-mail settings
        </button>
      </form>
    </>
  );
}
