"use client";
// The repeated groups of the decision form: success criteria and organisations. Add and remove work
// in the page once hydrated (and submit to the server before). Removing a row moves focus to the next
// row's first field, or to the Add button when it was the last: never to the top of the page.

import { useEffect, useRef, useState } from "react";
import { DateInput, typedDateParts } from "@/app/_components/date-input";
import { fieldId } from "@/app/_components/error-summary";
import { Select, TextArea, TextField } from "@/app/_components/form";
import { ORG_ROLE_LABELS } from "@/lib/decisions/taxonomy";

type Org = { ods: string; name: string; kind: string };

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

export function CriteriaRows({ initial, errors: e, frozen }: { initial: Record<string, string>[]; errors: Record<string, string>; frozen: boolean }) {
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
            <DateInput name={n("judgedBy")} legend="Judged by" hint="The date by which it will be judged." defaultValue={row.values.judgedBy} typed={typedDateParts(row.values, "judgedBy")} error={e[n("judgedBy")]} />
            <button
              type={hydrated ? "button" : "submit"}
              name="intent"
              value={`remove-criterion:${i}`}
              className="nhs-button nhs-button-secondary"
              onClick={(ev) => {
                if (!hydrated) return;
                ev.preventDefault();
                // The next row takes this one's number; with none, the Add button.
                focusOn.current = i < rows.length - 1 ? fieldId(`criteria.${i}.statement`) : "add-criterion";
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
        id="add-criterion"
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

export function OrganisationRows({ initial, organisations, errors: e }: { initial: Record<string, string>[]; organisations: Org[]; errors: Record<string, string> }) {
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
              <TextField name={n("amountK")} label="Amount, £k (optional)" hint="Whole £k, like 250" defaultValue={row.values.amountK} error={e[n("amountK")]} />
            </div>
            <button
              type={hydrated ? "button" : "submit"}
              name="intent"
              value={`remove-organisation:${i}`}
              className="nhs-button nhs-button-secondary"
              onClick={(ev) => {
                if (!hydrated) return;
                ev.preventDefault();
                focusOn.current = i < rows.length - 1 ? fieldId(`organisations.${i}.ods`) : "add-organisation";
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
        id="add-organisation"
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
