import type { Metadata } from "next";
import Link from "@/app/_components/link";
import { SEAT_LABELS } from "@/lib/access";
import { requireActor } from "@/lib/auth";
import { ratificationWords } from "@/lib/chairs-action-words";
import { STATUS_LABELS } from "@/lib/lifecycle";
import { formatDate } from "@/lib/format";
import { INBOX_LIMIT, getInbox } from "@/lib/inbox";
import { POSITION_LABELS } from "@/lib/sign-off";
import { OnThisPage, PageHeading, PlainText } from "@/app/_components/ui";
import { NextMeeting } from "./next-meeting";
import { listUnseenAccessChanges } from "@/lib/admin/access-changes";
import { AccessChanges } from "./access-changes";

export const metadata: Metadata = { title: "Inbox" };

/** Said under a list that reached the inbox's limit, with the register holding the rest. */
function More({ shown, href }: { shown: number; href: string }) {
  if (shown < INBOX_LIMIT) return null;
  return (
    <p className="mb-8 text-base">
      Showing the {INBOX_LIMIT} waiting longest. <Link href={href}>See them all in the register</Link>.
    </p>
  );
}

/** The full number a list holds: the navigation's inbox badge is the sum of these. */
function Count({ n }: { n: number }) {
  return <span className="text-nhs-secondary">({n.toLocaleString("en-GB")})</span>;
}

/** The inbox's lists for "On this page" (shown when there is more than one), each with how many it holds. */
function InboxContents({ entries }: { entries: { id: string; title: string; n?: number }[] }) {
  if (entries.length < 2) return null;
  return (
    <OnThisPage
      id="inbox-contents"
      entries={entries.map((e) => ({ target: e.id, label: e.n === undefined ? e.title : `${e.title} (${e.n.toLocaleString("en-GB")})` }))}
    />
  );
}

function Empty({ children }: { children: React.ReactNode }) {
  return <p className="mb-8 text-nhs-secondary">{children}</p>;
}

export default async function InboxPage() {
  const actor = await requireActor();
  const [inbox, accessChanges] = await Promise.all([getInbox(actor), listUnseenAccessChanges(actor)]);
  const ce = inbox.asChiefExecutive;
  const board = inbox.asBoardMember;
  return (
    <>
      <PageHeading caption={actor.name}>Inbox</PageHeading>
      <AccessChanges changes={accessChanges} />
      <NextMeeting actor={actor} />
      {!ce && !board ? <p>Nothing here for your role. Use the navigation above.</p> : null}
      <InboxContents
        entries={[
          ...(board ? [{ id: "awaiting-mine", title: "Awaiting your position", n: inbox.counts.awaitingMyPosition }] : []),
          ...(ce
            ? [
                { id: "awaiting-board", title: "Awaiting sign-off", n: inbox.counts.awaitingSignOff },
                { id: "my-drafts", title: "Your drafts" },
                { id: "declined", title: "Declined by the Chair" },
              ]
            : []),
          ...(ce || board ? [{ id: "reviews-due", title: "Reviews due", n: inbox.counts.reviewsDue }] : []),
        ]}
      />
      {board ? <More shown={board.awaitingMyPosition.length} href="/decisions?status=awaiting_sign_off" /> : null}
      {ce ? <More shown={Math.max(ce.awaiting.length, ce.drafts.length)} href="/decisions?status=awaiting_sign_off,draft" /> : null}

      {board ? (
        <section aria-labelledby="awaiting-mine" className="mb-10">
          <h2 id="awaiting-mine" className="mb-2 text-2xl">
            Awaiting your position <Count n={inbox.counts.awaitingMyPosition} />
          </h2>
          {board.awaitingMyPosition.length ? (
            <ul className="space-y-3">
              {board.awaitingMyPosition.map((d) => (
                <li key={d.id} className="nhs-panel p-4!">
                  <Link href={`/decisions/${d.id}`} className="text-lg font-semibold">
                    {d.title}
                  </Link>
                  <p className="text-base text-nhs-secondary">
                    {d.trustName}. Version {d.version}
                    {d.submittedAt ? `, submitted on ${formatDate(d.submittedAt)}` : ""}.
                  </p>
                  {d.changed ? <p className="text-base">Amended: {d.changed} changed.</p> : null}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>Nothing is waiting for your position. You have answered every decision awaiting sign-off.</Empty>
          )}
        </section>
      ) : null}

      {ce ? (
        <>
          <section aria-labelledby="awaiting-board" className="mb-10">
            <h2 id="awaiting-board" className="mb-2 text-2xl">
              Awaiting sign-off <Count n={inbox.counts.awaitingSignOff} />
            </h2>
            {ce.awaiting.length ? (
              <div className="overflow-x-auto">
                <table className="nhs-table">
                  <caption>Decisions with the board, and who has responded on the current version</caption>
                  <thead>
                    <tr>
                      <th scope="col">Decision</th>
                      <th scope="col">Responded</th>
                      <th scope="col">Not yet responded</th>
                    </tr>
                  </thead>
                  <tbody>
                    {ce.awaiting.map((d) => (
                      <tr key={d.id}>
                        <td>
                          <Link href={`/decisions/${d.id}`}>{d.title}</Link>
                          <span className="block text-base text-nhs-secondary">Version {d.version}</span>
                          {d.changed ? <span className="block text-base">Amended: {d.changed} changed.</span> : null}
                          {d.blocked ? (
                            <span className="mt-1 block">
                              <strong className="border-l-4 border-nhs-warm-yellow pl-2 text-base">Sign-off cannot complete as things stand</strong>
                            </span>
                          ) : null}
                        </td>
                        <td className="text-base">
                          {d.responded.length
                            ? d.responded.map((m, i) => (
                                <span key={i} className="block">
                                  {m.name} ({SEAT_LABELS[m.seat]}): {POSITION_LABELS[m.position].toLowerCase()}
                                </span>
                              ))
                            : "No one yet"}
                        </td>
                        <td className="text-base">
                          {d.notResponded.length
                            ? d.notResponded.map((m, i) => (
                                <span key={i} className="block">
                                  {m.name} ({SEAT_LABELS[m.seat]})
                                </span>
                              ))
                            : "Everyone has responded"}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <Empty>No decisions are awaiting sign-off.</Empty>
            )}
          </section>

          <section aria-labelledby="my-drafts" className="mb-10">
            <h2 id="my-drafts" className="mb-2 text-2xl">
              Your drafts
            </h2>
            {ce.drafts.length ? (
              <ul className="list-disc space-y-1 pl-6">
                {ce.drafts.map((d) => (
                  <li key={d.id}>
                    <Link href={`/decisions/${d.id}`}>{d.title}</Link>{" "}
                    <span className="text-base text-nhs-secondary">last changed on {formatDate(d.updatedAt)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>
                No drafts. <Link href="/decisions/new">Record a decision</Link> to start one.
              </Empty>
            )}
          </section>

          <section aria-labelledby="declined" className="mb-10">
            <h2 id="declined" className="mb-2 text-2xl">
              Declined by the Chair
            </h2>
            {ce.declined.length ? (
              <ul className="space-y-3">
                {ce.declined.map((d) => (
                  <li key={d.id}>
                    <Link href={`/decisions/${d.id}`}>{d.title}</Link>{" "}
                    <span className="text-base text-nhs-secondary">declined on {formatDate(d.declinedAt)}</span>
                    <PlainText className="text-base">{d.declineReason}</PlainText>
                  </li>
                ))}
              </ul>
            ) : (
              <Empty>No declined decisions.</Empty>
            )}
          </section>
        </>
      ) : null}

      {ce || board ? (
        <section aria-labelledby="reviews-due" className="mb-10">
          <h2 id="reviews-due" className="mb-2 text-2xl">
            Reviews due <Count n={inbox.counts.reviewsDue} />
          </h2>
          {inbox.reviewsDue.length ? (
            <div className="overflow-x-auto">
              <table className="nhs-table">
                <caption>Success criteria whose judged-by date has passed without an assessment</caption>
                <thead>
                  <tr>
                    <th scope="col">Decision</th>
                    <th scope="col">Criterion</th>
                    <th scope="col">Judged by</th>
                  </tr>
                </thead>
                <tbody>
                  {inbox.reviewsDue.map((r) => (
                    <tr key={r.criterionId}>
                      <td>
                        <Link href={`/decisions/${r.decisionId}`}>{r.decisionTitle}</Link>
                        <span className="block text-base text-nhs-secondary">{r.trustName}</span>
                        {r.ratification ? <span className="block text-base">{ratificationWords(STATUS_LABELS[r.status], r.ratification)}</span> : null}
                      </td>
                      <td className="text-base">{r.statement}</td>
                      <td className="whitespace-nowrap text-base">{formatDate(r.judgedBy)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <Empty>No reviews are due.</Empty>
          )}
          {inbox.reviewsDue.length >= INBOX_LIMIT ? (
            <p className="mt-4 text-base">
              Showing the {INBOX_LIMIT} due longest. <Link href="/decisions?due=1">See every decision with a review due in the register</Link>.
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
