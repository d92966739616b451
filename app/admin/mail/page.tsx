import { formatDateTime } from "@/lib/format";
import { listOutbox, type MailRow } from "@/lib/notifications/manage";
import { BackLink, PageHeading, Tag } from "../../_components/ui";
import { requireAdmin } from "../guard";
import { retryMailAction } from "./actions";

export const metadata = { title: "Mail – Administration" };
export const dynamic = "force-dynamic";

const STATES: Record<MailRow["state"], { label: string; colour: "green" | "red" | "yellow" | "grey" | "blue" }> = {
  pending: { label: "Waiting to send", colour: "yellow" },
  sending: { label: "Sending", colour: "blue" },
  sent: { label: "Sent", colour: "green" },
  failed: { label: "Failed", colour: "red" },
  not_sent: { label: "Not sent", colour: "grey" },
};
const FILTERS = [["", "All"], ["failed", "Failed"], ["not_sent", "Not sent"], ["pending", "Waiting to send"], ["sent", "Sent"]] as const;

export default async function MailPage({ searchParams }: { searchParams: Promise<{ state?: string; retried?: string }> }) {
  const actor = await requireAdmin();
  const { state, retried } = await searchParams;
  const mail = await listOutbox(actor, { state, limit: 200 });
  return (
    <>
      <BackLink href="/admin">Administration</BackLink>
      <PageHeading>Mail</PageHeading>
      {retried ? (
        <div role="status" className="nhs-inset mb-6">
          The message will be sent again within a minute.
        </div>
      ) : null}
      {mail.mailServer ? (
        <p className="mb-4 max-w-prose">
          Messages are sent through <strong>{mail.mailServer}</strong>. A message that cannot be sent is tried again after 1, 5 and 30 minutes, then every
          hour, for 24 hours; then it shows here as failed, and you can send it again.
        </p>
      ) : (
        <div className="nhs-inset mb-4 max-w-prose">
          <p className="mb-2">
            <strong>No mail server is configured</strong>, so nothing is sent: each message stays here marked “not sent: no mail server configured”, with
            its text, to show what would go out.
          </p>
          <p>Set FULCRUM_SMTP_URL, FULCRUM_MAIL_FROM and FULCRUM_URL to send mail (README, “E-mail notifications”).</p>
        </div>
      )}
      <p className="mb-4">
        {FILTERS.map(([value, label], i) => (
          <span key={value}>
            {i ? " · " : ""}
            {(state ?? "") === value ? (
              <strong aria-current="page">
                {label}
                {value ? ` (${mail.counts[value] ?? 0})` : ""}
              </strong>
            ) : (
              <a href={value ? `/admin/mail?state=${value}` : "/admin/mail"}>
                {label}
                {value ? ` (${mail.counts[value] ?? 0})` : ""}
              </a>
            )}
          </span>
        ))}
      </p>
      {mail.rows.length === 0 ? (
        <p>No messages yet — they appear here when a decision is submitted, amended or decided.</p>
      ) : (
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="mail-caption">
          <table className="nhs-table">
            <caption id="mail-caption">The newest {mail.rows.length} messages</caption>
            <thead>
              <tr>
                <th scope="col">Recipient</th>
                <th scope="col">Kind</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Attempts
                </th>
                <th scope="col">Last error</th>
                <th scope="col">Written</th>
              </tr>
            </thead>
            <tbody>
              {mail.rows.map((r) => (
                <tr key={r.id}>
                  <td className="break-all">{r.toAddress}</td>
                  <td>
                    {r.kindLabel}
                    {r.delivery === "daily" || r.delivery === "weekly" ? ` (${r.delivery} digest)` : ""}
                    <details className="mt-1">
                      <summary className="cursor-pointer text-nhs-blue underline">Read the message</summary>
                      <p className="mt-2 font-bold">{r.subject}</p>
                      <pre className="mt-1 max-w-prose text-sm whitespace-pre-wrap">{r.bodyText}</pre>
                    </details>
                  </td>
                  <td>
                    <Tag colour={STATES[r.state].colour}>{STATES[r.state].label}</Tag>
                    {r.state === "failed" || r.state === "not_sent" ? (
                      <form action={retryMailAction} className="mt-2">
                        <input type="hidden" name="id" value={r.id} />
                        <button type="submit" className="nhs-button-secondary text-base">
                          Send again<span className="sr-only"> to {r.toAddress}</span>
                        </button>
                      </form>
                    ) : null}
                  </td>
                  <td className="num">{r.attempts}</td>
                  <td className="text-base">{r.lastError ?? ""}</td>
                  <td className="text-base">{formatDateTime(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
