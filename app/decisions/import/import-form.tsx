"use client";

import { useRef, useState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { MappingStep, type Mapping, type Preview } from "./mapping-step";

type RowError = { row: number; column: string; message: string };
type Check = { total: number; errors: RowError[]; ready: number; toSubmit: number; signedOff: number; trusts: string[] };
/** The file as uploaded, the sheet read and the mapping checked: sent again, unchanged, to import. */
type Upload = { file: File; sheet: string | null; mapping: Mapping };
type State =
  | { step: "choose"; problem?: string }
  | { step: "checking" }
  | { step: "mapping"; file: File; preview: Preview; key: number; busy: boolean }
  | { step: "checked"; check: Check; upload: Upload; name: string; preview: Preview }
  | { step: "importing"; count: number; upload: Upload; name: string; check: Check }
  | { step: "done"; created: number; submitted: number; signedOff: number; tookMs: number }
  | { step: "failed"; message: string; errors: RowError[] };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

async function send(path: string, file: File, sheet: string | null, mapping?: Mapping) {
  const form = new FormData();
  form.set("file", file);
  if (sheet) form.set("sheet", sheet);
  if (mapping) form.set("mapping", JSON.stringify(mapping));
  const res = await fetch(path, { method: "POST", body: form });
  const body = await res.json().catch(() => ({ error: { message: "Sorry, something went wrong. Nothing was imported." } }));
  return { ok: res.ok, body };
}

/** "2 decisions will be saved as drafts and 1 submitted for sign-off, for RSC." */
function importPlan(check: Check): string {
  const drafts = check.ready - check.toSubmit - check.signedOff;
  const saved = (n: number) => `${plural(n, "decision")} will be saved as ${n === 1 ? "a draft" : "drafts"}`;
  const submitted = (n: number) => `${plural(n, "decision")} will be submitted for sign-off`;
  const what =
    !drafts && !check.toSubmit
      ? "Nothing will be saved as a draft"
      : drafts && check.toSubmit
      ? `${saved(drafts)} and ${plural(check.toSubmit, "decision")} submitted for sign-off`
      : check.toSubmit
        ? submitted(check.toSubmit)
        : saved(drafts);
  const history = check.signedOff ? ` ${plural(check.signedOff, "decision")} will come in as already signed off at past meetings (recorded as imported).` : "";
  return `${what}, for ${check.trusts.join(", ")}.${history}`;
}

export function ImportForm() {
  const [state, setState] = useState<State>({ step: "choose" });
  const input = useRef<HTMLInputElement>(null);

  async function upload(e: React.FormEvent) {
    e.preventDefault();
    const file = input.current?.files?.[0];
    if (!file) return setState({ step: "choose", problem: "Select a CSV or Excel file" });
    if (file.size > 10 * 1024 * 1024) return setState({ step: "choose", problem: "The file is over 10 MB: split it into smaller files" });
    setState({ step: "checking" });
    await read(file, null);
  }

  async function read(file: File, sheet: string | null, mapping?: Mapping) {
    const { ok, body } = await send("/decisions/import/read", file, sheet, mapping);
    if (!ok) return setState({ step: "failed", message: body.error?.message ?? "The file could not be read", errors: body.error?.errors ?? [] });
    if (!body.ok) return setState({ step: "failed", message: `${file.name} cannot be read without damage. Nothing has been imported.`, errors: body.errors ?? [] });
    setState({ step: "mapping", file, preview: body as Preview, key: Date.now(), busy: false });
  }

  async function useSaved(file: File, sheet: string | null, id: string) {
    const res = await fetch(`/decisions/import/mappings?id=${encodeURIComponent(id)}`);
    const body = await res.json().catch(() => null);
    if (!res.ok || !body?.mapping) return setState({ step: "failed", message: body?.error?.message ?? "The saved mapping could not be read", errors: [] });
    await read(file, sheet, body.mapping as Mapping);
  }

  async function save(name: string, mapping: Mapping, preview: Preview): Promise<string> {
    const trust = mapping.trust || preview.trusts[0]?.ods || "";
    const res = await fetch("/decisions/import/mappings", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ trust, name, mapping }) });
    const body = await res.json().catch(() => null);
    if (!res.ok) return `Not saved: ${body?.error?.fieldErrors ? Object.values(body.error.fieldErrors)[0] : (body?.error?.message ?? "something went wrong")}`;
    return `Saved as "${body.name}" for ${body.trust}.`;
  }

  async function check(file: File, preview: Preview, sheet: string | null, mapping: Mapping) {
    if (state.step === "mapping") setState({ ...state, busy: true });
    const { ok, body } = await send("/decisions/import/check", file, sheet, mapping);
    if (!ok) return setState({ step: "failed", message: body.error?.message ?? "The file could not be checked", errors: body.error?.errors ?? [] });
    setState({ step: "checked", check: body as Check, upload: { file, sheet, mapping }, name: file.name, preview });
  }

  async function runImport() {
    if (state.step !== "checked") return;
    setState({ step: "importing", count: state.check.ready, upload: state.upload, name: state.name, check: state.check });
    const { file, sheet, mapping } = state.upload;
    const { ok, body } = await send("/decisions/import/run", file, sheet, mapping);
    if (!ok) return setState({ step: "failed", message: body.error?.message ?? "Nothing was imported", errors: body.error?.errors ?? [] });
    setState({ step: "done", ...(body as { created: number; submitted: number; signedOff: number; tookMs: number }) });
  }

  const chooseAgain = (
    <button type="button" className="nhs-button nhs-button-secondary" onClick={() => setState({ step: "choose" })}>
      Choose another file
    </button>
  );

  if (state.step === "done") {
    return (
      <div role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4">
        <h2 className="mb-2 text-2xl">Import complete</h2>
        <p className="mb-2">
          {plural(state.created, "decision")} imported{state.submitted ? `, ${plural(state.submitted, "decision")} submitted for sign-off` : ""}
          {state.signedOff ? `, ${plural(state.signedOff, "decision")} signed off in the past` : ""}, in{" "}
          {(state.tookMs / 1000).toFixed(1)} seconds.
        </p>
        <p>
          <a href="/decisions">Go to the decisions</a>
        </p>
      </div>
    );
  }

  if (state.step === "mapping") {
    const { file, preview } = state;
    return (
      <MappingStep
        key={state.key}
        preview={preview}
        busy={state.busy}
        onRefresh={(mapping, sheet) => read(file, sheet, sheet === preview.sheet ? mapping : undefined)}
        onCheck={(mapping, sheet) => check(file, preview, sheet, mapping)}
        onUseSaved={(id) => useSaved(file, preview.sheet, id)}
        onSave={(name, mapping) => save(name, mapping, preview)}
        onCancel={() => setState({ step: "choose" })}
      />
    );
  }

  if (state.step === "importing") {
    return (
      <div>
        <p role="status" aria-live="polite" className="mb-3 text-lg font-semibold">
          Importing {plural(state.count, "decision")}… Keep this page open.
        </p>
        {/* One transaction cannot report partial progress: the bar is indeterminate, and honest about it. */}
        <progress aria-label={`Importing ${plural(state.count, "decision")}`} className="h-4 w-full" />
        <p className="mt-3 text-nhs-secondary">
          All of the file is imported in one go, or none of it. {state.count > 500 ? "A large file can take a minute or two." : ""}
        </p>
      </div>
    );
  }

  if (state.step === "checked") {
    const { check } = state;
    const back = { file: state.upload.file, preview: { ...state.preview, mapping: state.upload.mapping } };
    const backToMapping = (
      <button type="button" className="nhs-button nhs-button-secondary" onClick={() => setState({ step: "mapping", ...back, key: Date.now(), busy: false })}>
        Change the mapping
      </button>
    );
    if (check.errors.length) {
      return (
        <div>
          <ErrorSummary errors={{}} message={`${state.name}: ${plural(check.errors.length, "problem")} in ${plural(new Set(check.errors.map((e) => e.row)).size, "row")} of ${plural(check.total, "row")}. Nothing has been imported. Correct the file and check it again.`} />
          <div className="mb-6 overflow-x-auto" role="region" aria-label="Problems in the file" tabIndex={0}>
            <table className="nhs-table">
              <caption className="mb-2 text-left">
                <span className="block text-xl font-bold">Problems in {state.name}</span>
                <span className="nhs-hint block">Rows are numbered as the spreadsheet numbers them.</span>
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Row
                  </th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {check.errors.map((e, i) => (
                  <tr key={i}>
                    <td className="num">{e.row}</td>
                    <td>{e.column || "(the file)"}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex flex-wrap items-center gap-4">
            {backToMapping}
            {chooseAgain}
          </div>
        </div>
      );
    }
    return (
      <div>
        <div role="status" className="nhs-inset mb-6">
          <p className="mb-2 font-semibold">
            {state.name}: {check.total === 1 ? "the 1 row is" : check.total === 2 ? "both rows are" : `all ${plural(check.total, "row")} are`} ready to
            import. Nothing has been imported yet.
          </p>
          <p>{importPlan(check)}</p>
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <button type="button" className="nhs-button" onClick={runImport}>
            Import {plural(check.ready, "decision")}
          </button>
          {backToMapping}
          {chooseAgain}
        </div>
      </div>
    );
  }

  const problem = state.step === "choose" ? state.problem : state.step === "failed" ? state.message : undefined;
  return (
    <form onSubmit={upload} noValidate>
      {state.step === "choose" && state.problem ? <ErrorSummary errors={{ file: state.problem }} /> : null}
      {state.step === "failed" ? (
        <>
          <ErrorSummary errors={{}} message={state.message} />
          {state.errors.length ? (
            <ul className="mb-6 list-disc pl-6">
              {state.errors.map((e, i) => (
                <li key={i}>
                  Row {e.row}
                  {e.column ? `, column ${e.column}` : ""}: {e.message}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
      <div className={`mb-6 ${state.step === "choose" && problem ? "border-l-4 border-nhs-red pl-4" : ""}`}>
        <label htmlFor="field-file" className="nhs-label">
          Excel workbook (.xlsx) or CSV file
        </label>
        <span id="file-hint" className="nhs-hint">
          Up to 10,000 decisions and 10 MB. Next you match its columns to Fulcrum&apos;s fields; nothing is imported until you say so.
        </span>
        {state.step === "choose" && problem ? (
          <p id="file-error" className="mb-2 font-bold text-nhs-red">
            <span className="sr-only">Error:</span> {problem}
          </p>
        ) : null}
        <input
          ref={input}
          id="field-file"
          name="file"
          type="file"
          accept=".xlsx,.csv,.txt,.tsv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={`file-hint${state.step === "choose" && problem ? " file-error" : ""}`}
          className="block w-full max-w-md border-2 border-nhs-black bg-white p-2"
        />
      </div>
      <button type="submit" className="nhs-button" disabled={state.step === "checking"}>
        {state.step === "checking" ? "Reading the file…" : "Upload and match the columns"}
      </button>
      <p role="status" aria-live="polite" className="sr-only">
        {state.step === "checking" ? "Reading the file" : ""}
      </p>
    </form>
  );
}
