import { describeUnsubscribe } from "@/lib/notifications";
import { PageHeading } from "../_components/ui";

export const metadata = { title: "Stop these e-mails – Fulcrum" };
export const dynamic = "force-dynamic";

// Reached from the link in a message's footer, without signing in. Opening the link changes nothing
// (mail scanners open links); the button does.
export default async function UnsubscribePage({ searchParams }: { searchParams: Promise<{ t?: string; done?: string }> }) {
  const { t = "", done } = await searchParams;
  const what = describeUnsubscribe(t);
  if (!what) {
    return (
      <>
        <PageHeading>This link is not valid</PageHeading>
        <p className="max-w-prose">Check that you copied the whole link from the e-mail, or sign in and change your e-mail settings.</p>
      </>
    );
  }
  if (done) {
    return (
      <>
        <PageHeading>You will not get these e-mails any more</PageHeading>
        <p className="max-w-prose">
          E-mails for “{what.kindLabel}” are turned off. To turn them on again, sign in and go to <a href="/settings/notifications">your e-mail settings</a>.
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeading>Stop these e-mails</PageHeading>
      <p className="mb-6 max-w-prose">You will no longer get e-mails for “{what.kindLabel}”. You can turn them on again in your e-mail settings.</p>
      <form method="post" action={`/unsubscribe/one-click?t=${encodeURIComponent(t)}`}>
        <button type="submit" className="nhs-button">
          Stop these e-mails
        </button>
      </form>
    </>
  );
}
