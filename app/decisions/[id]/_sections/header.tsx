import Link from "@/app/_components/link";
import { Breadcrumbs, InsetText, PageHeading, Tag } from "@/app/_components/ui";
import { submitProblems } from "@/lib/decisions/schemas";
import { FAVOURED_LABELS } from "@/lib/decisions/taxonomy";
import { fieldId } from "@/app/_components/field-id";
import { formatDate } from "@/lib/format";
import { STATUS_COLOURS, STATUS_LABELS } from "@/lib/lifecycle";
import { ratificationWords } from "@/lib/chairs-action-words";
import type { SectionProps } from "./types";

const DONE: Record<string, string> = {
  saved: "Your draft has been saved. Only you can see it until you submit it for sign-off.",
  amended: "Your amendment has been saved as a new version, and sign-off has started again.",
  submitted: "The decision has been submitted for sign-off. Its content and success criteria are now frozen.",
  withdrawn: "The decision has been withdrawn.",
};

/** Title, status, version and what the actor can do next. */
export function DecisionHeader({ d, done }: SectionProps & { done?: string }) {
  const p = d.permissions;
  // A draft that cannot be submitted yet shows what is missing instead of a button that can only fail.
  const missing = p.canSubmit ? Object.entries(submitProblems(d)) : [];
  return (
    <>
      <Breadcrumbs items={[{ href: "/decisions", label: "Decisions" }, { label: d.title }]} />
      {done && DONE[done] ? (
        <div role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4">
          <p className="font-semibold">{DONE[done]}</p>
        </div>
      ) : null}
      <PageHeading caption={`${d.trust.name} (${d.trust.ods})`}>{d.title}</PageHeading>
      <p className="mb-4">
        <Link href={`/decisions/${d.id}/paper`}>Board paper</Link> (print-ready page and PDF)
      </p>
      <div className="mb-6 flex flex-wrap items-center gap-3">
        <Tag colour={d.ratification === "not_ratified" ? "red" : STATUS_COLOURS[d.status]}>{ratificationWords(STATUS_LABELS[d.status], d.ratification)}</Tag>
        {d.urgent && (d.status === "draft" || d.status === "awaiting_sign_off") ? <Tag colour="red">Urgent</Tag> : null}
        {d.favoured ? <Tag colour={d.favoured === "system" ? "blue" : "purple"}>Favoured {FAVOURED_LABELS[d.favoured].toLowerCase()}</Tag> : <Tag>Favoured: not chosen yet</Tag>}
        <span className="text-nhs-secondary">
          {d.version > 0 ? `Version ${d.version}` : "Not yet submitted"} · recorded by {d.author.name}
          {d.decidedOn ? ` · decided ${formatDate(d.decidedOn)}` : ""}
        </span>
      </div>
      {d.status === "withdrawn" ? (
        <InsetText>
          <p className="font-semibold">Withdrawn on {formatDate(d.withdrawnAt)}</p>
          <p className="prose-text">{d.withdrawReason}</p>
        </InsetText>
      ) : null}
      {missing.length ? (
        <div className="nhs-inset mb-6" data-testid="submit-missing">
          <h2 className="mb-2 text-xl">Before you can submit this for sign-off</h2>
          <ul className="list-disc space-y-1 pl-6">
            {missing.map(([field, message]) => (
              <li key={field}>
                <Link href={`/decisions/${d.id}/edit?check=1#${fieldId(field)}`}>{message}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {p.canEdit || p.canAmend || p.canSubmit || p.canWithdraw ? (
        <div className="mb-8 flex flex-wrap items-center gap-4">
          {p.canSubmit && !missing.length ? (
            <Link href={`/decisions/${d.id}/submit`} className="nhs-button">
              Submit for sign-off
            </Link>
          ) : null}
          {p.canEdit ? (
            <Link href={`/decisions/${d.id}/edit`} className="nhs-button nhs-button-secondary">
              Edit the draft
            </Link>
          ) : null}
          {p.canAmend ? (
            <Link href={`/decisions/${d.id}/edit`} className="nhs-button nhs-button-secondary">
              Amend (creates version {d.version + 1})
            </Link>
          ) : null}
          {p.canWithdraw ? <Link href={`/decisions/${d.id}/withdraw`}>Withdraw the decision</Link> : null}
        </div>
      ) : null}
    </>
  );
}
