"use client";

import Link from "@/app/_components/link";
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { IDLE } from "@/lib/action-state";
import { submitDecisionAction } from "../../actions";

/** What the check page lists at its top: each problem a link to its question on the edit page, where the field shows it. */
export function SubmitProblems({ id, problems }: { id: string; problems: Record<string, string> }) {
  if (!Object.keys(problems).length) return null;
  return <ErrorSummary errors={problems} hrefBase={`/decisions/${id}/edit?check=1`} />;
}

export function SubmitForm({ id, baseRevision, ready }: { id: string; baseRevision: number; ready: boolean }) {
  const [state, action, pending] = useActionState(submitDecisionAction, IDLE);
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  return (
    <form action={action}>
      {Object.keys(errors).length ? <ErrorSummary errors={errors} hrefBase={`/decisions/${id}/edit?check=1`} /> : null}
      {state.status === "error" ? <ErrorSummary errors={{}} message={state.message} /> : null}
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="baseRevision" value={baseRevision} />
      {ready ? (
        <button type="submit" className="nhs-button" disabled={pending}>
          {pending ? "Submitting…" : "Submit for sign-off"}
        </button>
      ) : (
        <Link href={`/decisions/${id}/edit?check=1`} className="nhs-button">
          Edit the draft
        </Link>
      )}
    </form>
  );
}
