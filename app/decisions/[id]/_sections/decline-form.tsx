"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { LIMITS } from "@/lib/decisions/taxonomy";
import { ErrorSummary } from "@/app/_components/error-summary";
import { TextArea } from "@/app/_components/form";
import { declineAction } from "./actions";

/** The Chair's decline, with a reason. */
export function DeclineForm({ decisionId, version }: { decisionId: string; version: number }) {
  const [state, action, pending] = useActionState(declineAction.bind(null, decisionId), IDLE);
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  const values = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  return (
    <details className="mt-8 border-t border-nhs-border pt-4" open={state.status === "invalid" || state.status === "error" || undefined}>
      <summary className="cursor-pointer font-semibold text-nhs-blue underline">Decline this decision (Chair)</summary>
      <form action={action} noValidate className="mt-4">
        {state.status === "invalid" || state.status === "error" ? <ErrorSummary errors={errors} message={state.status === "error" ? state.message : undefined} /> : null}
        <input type="hidden" name="version" value={version} />
        <TextArea name="reason" label="Reason for declining" hint="The Chief Executive and the board will see this reason." error={errors.reason} defaultValue={values?.reason} rows={4} maxLength={LIMITS.declineReason} />
        <button type="submit" className="nhs-button nhs-button-warning" disabled={pending}>
          {pending ? "Declining…" : "Decline the decision"}
        </button>
      </form>
    </details>
  );
}
