"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { LIMITS, OUTCOME_IDS, OUTCOME_LABELS } from "@/lib/decisions/taxonomy";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Choices, TextArea, TextField } from "@/app/_components/form";
import { recordOutcomeAction } from "./actions";

/** One criterion's assessment. Field names carry a prefix so several forms can share the page. */
export function OutcomeForm({ decisionId, criterionId, number, today }: { decisionId: string; criterionId: string; number: number; today: string }) {
  const [state, action, pending] = useActionState(recordOutcomeAction.bind(null, decisionId, criterionId), IDLE);
  const p = `c${number}-`;
  const raw = state.status === "invalid" ? state.fieldErrors : {};
  const errors = Object.fromEntries(Object.entries(raw).map(([k, v]) => [`${p}${k}`, v]));
  const values = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  return (
    <form action={action} noValidate className="mt-4 border-t border-nhs-border pt-4">
      {state.status === "invalid" || state.status === "error" ? <ErrorSummary errors={errors} message={state.status === "error" ? state.message : undefined} /> : null}
      {state.status === "ok" ? (
        <div role="status" className="mb-4 border-l-8 border-nhs-green bg-white p-4 font-semibold">
          {state.message}
        </div>
      ) : null}
      <input type="hidden" name="prefix" value={p} />
      <Choices
        type="radio"
        inline
        name={`${p}outcome`}
        legend={`Outcome of criterion ${number}`}
        error={errors[`${p}outcome`]}
        defaultValue={values?.[`${p}outcome`]}
        options={OUTCOME_IDS.map((id) => ({ value: id, label: OUTCOME_LABELS[id] }))}
      />
      <TextArea name={`${p}evidence`} label={`Evidence for criterion ${number}`} hint="What the measure showed, and where the data comes from." error={errors[`${p}evidence`]} defaultValue={values?.[`${p}evidence`]} rows={3} maxLength={LIMITS.evidence} />
      <TextField name={`${p}assessedOn`} label={`Date assessed for criterion ${number}`} hint="For example, 2026-11-26. Leave as today if you are assessing now." error={errors[`${p}assessedOn`]} defaultValue={values?.[`${p}assessedOn`] ?? today} width="max-w-48!" />
      <button type="submit" className="nhs-button nhs-button-secondary" disabled={pending}>
        {pending ? "Recording…" : `Record outcome for criterion ${number}`}
      </button>
    </form>
  );
}
