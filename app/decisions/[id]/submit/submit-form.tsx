"use client";

import Link from "next/link";
import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { IDLE } from "@/lib/action-state";
import { submitDecisionAction } from "../../actions";

export function SubmitForm({ id, baseRevision, problems }: { id: string; baseRevision: number; problems: Record<string, string> }) {
  const [state, action, pending] = useActionState(submitDecisionAction, IDLE);
  const errors = state.status === "invalid" ? state.fieldErrors : problems;
  const ready = Object.keys(errors).length === 0;
  return (
    <form action={action}>
      {!ready ? (
        <div className="mb-6">
          <ErrorSummary errors={{}} message="The decision is not ready to submit for sign-off yet." />
          <ul className="mb-4 list-disc pl-6">
            {Object.entries(errors).map(([field, msg]) => (
              <li key={field}>
                <Link href={`/decisions/${id}/edit#field-${field.replace(/[^a-zA-Z0-9_-]/g, "-")}`}>{msg}</Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {state.status === "error" ? <ErrorSummary errors={{}} message={state.message} /> : null}
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="baseRevision" value={baseRevision} />
      {ready ? (
        <button type="submit" className="nhs-button" disabled={pending}>
          {pending ? "Submitting…" : "Submit for sign-off"}
        </button>
      ) : (
        <Link href={`/decisions/${id}/edit`} className="nhs-button">
          Edit the draft
        </Link>
      )}
    </form>
  );
}
