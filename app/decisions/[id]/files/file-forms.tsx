"use client";

import { useActionState, useState } from "react";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Select, TextField } from "@/app/_components/form";
import { IDLE } from "@/lib/action-state";
import { removeDecisionFileAction, uploadDecisionFileAction, uploadOutcomeFileAction } from "./actions";

const MAX_BYTES = 20 * 1024 * 1024;
const HINT = "A PDF, Word, Excel, PowerPoint, CSV, PNG or JPEG file, smaller than 20 MB.";

/**
 * Refuses a file over the limit before sending it (without JavaScript, the server refuses it too):
 * the message to show, if any, and the form's onSubmit.
 */
function useSizeGuard() {
  const [local, setLocal] = useState<string | null>(null);
  const onSubmit = (ev: React.FormEvent<HTMLFormElement>) => {
    const file = (ev.currentTarget.elements.namedItem("file") as HTMLInputElement | null)?.files?.[0];
    const over = file && file.size > MAX_BYTES ? "The selected file must be smaller than 20 MB" : null;
    setLocal(over);
    if (over) ev.preventDefault();
  };
  return { local, onSubmit };
}

export function UploadDecisionFileForm({ id, baseRevision, amends }: { id: string; baseRevision: number; amends: boolean }) {
  const [state, action, pending] = useActionState(uploadDecisionFileAction, IDLE);
  const { local, onSubmit } = useSizeGuard();
  const errors = local ? { file: local } : state.status === "invalid" ? state.fieldErrors : {};
  return (
    <form
      action={action}
      noValidate
      onSubmit={onSubmit}
    >
      {local || state.status === "invalid" ? <ErrorSummary errors={errors} /> : null}
      {state.status === "error" ? <ErrorSummary errors={{}} message={state.message} /> : null}
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="baseRevision" value={baseRevision} />
      <TextField name="file" type="file" label="Upload a file" hint={HINT} error={errors.file} />
      <button type="submit" className="nhs-button" disabled={pending}>
        {pending ? "Uploading…" : amends ? "Upload and make a new version" : "Upload the file"}
      </button>
    </form>
  );
}

export function RemoveDecisionFileButton({ id, baseRevision, fileId, name }: { id: string; baseRevision: number; fileId: string; name: string }) {
  const [state, action, pending] = useActionState(removeDecisionFileAction, IDLE);
  return (
    <form action={action}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="baseRevision" value={baseRevision} />
      <input type="hidden" name="fileId" value={fileId} />
      <button type="submit" className="cursor-pointer py-1 text-nhs-blue underline hover:text-nhs-dark-blue hover:decoration-2" disabled={pending}>
        Remove<span className="sr-only"> {name}</span>
      </button>
      {state.status === "error" ? (
        <p role="alert" className="nhs-error-message mt-1">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}

export function UploadOutcomeFileForm({ id, assessments }: { id: string; assessments: { value: string; label: string }[] }) {
  const [state, action, pending] = useActionState(uploadOutcomeFileAction, IDLE);
  const { local, onSubmit } = useSizeGuard();
  const errors = local ? { file: local } : state.status === "invalid" ? state.fieldErrors : {};
  const values = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  return (
    <form
      action={action}
      noValidate
      onSubmit={onSubmit}
    >
      {local || state.status === "invalid" ? <ErrorSummary errors={errors} /> : null}
      {state.status === "error" ? <ErrorSummary errors={{}} message={state.message} /> : null}
      <input type="hidden" name="id" value={id} />
      <Select
        name="outcomeId"
        label="Which assessment is it evidence for?"
        options={assessments}
        placeholder="Choose an assessment"
        defaultValue={values?.outcomeId}
        error={errors.outcomeId}
      />
      <TextField name="file" type="file" label="Upload the evidence" hint={HINT} error={errors.file} />
      <button type="submit" className="nhs-button" disabled={pending}>
        {pending ? "Uploading…" : "Upload the evidence"}
      </button>
    </form>
  );
}
