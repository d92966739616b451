"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { ErrorSummary } from "@/app/_components/error-summary";
import { TextArea } from "@/app/_components/form";
import { setUrgencyAction } from "./actions";

/** The Chief Executive marks the decision urgent (with a reason), or no longer urgent (issue 14). */
export function UrgencyForm({ decisionId, urgent, reason }: { decisionId: string; urgent: boolean; reason: string }) {
  const [state, action, pending] = useActionState(setUrgencyAction.bind(null, decisionId), IDLE);
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  const values = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  const failed = state.status === "invalid" || state.status === "error";
  return (
    <div className="mt-4">
      {state.status === "ok" ? (
        <div role="status" className="mb-4 border-l-8 border-nhs-green bg-white p-4 font-semibold">
          {state.message}
        </div>
      ) : null}
      {urgent ? (
        <form action={action} noValidate>
          <input type="hidden" name="urgent" value="no" />
          {failed ? <ErrorSummary errors={errors} message={state.status === "error" ? state.message : undefined} /> : null}
          <button type="submit" className="nhs-button nhs-button-secondary" disabled={pending}>
            {pending ? "Saving…" : "It is no longer urgent"}
          </button>
        </form>
      ) : (
        <details open={failed || undefined}>
          <summary className="cursor-pointer font-semibold text-nhs-blue underline">Mark as urgent (Chair&apos;s action)</summary>
          <form action={action} noValidate className="mt-4">
            {failed ? <ErrorSummary errors={errors} message={state.status === "error" ? state.message : undefined} /> : null}
            <input type="hidden" name="urgent" value="yes" />
            <TextArea
              name="reason"
              label="Why it cannot wait for the next board meeting"
              hint="The board sees this reason. An urgent decision can be signed off between meetings by Chair's action, and the next board meeting is asked to ratify it."
              error={errors.reason}
              defaultValue={values?.reason ?? reason}
              rows={3}
              maxLength={2000}
            />
            <button type="submit" className="nhs-button" disabled={pending}>
              {pending ? "Saving…" : "Mark as urgent"}
            </button>
          </form>
        </details>
      )}
    </div>
  );
}
