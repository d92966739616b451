"use client";

import Link from "@/app/_components/link";
import { useActionState, useMemo, useRef, useState } from "react";
import { oversize, type FieldLimit } from "@/app/_components/body-guard";
import { ErrorSummary, fieldId } from "@/app/_components/error-summary";
import { DateInput, typedDateParts } from "@/app/_components/date-input";
import { Choices, Select, TextArea, TextField } from "@/app/_components/form";
import { IDLE } from "@/lib/action-state";
import { FIELD_NAMES } from "@/lib/decisions/diff";
import { rowsOf, type FlatValues } from "@/lib/decisions/form";
import {
  CATEGORY_IDS,
  CATEGORY_LABELS,
  FACTORS,
  FAVOURED_HINTS,
  FINANCIAL_POSITION_LABELS,
  LIMITS,
  VISIBILITY_LABELS,
} from "@/lib/decisions/taxonomy";
import { RISK_DOMAINS, RISK_DOMAIN_LABELS, RISK_LEVELS, RISK_LEVEL_LABELS } from "@/lib/risk-appetite/taxonomy";
import { saveDecisionAction, type DecisionFormState } from "../actions";
import { CriteriaRows, OrganisationRows } from "./rows";

type Org = { ods: string; name: string; kind: string };

export type DecisionFormProps = {
  mode: "create" | "edit" | "amend";
  id?: string;
  baseRevision?: number;
  nextVersion?: number;
  initialValues: FlatValues;
  organisations: Org[];
  trusts: { ods: string; name: string }[];
  /** Problems to show beside their fields on arrival (the check page's links: what submitting still needs). */
  initialErrors?: Record<string, string>;
};

const TEXT_LIMITS: Record<string, [string, number]> = {
  title: ["Title", LIMITS.title],
  summary: ["Summary", LIMITS.summary],
  "context.regulatorRating": ["Regulator rating", LIMITS.regulatorRating],
  "context.notes": ["Other context", LIMITS.notes],
  options: ["Options considered", LIMITS.options],
  rationale: ["Rationale", LIMITS.rationale],
  "impactOnTrust.text": ["Impact on the trust, in words,", LIMITS.impactText],
  "impactOnSystem.text": ["Impact on the system, in words,", LIMITS.impactText],
};
const fieldLimit: FieldLimit = (name) => {
  const fixed = TEXT_LIMITS[name];
  if (fixed) return { label: fixed[0], max: fixed[1] };
  if (/^risks\.\d+\.reason$/.test(name)) return { label: "Reason for the risk", max: LIMITS.riskReason };
  const m = /^criteria\.\d+\.(statement|measure|baseline|target)$/.exec(name);
  return m ? { label: m[1].charAt(0).toUpperCase() + m[1].slice(1), max: LIMITS.criterionText } : null;
};

export function DecisionForm(props: DecisionFormProps) {
  const [state, action, pending] = useActionState<DecisionFormState, FormData>(saveDecisionAction, IDLE);
  const [tooLarge, setTooLarge] = useState<Record<string, string> | null>(null);
  const values = "values" in state && state.values ? state.values : props.initialValues;
  const fieldErrors = tooLarge ?? (state.status === "invalid" ? state.fieldErrors : state.status === "idle" ? (props.initialErrors ?? {}) : {});
  // A new generation of the fields each time the server answers, so rows and defaults follow its values.
  const generation = useRef(0);
  const gen = useMemo(() => ++generation.current, [state]);
  const topErrors = { ...fieldErrors };
  return (
    <form
      action={action}
      noValidate
      onSubmit={(ev) => {
        const over = oversize(ev.currentTarget, fieldLimit);
        setTooLarge(over);
        if (over) ev.preventDefault();
      }}
    >
      {/* Enter in a field saves, rather than pressing the first add or remove button. */}
      <button type="submit" name="intent" value="save" className="sr-only" tabIndex={-1} aria-hidden="true">
        Save
      </button>
      {tooLarge ? <ErrorSummary errors={tooLarge} message={tooLarge._form} /> : null}
      {!tooLarge && state.status === "invalid" ? <ErrorSummary errors={topErrors} message={state.message} /> : null}
      {state.status === "error" ? <ErrorSummary errors={{}} message={state.message} /> : null}
      {!tooLarge && state.status === "idle" && props.initialErrors && Object.keys(props.initialErrors).length ? (
        <ErrorSummary errors={props.initialErrors} />
      ) : null}
      {state.status === "conflict" ? <Conflict state={state} id={props.id!} /> : null}
      {props.id ? <input type="hidden" name="id" value={props.id} /> : null}
      {props.baseRevision ? <input type="hidden" name="baseRevision" value={props.baseRevision} /> : null}
      <Fields key={gen} {...props} values={values} errors={fieldErrors} />
      <div className="mt-8 flex flex-wrap items-center gap-6">
        <button type="submit" name="intent" value="save" className="nhs-button" disabled={pending}>
          {pending ? "Saving…" : props.mode === "amend" ? `Save amendment as version ${props.nextVersion}` : "Save draft"}
        </button>
        <Link href={props.id ? `/decisions/${props.id}` : "/decisions"}>Cancel</Link>
      </div>
    </form>
  );
}

const VERBS: Record<string, string> = {
  "decision.edit": "edited",
  "decision.amend": "amended",
  "decision.submit": "submitted it for sign-off",
  "decision.withdraw": "withdrew it",
};

function Conflict({ state, id }: { state: Extract<DecisionFormState, { status: "conflict" }>; id: string }) {
  const { details } = state;
  return (
    <div className="mb-8">
      <ErrorSummary errors={{}} message={state.message} />
      <div className="nhs-panel mb-6">
        <h2 className="mb-3 text-xl">What changed since you opened it</h2>
        {details.changes.length ? (
          <ul className="mb-4 list-disc pl-6">
            {details.changes.map((c, i) => (
              <li key={i}>
                {c.by}, {new Date(c.at).toLocaleString("en-GB", { timeZone: "Europe/London", dateStyle: "long", timeStyle: "short" })}:{" "}
                {VERBS[c.action] ?? c.action}
                {c.fields.length ? ` ${c.fields.map((f) => FIELD_NAMES[f] ?? f).join(", ")}` : ""}
              </li>
            ))}
          </ul>
        ) : null}
        {details.differences.length ? (
          <div className="relative overflow-x-auto">
            <table className="nhs-table">
              <caption>Saved now, and what you sent (your text is still in the form below)</caption>
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Saved now</th>
                  <th scope="col">What you sent</th>
                </tr>
              </thead>
              <tbody>
                {details.differences.map((d) => (
                  <tr key={d.key}>
                    <th scope="row">{d.label}</th>
                    <td className="prose-text">{d.before ?? "—"}</td>
                    <td className="prose-text">{d.after ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <p className="mt-4">
          <a href={`/decisions/${id}/edit`}>Start again from the latest version</a> (copy anything you want to keep first).
        </p>
      </div>
    </div>
  );
}

function Fields(props: DecisionFormProps & { values: FlatValues; errors: Record<string, string> }) {
  const { values: v, errors: e, organisations, trusts } = props;
  return (
    <>
      {trusts.length > 1 && props.mode === "create" ? (
        <Select name="trust" label="Trust" defaultValue={v.trust} error={e.trust} placeholder="Choose a trust" options={trusts.map((t) => ({ value: t.ods, label: t.name }))} />
      ) : null}
      <h2 className="mb-4 text-2xl">The decision</h2>
      <TextField name="title" label="Title" hint={`A short name for the decision, up to ${LIMITS.title} characters.`} defaultValue={v.title} error={e.title} maxLength={LIMITS.title} />
      <TextArea name="summary" label="Summary" hint="What was decided, in a few sentences." defaultValue={v.summary} error={e.summary} rows={4} maxLength={LIMITS.summary} />
      <DateInput name="decidedOn" legend="Date decided" defaultValue={v.decidedOn} typed={typedDateParts(v, "decidedOn")} error={e.decidedOn} />
      <Choices
        name="favoured"
        type="radio"
        legend="Which did this decision favour?"
        hint="Choose the side the decision put first. You can save a draft without choosing, but not submit it."
        defaultValue={v.favoured}
        error={e.favoured}
        options={[
          { value: "system", label: "The system (the Integrated Care System as a whole)", hint: FAVOURED_HINTS.system },
          { value: "trust", label: "The trust", hint: FAVOURED_HINTS.trust },
        ]}
      />
      <Select
        name="category"
        label="Category"
        defaultValue={v.category}
        error={e.category}
        placeholder="Choose a category"
        options={CATEGORY_IDS.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
      />

      <h2 className="mt-10 mb-4 text-2xl">The trust&rsquo;s position at the time</h2>
      <Choices
        name="context.financialPosition"
        type="radio"
        inline
        legend="Financial position"
        defaultValue={v["context.financialPosition"]}
        error={e["context.financialPosition"]}
        options={(["surplus", "breakeven", "deficit"] as const).map((p) => ({ value: p, label: FINANCIAL_POSITION_LABELS[p] }))}
      />
      <TextField
        name="context.financialAmountM"
        label="Surplus or deficit, £m"
        hint="In £m, to one decimal place at most, like 12.5. The choice above says whether it is a surplus or a deficit: no minus sign needed."
        inputMode="text"
        defaultValue={v["context.financialAmountM"]}
        error={e["context.financialAmountM"]}
        width="max-w-40!"
      />
      <TextField
        name="context.regulatorRating"
        label="Regulator rating or oversight segment"
        hint="For example, CQC Good, or NHS Oversight Framework segment 3."
        defaultValue={v["context.regulatorRating"]}
        error={e["context.regulatorRating"]}
        maxLength={LIMITS.regulatorRating}
      />
      <TextArea name="context.notes" label="Other context (optional)" defaultValue={v["context.notes"]} error={e["context.notes"]} rows={3} maxLength={LIMITS.notes} />

      <h2 className="mt-10 mb-4 text-2xl">Options and rationale</h2>
      <TextArea name="options" label="Options considered" hint="Each option you weighed, including doing nothing." defaultValue={v.options} error={e.options} rows={5} maxLength={LIMITS.options} />
      <TextArea name="rationale" label="Rationale" hint="Why you chose this option, and what you weighed against it." defaultValue={v.rationale} error={e.rationale} rows={8} maxLength={LIMITS.rationale} />
      <Choices
        name="factors"
        type="checkbox"
        legend="Factors weighed"
        hint="Select all that apply."
        defaultValue={(v.factors ?? "").split("\n").filter(Boolean)}
        error={e.factors ?? Object.entries(e).find(([k]) => k.startsWith("factors."))?.[1]}
        options={FACTORS.map((f) => ({ value: f.id, label: f.label, hint: f.help }))}
      />

      <h2 className="mt-10 mb-4 text-2xl">Estimated impact</h2>
      <p className="nhs-hint">In £ thousands, signed: a cost is negative, like -250 for a cost of £250k.</p>
      <div className="grid gap-x-8 sm:grid-cols-2">
        <div>
          <TextField name="impactOnTrust.amountK" label="On the trust, £k" defaultValue={v["impactOnTrust.amountK"]} error={e["impactOnTrust.amountK"]} width="max-w-40!" />
          <TextField name="impactOnTrust.text" label="On the trust, in words" defaultValue={v["impactOnTrust.text"]} error={e["impactOnTrust.text"]} maxLength={LIMITS.impactText} />
        </div>
        <div>
          <TextField name="impactOnSystem.amountK" label="On the system, £k" defaultValue={v["impactOnSystem.amountK"]} error={e["impactOnSystem.amountK"]} width="max-w-40!" />
          <TextField name="impactOnSystem.text" label="On the system, in words" defaultValue={v["impactOnSystem.text"]} error={e["impactOnSystem.text"]} maxLength={LIMITS.impactText} />
        </div>
      </div>

      <OrganisationRows initial={rowsOf(v, "organisations")} organisations={organisations} errors={e} />

      <h2 className="mt-10 mb-4 text-2xl">Risk taken (optional)</h2>
      <p className="nhs-hint">
        For each domain of the board&rsquo;s risk appetite this decision touches, the level of risk it takes and why. On submitting, each is compared with the board&rsquo;s appetite in force: a
        decision above it in any domain is outside the board&rsquo;s appetite, and needs the Chair&rsquo;s support to be signed off.
      </p>
      {RISK_DOMAINS.map((d, i) => (
        <fieldset key={d} className="mb-4 border-b border-nhs-border pb-2">
          <legend className="mb-2 text-lg font-bold">{RISK_DOMAIN_LABELS[d]}</legend>
          <input type="hidden" name={`risks.${i}.domain`} value={d} />
          <Select
            name={`risks.${i}.level`}
            label={`Risk this decision takes in ${RISK_DOMAIN_LABELS[d].toLowerCase()}`}
            placeholder="Not touched"
            options={RISK_LEVELS.map((l) => ({ value: l, label: RISK_LEVEL_LABELS[l] }))}
            defaultValue={v[`risks.${i}.level`]}
            error={e[`risks.${i}.level`]}
          />
          <TextField
            name={`risks.${i}.reason`}
            label={`Reason for the risk in ${RISK_DOMAIN_LABELS[d].toLowerCase()}`}
            defaultValue={v[`risks.${i}.reason`]}
            error={e[`risks.${i}.reason`]}
            maxLength={LIMITS.riskReason}
          />
        </fieldset>
      ))}
      <CriteriaRows initial={rowsOf(v, "criteria")} errors={e} frozen={props.mode === "amend"} />

      <h2 className="mt-10 mb-4 text-2xl">Who can see it</h2>
      <Choices
        name="visibility"
        type="radio"
        legend="Visibility"
        hint="Drafts are only ever visible to you. The ICS lead's dashboards count every decision, but show the text only of shared ones."
        defaultValue={v.visibility || "trust"}
        error={e.visibility}
        options={[
          { value: "trust", label: VISIBILITY_LABELS.trust },
          { value: "system", label: VISIBILITY_LABELS.system },
        ]}
      />
    </>
  );
}

