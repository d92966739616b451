"use client";

import { useActionState, type ReactNode } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { IDLE, type ActionState } from "@/lib/action-state";

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * A meeting form: its fields are rendered by the page; this shows "There is a problem" (each error a
 * link to its field) or the outcome, and the one button saying what it does.
 */
export function ActionForm({ action, submitLabel, children, secondary, encType }: { action: Action; submitLabel: string; children?: ReactNode; secondary?: boolean; encType?: "multipart/form-data" }) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} noValidate encType={encType} className="mb-6">
      {state.status === "invalid" ? <ErrorSummary errors={state.fieldErrors} message={state.message} /> : null}
      {state.status === "error" ? <ErrorSummary errors={{}} message={state.message} /> : null}
      {state.status === "ok" && state.message ? (
        <p role="status" className="nhs-inset mb-4">
          {state.message}
        </p>
      ) : null}
      {children}
      <button type="submit" className={`nhs-button ${secondary ? "nhs-button-secondary" : ""}`} disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
