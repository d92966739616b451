import Link from "@/app/_components/link";
import { requireActor } from "@/lib/auth";
import { describeDevice, listMySessions } from "@/lib/auth/sessions";
import { formatDateTime } from "@/lib/format";
import { PageHeading, Tag } from "../../_components/ui";
import { endOtherSessionsAction, endSessionAction } from "./actions";

export const metadata = { title: "Your sessions" };
export const dynamic = "force-dynamic";

export default async function SessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const list = await listMySessions(actor);
  const others = list.filter((s) => !s.current).length;
  const endedOthers = sp["ended-others"];
  return (
    <div className="max-w-4xl">
      <PageHeading caption="Settings">Your sessions</PageHeading>
      <p className="mb-4 max-w-prose">
        Each place you are signed in to Fulcrum. End any you do not recognise, or that is on a device you no longer use, and then change your password.
        A session ends by itself after 12 hours without use, and 7 days after you signed in.
      </p>
      <p className="mb-6">
        <Link href="/settings/password">Change your password</Link> · <Link href="/settings/two-factor">Authenticator app</Link>
      </p>
      {sp.ended ? (
        <p role="status" className="nhs-inset mb-6">
          The session has ended. That device must sign in again.
        </p>
      ) : null}
      {endedOthers !== undefined ? (
        <p role="status" className="nhs-inset mb-6">
          {endedOthers === "1" ? "1 other session has ended." : `${Number(endedOthers) || 0} other sessions have ended.`} This one stays signed in.
        </p>
      ) : null}
      {sp["not-found"] ? (
        <p role="alert" className="nhs-inset mb-6">
          That session could not be found. It may already have ended.
        </p>
      ) : null}
      <ul className="mb-8 space-y-4">
        {list.map((s) => (
          <li key={s.id} className="border-l-4 border-nhs-border bg-white p-4">
            <h2 className="mb-2 text-xl">
              {describeDevice(s.userAgent)} {s.current ? <Tag colour="green">This session</Tag> : null}
            </h2>
            <dl className="grid grid-cols-[minmax(0,auto)_minmax(0,1fr)] gap-x-4 gap-y-1 text-base">
              <dt className="font-semibold">Signed in</dt>
              <dd>{formatDateTime(s.createdAt)}</dd>
              <dt className="font-semibold">Last used</dt>
              <dd>{formatDateTime(s.lastSeenAt)}</dd>
              <dt className="font-semibold">How</dt>
              <dd>{s.methodLabel}</dd>
              <dt className="font-semibold">Address</dt>
              <dd className="break-all">{s.ip ?? "Not known"}</dd>
            </dl>
            {s.current ? null : (
              <form action={endSessionAction} className="mt-3">
                <input type="hidden" name="sessionId" value={s.id} />
                <button type="submit" className="nhs-button nhs-button-secondary mb-0! px-3! py-1! text-base">
                  End this session<span className="sr-only">: {describeDevice(s.userAgent)}, last used {formatDateTime(s.lastSeenAt)}</span>
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <form action={endOtherSessionsAction}>
          <button type="submit" className="nhs-button nhs-button-warning">
            End all other sessions
          </button>
        </form>
      ) : (
        <p>You are not signed in anywhere else.</p>
      )}
    </div>
  );
}
