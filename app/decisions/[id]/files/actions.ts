"use server";

import { formSchema, redirectAfter, validatedActionWithActor, type RedirectAfter } from "@/lib/actions";
import type { ActionState } from "@/lib/action-state";
import { addDecisionFile, addOutcomeFile, removeDecisionFile } from "@/lib/attachments";
import { AppError, isAppError } from "@/lib/errors";

/** A refusal that names the file field (too large, wrong type) is shown beside the field. */
const fieldRefusal = (e: unknown): ActionState | undefined =>
  isAppError(e) && e.fieldErrors ? { status: "invalid", message: e.message, fieldErrors: e.fieldErrors } : undefined;

async function fileFrom(formData: FormData) {
  const file = formData.get("file");
  if (!(file instanceof File) || (file.size === 0 && !file.name)) throw new AppError("invalid", "Select a file", { fieldErrors: { file: "Select a file" } });
  return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
}

const filesPage = (id: string, done: string) => redirectAfter(`/decisions/${id}/files?done=${done}`, `/decisions/${id}`, `/decisions/${id}/files`);

export const uploadDecisionFileAction = validatedActionWithActor(
  formSchema("id", "baseRevision"),
  async ({ actor, input, formData }): Promise<ActionState | RedirectAfter> => {
    const id = input.id ?? "";
    await addDecisionFile(actor, { decisionId: id, baseRevision: Number(input.baseRevision), ...(await fileFrom(formData)) });
    return filesPage(id, "added");
  },
  { echo: false, onError: fieldRefusal },
);

export const removeDecisionFileAction = validatedActionWithActor(
  formSchema("id", "baseRevision", "fileId"),
  async ({ actor, input }): Promise<ActionState | RedirectAfter> => {
    const id = input.id ?? "";
    await removeDecisionFile(actor, { decisionId: id, baseRevision: Number(input.baseRevision), fileId: input.fileId ?? "" });
    return filesPage(id, "removed");
  },
  { echo: false },
);

export const uploadOutcomeFileAction = validatedActionWithActor(
  formSchema("id", "outcomeId"),
  async ({ actor, input, formData }): Promise<ActionState | RedirectAfter> => {
    if (!input.outcomeId) throw new AppError("invalid", "Select the assessment this is evidence for", { fieldErrors: { outcomeId: "Select the assessment this is evidence for" } });
    await addOutcomeFile(actor, { outcomeId: input.outcomeId, ...(await fileFrom(formData)) });
    return filesPage(input.id ?? "", "evidence");
  },
  { echo: echoOnlyOutcome, onError: fieldRefusal },
);

function echoOnlyOutcome(fd: FormData) {
  return { outcomeId: String(fd.get("outcomeId") ?? "") };
}
