"use client";

import { useActionState, useMemo, useRef } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Select, TextArea } from "@/app/_components/form";
import { IDLE } from "@/lib/action-state";
import { RISK_DOMAINS, RISK_DOMAIN_LABELS, RISK_LEVELS, RISK_LEVEL_LABELS, type RiskDomain } from "@/lib/risk-appetite/taxonomy";
import { setRiskAppetiteAction } from "./actions";

export function RiskAppetiteForm({
  ods,
  baseVersion,
  current,
}: {
  ods: string;
  baseVersion: number;
  current: Partial<Record<RiskDomain, { level: string; statement: string }>>;
}) {
  const [state, action, pending] = useActionState(setRiskAppetiteAction.bind(null, ods), IDLE);
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  const echoed = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  const value = (k: string, fallback: string) => (echoed ? (echoed[k] ?? "") : fallback);
  // A new generation of the fields each time the server answers: React resets a form after its action,
  // and fresh fields take what was sent back as their defaults, so nothing typed is lost.
  const generation = useRef(0);
  const gen = useMemo(() => ++generation.current, [state]);
  return (
    <form action={action} noValidate>
      {state.status === "invalid" ? <ErrorSummary errors={errors} message={state.message} /> : null}
      {state.status === "error" ? <ErrorSummary errors={{}} message={state.message} /> : null}
      <input type="hidden" name="baseVersion" value={baseVersion} />
      <div key={gen}>
      {RISK_DOMAINS.map((d) => (
        <fieldset key={d} className="mb-6 border-b border-nhs-border pb-2">
          <legend className="mb-3 text-xl font-bold">{RISK_DOMAIN_LABELS[d]}</legend>
          <Select
            name={`domains.${d}.level`}
            label={`Appetite for ${RISK_DOMAIN_LABELS[d].toLowerCase()}`}
            hint="Leave blank if the board states no appetite for this domain"
            placeholder="No appetite stated"
            options={RISK_LEVELS.map((l) => ({ value: l, label: RISK_LEVEL_LABELS[l] }))}
            defaultValue={value(`domains.${d}.level`, current[d]?.level ?? "")}
            error={errors[`domains.${d}.level`]}
          />
          <TextArea
            name={`domains.${d}.statement`}
            label={`The board's statement for ${RISK_DOMAIN_LABELS[d].toLowerCase()}`}
            rows={2}
            defaultValue={value(`domains.${d}.statement`, current[d]?.statement ?? "")}
            error={errors[`domains.${d}.statement`]}
          />
        </fieldset>
      ))}
      <TextArea name="note" label="Why the board changed it" hint="Optional, for example the board meeting that agreed it" rows={2} defaultValue={value("note", "")} error={errors.note} />
      </div>
      <button type="submit" className="nhs-button" disabled={pending}>
        Save a new version
      </button>
    </form>
  );
}
