"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { LIMITS, OUTCOME_IDS, OUTCOME_LABELS } from "@/lib/decisions/taxonomy";
import { DateInput, typedDateParts } from "@/app/_components/date-input";
import { ErrorSummary, fieldId } from "@/app/_components/error-summary";
import { Choices, TextArea, TextField } from "@/app/_components/form";
import { recordOutcomeAction } from "./actions";

/**
 * One criterion's assessment, behind a button that opens it (a disclosure: only the criterion being
 * assessed shows its form). Field names carry a prefix so several forms can share the page.
 */
export function OutcomeForm({
  decisionId,
  criterionId,
  number,
  today,
  target,
  judgedBy,
  judgedByText,
}: {
  decisionId: string;
  criterionId: string;
  number: number;
  today: string;
  target: string;
  judgedBy: string | null;
  judgedByText: string;
}) {
  const [state, action, pending] = useActionState(recordOutcomeAction.bind(null, decisionId, criterionId), IDLE);
  const p = `c${number}-`;
  const raw = state.status === "invalid" ? state.fieldErrors : {};
  const errors = Object.fromEntries(Object.entries(raw).map(([k, v]) => [`${p}${k}`, v]));
  const values = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  const early = !!judgedBy && today < judgedBy;
  const open = state.status === "invalid" || state.status === "error";
  return (
    <details className="mt-4 border-t border-nhs-border pt-4" open={open || undefined} data-testid={`outcome-form-${number}`}>
      <summary className="nhs-button nhs-button-secondary list-none">Record an outcome for criterion {number}</summary>
      <form action={action} noValidate className="mt-4">
        {state.status === "invalid" || state.status === "error" ? <ErrorSummary errors={errors} message={state.status === "error" ? state.message : undefined} /> : null}
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
        <TextField
          name={`${p}actualValue`}
          label={`Actual value measured for criterion ${number}`}
          hint={target ? `The target was: ${target}` : "What the measure showed"}
          error={errors[`${p}actualValue`]}
          defaultValue={values?.[`${p}actualValue`]}
        />
        <TextArea name={`${p}evidence`} label={`Evidence for criterion ${number}`} hint="What the measure showed, and where the data comes from." error={errors[`${p}evidence`]} defaultValue={values?.[`${p}evidence`]} rows={3} maxLength={LIMITS.evidence} />
        <TextField
          name={`${p}evidenceUrl`}
          label="Link to a document with the evidence (optional)"
          hint="A web address starting https://, like the board report on the trust's website"
          type="url"
          error={errors[`${p}evidenceUrl`]}
          defaultValue={values?.[`${p}evidenceUrl`]}
        />
        <DateInput
          name={`${p}assessedOn`}
          legend={`Date assessed for criterion ${number}`}
          hint="Leave as today if you are assessing now."
          error={errors[`${p}assessedOn`]}
          defaultValue={today}
          typed={typedDateParts(values, `${p}assessedOn`)}
        />
        {early ? (
          <div className={`mb-6 ${errors[`${p}confirmEarly`] ? "border-l-4 border-nhs-red pl-4" : ""}`}>
            {errors[`${p}confirmEarly`] ? (
              <span id={`${fieldId(`${p}confirmEarly`)}-error`} className="nhs-error-message">
                <span className="sr-only">Error: </span>
                {errors[`${p}confirmEarly`]}
              </span>
            ) : (
              <p className="nhs-hint">This is before the date you set to judge this criterion ({judgedByText}).</p>
            )}
            <div className="flex items-start gap-3">
              <input id={fieldId(`${p}confirmEarly`)} type="checkbox" name={`${p}confirmEarly`} value="yes" className="nhs-choice" defaultChecked={values?.[`${p}confirmEarly`] === "yes"} />
              <label htmlFor={fieldId(`${p}confirmEarly`)} className="py-2">
                I am assessing this criterion before its judged-by date
              </label>
            </div>
          </div>
        ) : null}
        <button type="submit" className="nhs-button" disabled={pending}>
          {pending ? "Recording…" : `Record outcome for criterion ${number}`}
        </button>
      </form>
      {state.status === "ok" ? (
        <div role="status" className="mt-4 border-l-8 border-nhs-green bg-white p-4 font-semibold">
          {state.message}
        </div>
      ) : null}
    </details>
  );
}
