"use client";

// The mapping step of the import (README, "Importing an existing register"): the file's columns
// beside Fulcrum's fields with the guesses, the coded values, the first rows as they would be
// imported, and the trust's saved mappings.
import { useState } from "react";

export type Mapping = {
  columns: Record<string, string>;
  values: Partial<Record<"favoured" | "category" | "visibility", Record<string, string>>>;
  moneyUnit: "pounds" | "thousands" | "millions";
  trust?: string;
};

export type Preview = {
  ok: true;
  name: string;
  kind: "csv" | "xlsx";
  encoding: string;
  sheets: string[];
  sheet: string | null;
  headers: string[];
  rowCount: number;
  mapping: Mapping;
  values: Partial<Record<"favoured" | "category" | "visibility", { value: string; count: number; mapped: string | null }[]>>;
  fields: { id: string; label: string; hint: string; kind: string }[];
  preview: { columns: string[]; rows: { row: number; cells: string[] }[]; problems: { row: number; column: string; message: string }[] };
  trusts: { id: string; ods: string; name: string }[];
  saved: { id: string; name: string; trust: string }[];
};

const CODES: Record<"favoured" | "category" | "visibility", [string, string][]> = {
  favoured: [["system", "System"], ["trust", "Trust"]],
  visibility: [["trust", "The trust board only"], ["system", "Shared with the ICS"]],
  category: [["finance", "Finance"], ["service", "Service"], ["contracting", "Contracting"], ["workforce", "Workforce"], ["estates", "Estates"], ["capacity", "Capacity"], ["governance", "Governance"]],
};
const CODED_LABEL = { favoured: "Favoured: system or trust", category: "Category", visibility: "Visibility" };

const NOT_CHOSEN = "(not chosen)";
const slug = (s: string) => s.replace(/[^a-zA-Z0-9]+/g, "-");

export function MappingStep(props: {
  preview: Preview;
  busy: boolean;
  onRefresh: (mapping: Mapping, sheet: string | null) => void;
  onCheck: (mapping: Mapping, sheet: string | null) => void;
  onUseSaved: (id: string) => void;
  onSave: (name: string, mapping: Mapping) => Promise<string | null>;
  onCancel: () => void;
}) {
  const { preview } = props;
  const [mapping, setMapping] = useState<Mapping>(() => {
    const values: Mapping["values"] = {};
    for (const [field, list] of Object.entries(preview.values)) values[field as keyof Mapping["values"]] = Object.fromEntries((list ?? []).filter((v) => v.mapped !== null).map((v) => [v.value, v.mapped as string]));
    return { ...preview.mapping, values: { ...values, ...preview.mapping.values } };
  });
  const [saveName, setSaveName] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const setColumn = (field: string, header: string) => {
    const columns = { ...mapping.columns };
    if (header) columns[field] = header;
    else delete columns[field];
    setMapping({ ...mapping, columns });
  };
  const setValue = (field: keyof Mapping["values"], value: string, code: string) =>
    setMapping({ ...mapping, values: { ...mapping.values, [field]: { ...(mapping.values[field] ?? {}), [value]: code } } });
  const needsTrust = !mapping.columns["trust ODS"];

  return (
    <div>
      <div className="nhs-inset mb-6">
        <p className="mb-1 font-semibold">
          {preview.name}: {preview.rowCount.toLocaleString("en-GB")} {preview.rowCount === 1 ? "row" : "rows"}
          {preview.sheet ? `, sheet "${preview.sheet}"` : ""}.
        </p>
        <p>{preview.kind === "xlsx" ? "Read as an Excel workbook." : `Read as text in ${preview.encoding}.`} Nothing has been imported yet.</p>
      </div>

      {preview.sheets.length > 1 ? (
        <div className="mb-6">
          <label htmlFor="field-sheet" className="nhs-label">
            Sheet
          </label>
          <select id="field-sheet" className="nhs-input" value={preview.sheet ?? ""} onChange={(e) => props.onRefresh(mapping, e.target.value)} disabled={props.busy}>
            {preview.sheets.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </div>
      ) : null}

      {preview.saved.length ? (
        <div className="mb-6 flex flex-wrap items-end gap-3">
          <div className="min-w-0 grow">
            <label htmlFor="field-saved" className="nhs-label">
              Use a saved mapping
            </label>
            <select id="field-saved" className="nhs-input" defaultValue="">
              <option value="">Choose a saved mapping</option>
              {preview.saved.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s.trust})
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            className="nhs-button nhs-button-secondary mb-0"
            disabled={props.busy}
            onClick={() => {
              const id = (document.getElementById("field-saved") as HTMLSelectElement).value;
              if (id) props.onUseSaved(id);
            }}
          >
            Use this mapping
          </button>
        </div>
      ) : null}

      <h2 className="mb-2 text-2xl font-bold">Match the columns</h2>
      <p className="nhs-hint mb-4">Each of Fulcrum&apos;s fields is read from the column chosen beside it. The guesses come from the column names.</p>
      <div className="mb-8 grid gap-4 md:grid-cols-2">
        {preview.fields.map((f) => (
          <div key={f.id} className="min-w-0">
            <label htmlFor={`map-${slug(f.id)}`} className="nhs-label">
              {f.label}
            </label>
            {f.hint ? (
              <span id={`map-${slug(f.id)}-hint`} className="nhs-hint block">
                {f.hint}
              </span>
            ) : null}
            <select
              id={`map-${slug(f.id)}`}
              aria-describedby={f.hint ? `map-${slug(f.id)}-hint` : undefined}
              className="nhs-input"
              value={mapping.columns[f.id] ?? ""}
              onChange={(e) => setColumn(f.id, e.target.value)}
            >
              <option value="">Leave unset</option>
              {preview.headers.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </div>
        ))}
      </div>

      {needsTrust ? (
        <div className="mb-6">
          <label htmlFor="field-trust" className="nhs-label">
            Import into
          </label>
          <span id="trust-hint" className="nhs-hint block">No column names the trust, so every row goes to this trust.</span>
          {preview.trusts.length ? (
            <select id="field-trust" aria-describedby="trust-hint" className="nhs-input" value={mapping.trust ?? ""} onChange={(e) => setMapping({ ...mapping, trust: e.target.value })}>
              {preview.trusts.length > 1 ? <option value="">Choose the trust</option> : null}
              {preview.trusts.map((t) => (
                <option key={t.id} value={t.ods}>
                  {t.name} ({t.ods})
                </option>
              ))}
            </select>
          ) : (
            <input id="field-trust" aria-describedby="trust-hint" className="nhs-input max-w-40" value={mapping.trust ?? ""} onChange={(e) => setMapping({ ...mapping, trust: e.target.value })} />
          )}
        </div>
      ) : null}

      {mapping.columns["impact on trust"] || mapping.columns["impact on system"] ? (
        <fieldset className="mb-6">
          <legend className="nhs-label">Amounts written as plain numbers are in</legend>
          <span className="nhs-hint block">Amounts with £, k or m, like £250k or £2.4m, are read as written.</span>
          {(["pounds", "thousands", "millions"] as const).map((u) => (
            <label key={u} className="my-2 flex min-h-10 items-center gap-3">
              <input type="radio" name="moneyUnit" value={u} checked={mapping.moneyUnit === u} onChange={() => setMapping({ ...mapping, moneyUnit: u })} className="h-10 w-10 shrink-0" />
              {u === "pounds" ? "Pounds (£)" : u === "thousands" ? "Thousands of pounds (£k)" : "Millions of pounds (£m)"}
            </label>
          ))}
        </fieldset>
      ) : null}

      {(Object.keys(CODES) as (keyof typeof CODES)[])
        .filter((field) => mapping.columns[field] && preview.values[field]?.length)
        .map((field) => (
          <fieldset key={field} className="mb-8">
            <legend className="mb-2 text-xl font-bold">
              Values in &quot;{mapping.columns[field]}&quot; ({CODED_LABEL[field]})
            </legend>
            <div className="grid gap-3 md:grid-cols-2">
              {preview.values[field]!.map((v) => (
                <div key={v.value} className="min-w-0">
                  <label htmlFor={`value-${field}-${slug(v.value)}`} className="nhs-label break-words">
                    &quot;{v.value}&quot; ({v.count} {v.count === 1 ? "row" : "rows"})
                  </label>
                  <select
                    id={`value-${field}-${slug(v.value)}`}
                    className="nhs-input"
                    value={mapping.values[field]?.[v.value] ?? NOT_CHOSEN}
                    onChange={(e) => setValue(field, v.value, e.target.value)}
                  >
                    {mapping.values[field]?.[v.value] === undefined ? <option value={NOT_CHOSEN}>Choose what it means</option> : null}
                    <option value="">Leave unset</option>
                    {CODES[field].map(([code, label]) => (
                      <option key={code} value={code}>
                        {label}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
            </div>
          </fieldset>
        ))}

      <div className="mb-4 overflow-x-auto" role="region" aria-label="Preview of the first rows" tabIndex={0}>
        <table className="nhs-table">
          <caption className="mb-2 text-left">
            <span className="block text-xl font-bold">Preview: the first rows as they would be imported</span>
            <span className="nhs-hint block">Choose &quot;Update the preview&quot; after changing the columns.</span>
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Row
              </th>
              {preview.preview.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.preview.rows.map((r) => (
              <tr key={r.row}>
                <td className="num">{r.row}</td>
                {r.cells.map((c, i) => (
                  <td key={i}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.preview.problems.length ? (
        <ul className="mb-6 list-disc pl-6">
          {preview.preview.problems.map((p, i) => (
            <li key={i}>
              Row {p.row}, {p.column}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}

      <div className="mb-8 flex flex-wrap items-center gap-4">
        <button type="button" className="nhs-button" disabled={props.busy} onClick={() => props.onCheck(mapping, preview.sheet)}>
          {props.busy ? "Checking the file…" : "Check the file"}
        </button>
        <button type="button" className="nhs-button nhs-button-secondary" disabled={props.busy} onClick={() => props.onRefresh(mapping, preview.sheet)}>
          Update the preview
        </button>
        <button type="button" className="nhs-button nhs-button-secondary" onClick={props.onCancel}>
          Choose another file
        </button>
      </div>

      <details className="mb-6">
        <summary className="cursor-pointer font-semibold text-nhs-blue underline">Save this mapping for the next file</summary>
        <div className="mt-4">
          <label htmlFor="field-mapping-name" className="nhs-label">
            Name of the mapping
          </label>
          <span id="mapping-name-hint" className="nhs-hint block">Saved for the trust, so anyone importing for it can use it again.</span>
          <input id="field-mapping-name" aria-describedby="mapping-name-hint" className="nhs-input mb-3" value={saveName} onChange={(e) => setSaveName(e.target.value)} />
          <button type="button" className="nhs-button nhs-button-secondary" onClick={async () => setSaved(await props.onSave(saveName, mapping))}>
            Save the mapping
          </button>
          <p role="status" aria-live="polite" className="mt-2">
            {saved ?? ""}
          </p>
        </div>
      </details>
    </div>
  );
}
