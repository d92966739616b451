"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { fieldId } from "@/app/_components/field-id";
import { Choices, Select, TextField } from "@/app/_components/form";
import { IDLE } from "@/lib/action-state";
import { createMeetingAction } from "../actions";

const KINDS = [
  { value: "public_board", label: "Board meeting in public" },
  { value: "private_board", label: "Board meeting in private" },
  { value: "committee", label: "Committee", hint: "Give the committee's name below" },
];

export function NewMeetingForm({ trusts }: { trusts: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState(createMeetingAction, IDLE);
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  const v = state.status === "invalid" || state.status === "error" ? (state.values ?? {}) : {};
  const dateError = errors.day;
  return (
    <form action={action} noValidate>
      {state.status === "invalid" ? <ErrorSummary errors={errors} /> : null}
      {state.status === "error" ? <ErrorSummary errors={{}} message={state.message} /> : null}
      {trusts.length > 1 ? (
        <Select className="[&_select]:max-w-full" name="trustId" label="Trust" options={trusts.map((t) => ({ value: t.id, label: t.name }))} placeholder="Select a trust" defaultValue={v.trustId} error={errors.trustId} />
      ) : (
        <input type="hidden" name="trustId" value={trusts[0].id} />
      )}
      <div className={`mb-6 ${dateError ? "border-l-4 border-nhs-red pl-4" : ""}`}>
        <fieldset aria-describedby={`${fieldId("day")}-hint${dateError ? ` ${fieldId("day")}-error` : ""}`}>
          <legend className="nhs-label">Date of the meeting</legend>
          <span id={`${fieldId("day")}-hint`} className="nhs-hint">
            For example, 3 12 2026
          </span>
          {dateError ? (
            <span id={`${fieldId("day")}-error`} className="nhs-error-message">
              <span className="sr-only">Error: </span>
              {dateError}
            </span>
          ) : null}
          <div className="flex flex-wrap gap-4">
            {(["day", "month", "year"] as const).map((p) => (
              <div key={p}>
                <label htmlFor={fieldId(p)} className="block">
                  {p === "day" ? "Day" : p === "month" ? "Month" : "Year"}
                </label>
                <input id={fieldId(p)} name={p} inputMode="numeric" defaultValue={v[p]} aria-invalid={dateError ? true : undefined} className={`nhs-input ${p === "year" ? "w-24!" : "w-16!"} ${dateError ? "nhs-input-error" : ""}`} />
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <TextField name="time" label="Start time" hint="England's time, on the 24-hour clock, for example 09:30" defaultValue={v.time} error={errors.time} width="w-24!" />
      <Choices name="kind" type="radio" legend="Kind of meeting" hint="A decision for the trust board only can go only on a private meeting's agenda." options={KINDS} defaultValue={v.kind} error={errors.kind} />
      <TextField name="committeeName" label="Committee's name (committees only)" defaultValue={v.committeeName} error={errors.committeeName} />
      <TextField name="location" label="Location or link" hint="Optional" defaultValue={v.location} error={errors.location} />
      <button type="submit" className="nhs-button" disabled={pending}>
        Create the meeting
      </button>
    </form>
  );
}
