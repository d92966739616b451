"use client";

import Link from "next/link";
import { useActionState, useEffect, useMemo, useRef, useState } from "react";
import { oversize, type FieldLimit } from "@/app/_components/body-guard";
import { ErrorSummary, fieldId } from "@/app/_components/error-summary";
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
  ORG_ROLE_LABELS,
  VISIBILITY_LABELS,
} from "@/lib/decisions/taxonomy";
import { saveDecisionAction, type DecisionFormState } from "../actions";

type Org = { ods: string; name: string; kind: string };

export type DecisionFormProps = {
  mode: "create" | "edit" | "amend";
  id?: string;
  baseRevision?: number;
  nextVersion?: number;
  initialValues: FlatValues;
  organisations: Org[];
  trusts: { ods: string; name: string }[];
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
  const m = /^criteria\.\d+\.(statement|measure|baseline|target)$/.exec(name);
  return m ? { label: m[1].charAt(0).toUpperCase() + m[1].slice(1), max: LIMITS.criterionText } : null;
};

export function DecisionForm(props: DecisionFormProps) {
  const [state, action, pending] = useActionState<DecisionFormState, FormData>(saveDecisionAction, IDLE);
  const [tooLarge, setTooLarge] = useState<Record<string, string> | null>(null);
  const values = "values" in state && state.values ? state.values : props.initialValues;
  const fieldErrors = tooLarge ?? (state.status === "invalid" ? state.fieldErrors : {});
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
      <TextField name="decidedOn" label="Date decided" type="date" hint="For example, 2026-11-20." defaultValue={v.decidedOn} error={e.decidedOn} width="max-w-xs!" />
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
        hint="A whole number; a deficit is negative, like -12."
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

/** After hydration, add and remove work in the page; before it, they submit and the server answers. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

let nextKey = 1;
function useRows(initial: Record<string, string>[], blank: Record<string, string>, min = 0) {
  const [rows, setRows] = useState(() => {
    const start = initial.length ? initial : Array.from({ length: min }, () => ({ ...blank }));
    return start.map((values) => ({ key: nextKey++, values }));
  });
  return {
    rows,
    add: () => setRows((r) => [...r, { key: nextKey++, values: { ...blank } }]),
    remove: (key: number) => setRows((r) => r.filter((x) => x.key !== key)),
  };
}

function CriteriaRows({ initial, errors: e, frozen }: { initial: Record<string, string>[]; errors: Record<string, string>; frozen: boolean }) {
  const hydrated = useHydrated();
  const blank = { id: "", statement: "", measure: "", baseline: "", target: "", judgedBy: "" };
  const { rows, add, remove } = useRows(initial, blank, 1);
  const focusOn = useRef<string | null>(null);
  useEffect(() => {
    if (focusOn.current) document.getElementById(focusOn.current)?.focus();
    focusOn.current = null;
  }, [rows.length]);
  return (
    <section aria-labelledby="criteria-heading" className="mt-10">
      <h2 id="criteria-heading" className="mb-2 text-2xl">
        Success criteria
      </h2>
      <p className="nhs-hint">
        How you will know the decision worked, fixed before the board signs it off. At least one is needed to submit.
        {frozen ? " An amendment creates a new version; the old criteria stay readable in the earlier version." : ""}
      </p>
      <div id={fieldId("criteria")} tabIndex={-1}>
        {e.criteria ? (
          <p className="nhs-error-message">
            <span className="sr-only">Error: </span>
            {e.criteria}
          </p>
        ) : null}
      </div>
      {rows.map((row, i) => {
        const n = (f: string) => `criteria.${i}.${f}`;
        return (
          <fieldset key={row.key} className="nhs-panel mb-6">
            <legend className="bg-white px-1 text-xl font-bold">Success criterion {i + 1}</legend>
            <input type="hidden" name={n("id")} value={row.values.id ?? ""} />
            <TextArea name={n("statement")} label="Statement" hint="What success looks like, in a sentence." defaultValue={row.values.statement} error={e[n("statement")] ?? e[n("id")]} rows={2} />
            <div className="grid gap-x-6 sm:grid-cols-3">
              <TextField name={n("measure")} label="Measure" defaultValue={row.values.measure} error={e[n("measure")]} />
              <TextField name={n("baseline")} label="Baseline" defaultValue={row.values.baseline} error={e[n("baseline")]} />
              <TextField name={n("target")} label="Target" defaultValue={row.values.target} error={e[n("target")]} />
            </div>
            <TextField name={n("judgedBy")} label="Judged by" type="date" hint="The date by which it will be judged." defaultValue={row.values.judgedBy} error={e[n("judgedBy")]} width="max-w-xs!" />
            <button
              type={hydrated ? "button" : "submit"}
              name="intent"
              value={`remove-criterion:${i}`}
              className="nhs-button nhs-button-secondary"
              onClick={(ev) => {
                if (!hydrated) return;
                ev.preventDefault();
                remove(row.key);
              }}
            >
              Remove<span className="sr-only"> success criterion {i + 1}</span>
            </button>
          </fieldset>
        );
      })}
      <button
        type={hydrated ? "button" : "submit"}
        name="intent"
        value="add-criterion"
        className="nhs-button nhs-button-secondary"
        onClick={(ev) => {
          if (!hydrated) return;
          ev.preventDefault();
          focusOn.current = fieldId(`criteria.${rows.length}.statement`);
          add();
        }}
      >
        Add {rows.length ? "another " : "a "}success criterion
      </button>
    </section>
  );
}

function OrganisationRows({ initial, organisations, errors: e }: { initial: Record<string, string>[]; organisations: Org[]; errors: Record<string, string> }) {
  const hydrated = useHydrated();
  const { rows, add, remove } = useRows(initial, { ods: "", role: "", amountK: "" });
  const focusOn = useRef<string | null>(null);
  useEffect(() => {
    if (focusOn.current) document.getElementById(focusOn.current)?.focus();
    focusOn.current = null;
  }, [rows.length]);
  const options = organisations.map((o) => ({ value: o.ods, label: `${o.name} (${o.ods})` }));
  return (
    <section aria-labelledby="orgs-heading" className="mt-10">
      <h2 id="orgs-heading" className="mb-2 text-2xl">
        Organisations that benefit or bear the cost
      </h2>
      <p className="nhs-hint">Choose from the organisations in your Integrated Care System (ICS). The amount is optional.</p>
      {rows.length === 0 ? <p className="mb-4">No organisations named yet.</p> : null}
      {rows.map((row, i) => {
        const n = (f: string) => `organisations.${i}.${f}`;
        return (
          <fieldset key={row.key} className="mb-6 border-b border-nhs-border pb-4">
            <legend className="mb-2 text-lg font-bold">Organisation {i + 1}</legend>
            <div className="grid gap-x-6 sm:grid-cols-[2fr_1fr_1fr]">
              <Select name={n("ods")} label="Organisation" defaultValue={row.values.ods} error={e[n("ods")]} placeholder="Choose an organisation" options={options} />
              <Select
                name={n("role")}
                label="Role"
                defaultValue={row.values.role}
                error={e[n("role")]}
                placeholder="Choose"
                options={(["benefits", "bears_cost"] as const).map((r) => ({ value: r, label: ORG_ROLE_LABELS[r] }))}
              />
              <TextField name={n("amountK")} label="Amount, £k (optional)" defaultValue={row.values.amountK} error={e[n("amountK")]} />
            </div>
            <button
              type={hydrated ? "button" : "submit"}
              name="intent"
              value={`remove-organisation:${i}`}
              className="nhs-button nhs-button-secondary"
              onClick={(ev) => {
                if (!hydrated) return;
                ev.preventDefault();
                remove(row.key);
              }}
            >
              Remove<span className="sr-only"> organisation {i + 1}</span>
            </button>
          </fieldset>
        );
      })}
      <button
        type={hydrated ? "button" : "submit"}
        name="intent"
        value="add-organisation"
        className="nhs-button nhs-button-secondary"
        onClick={(ev) => {
          if (!hydrated) return;
          ev.preventDefault();
          focusOn.current = fieldId(`organisations.${rows.length}.ods`);
          add();
        }}
      >
        Add {rows.length ? "another" : "an"} organisation
      </button>
    </section>
  );
}
