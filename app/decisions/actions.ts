"use server";

import { revalidatePath } from "next/cache";
import { echoOnly, formSchema, redirectAfter, validatedActionWithActor, type RedirectAfter } from "@/lib/actions";
import { echoValues, type ActionState } from "@/lib/action-state";
import { addComment, createDecision, submitDecision, updateDecision, withdrawDecision, type StaleDetails } from "@/lib/decisions";
import { decisionInputFromValues, rowsOf, withRows } from "@/lib/decisions/form";
import { foldDateParts } from "@/lib/date-parts";
import { isAppError } from "@/lib/errors";

/** The decision form's state: ActionState, plus "edit" (rows added or removed without JavaScript) and "conflict". */
export type DecisionFormState =
  | ActionState
  | { status: "edit"; values: Record<string, string> }
  | { status: "conflict"; message: string; details: StaleDetails; values: Record<string, string> };

const CONTROL = ["intent", "id", "baseRevision", "password"];

/** What the decision form shows again: what was typed, without its control fields. */
function formValues(fd: FormData) {
  const all = echoValues(fd, ["password"]);
  for (const k of CONTROL) delete all[k];
  return all;
}

/** Without JavaScript the add and remove buttons submit the form; with it, they never reach here. */
function rowIntent(intent: string, values: Record<string, string>): Record<string, string> | null {
  const m = /^(add|remove)-(criterion|organisation)(?::(\d+))?$/.exec(intent);
  if (!m) return null;
  const prefix = m[2] === "criterion" ? "criteria" : "organisations";
  const rows = rowsOf(values, prefix);
  if (m[1] === "add") rows.push(m[2] === "criterion" ? { statement: "", measure: "", baseline: "", target: "", judgedBy: "" } : { ods: "", role: "", amountK: "" });
  else rows.splice(Number(m[3]), 1);
  return withRows(values, prefix, rows);
}

const DECISIONS = "/decisions";

export const saveDecisionAction = validatedActionWithActor(
  formSchema("intent", "id", "baseRevision"),
  async ({ actor, input, values: typed }): Promise<DecisionFormState | RedirectAfter> => {
    // Day / Month / Year boxes become one date per field (the boxes stay, to show again as typed).
    const values = foldDateParts(typed);
    const moved = rowIntent(input.intent ?? "", values);
    if (moved) return { status: "edit", values: moved };
    const content = decisionInputFromValues(values);
    if (input.id) {
      const saved = await updateDecision(actor, { ...content, id: input.id, baseRevision: input.baseRevision });
      return redirectAfter(`/decisions/${saved.id}?done=${saved.status !== "draft" ? "amended" : "saved"}`, DECISIONS);
    }
    const saved = await createDecision(actor, content);
    return redirectAfter(`/decisions/${saved.id}?done=saved`, DECISIONS);
  },
  {
    echo: formValues,
    onError: (e, values): DecisionFormState | undefined =>
      isAppError(e) && e.code === "conflict" && e.details ? { status: "conflict", message: e.message, details: e.details as StaleDetails, values: values ?? {} } : undefined,
  },
);

export const submitDecisionAction = validatedActionWithActor(
  formSchema("id", "baseRevision"),
  async ({ actor, input: { id = "", baseRevision } }) => {
    await submitDecision(actor, { id, baseRevision });
    return redirectAfter(`/decisions/${id}?done=submitted`, DECISIONS);
  },
  { echo: false },
);

export const withdrawDecisionAction = validatedActionWithActor(
  formSchema("id", "baseRevision", "reason"),
  async ({ actor, input: { id = "", baseRevision, reason = "" } }) => {
    await withdrawDecision(actor, { id, baseRevision, reason });
    return redirectAfter(`/decisions/${id}?done=withdrawn`, DECISIONS);
  },
  { echo: echoOnly("reason") },
);

const CommentForm = formSchema("decisionId", "body", "isQuestion", "answersId").transform((f) => ({
  decisionId: f.decisionId ?? "",
  body: f.body ?? "",
  isQuestion: f.isQuestion === "on",
  answersId: f.answersId ?? "",
}));

export const addCommentAction = validatedActionWithActor(
  CommentForm,
  async ({ actor, input }): Promise<ActionState> => {
    const c = await addComment(actor, input);
    revalidatePath(`/decisions/${input.decisionId}`);
    return { status: "ok", message: c.answersId ? "Your answer has been added." : c.isQuestion ? "Your question has been added." : "Your comment has been added." };
  },
  { echo: echoOnly("body") },
);
