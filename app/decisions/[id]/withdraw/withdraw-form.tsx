"use client";

import Link from "@/app/_components/link";
import { useActionState, useState } from "react";
import { oversize } from "@/app/_components/body-guard";
import { ErrorSummary } from "@/app/_components/error-summary";
import { TextArea } from "@/app/_components/form";
import { IDLE } from "@/lib/action-state";
import { LIMITS } from "@/lib/decisions/taxonomy";
import { withdrawDecisionAction } from "../../actions";

export function WithdrawForm({ id, baseRevision }: { id: string; baseRevision: number }) {
  const [state, action, pending] = useActionState(withdrawDecisionAction, IDLE);
  const [tooLarge, setTooLarge] = useState<Record<string, string> | null>(null);
  const errors = tooLarge ?? (state.status === "invalid" ? state.fieldErrors : {});
  const values = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  return (
    <form
      action={action}
      noValidate
      onSubmit={(ev) => {
        const over = oversize(ev.currentTarget, (n) => (n === "reason" ? { label: "Reason", max: LIMITS.reason } : null));
        setTooLarge(over);
        if (over) ev.preventDefault();
      }}
    >
      {tooLarge || state.status === "invalid" ? <ErrorSummary errors={errors} /> : null}
      {state.status === "error" ? <ErrorSummary errors={{}} message={state.message} /> : null}
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="baseRevision" value={baseRevision} />
      <TextArea name="reason" label="Why are you withdrawing it?" hint="The board and the audit trail will see this." defaultValue={values?.reason} error={errors.reason} rows={4} maxLength={LIMITS.reason} />
      <div className="flex flex-wrap items-center gap-6">
        <button type="submit" className="nhs-button nhs-button-warning" disabled={pending}>
          {pending ? "Withdrawing…" : "Withdraw the decision"}
        </button>
        <Link href={`/decisions/${id}`}>Cancel</Link>
      </div>
    </form>
  );
}
