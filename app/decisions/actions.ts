"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { echoValues, stateFromError, type ActionState } from "@/lib/action-state";
import { requireActor } from "@/lib/auth";
import { addComment, createDecision, submitDecision, updateDecision, withdrawDecision, type StaleDetails } from "@/lib/decisions";
import { decisionInputFromValues, rowsOf, withRows } from "@/lib/decisions/form";
import { isAppError } from "@/lib/errors";

/** The decision form's state: ActionState, plus "edit" (rows added or removed without JavaScript) and "conflict". */
export type DecisionFormState =
  | ActionState
  | { status: "edit"; values: Record<string, string> }
  | { status: "conflict"; message: string; details: StaleDetails; values: Record<string, string> };

const CONTROL = ["intent", "id", "baseRevision", "password"];

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

export async function saveDecisionAction(_prev: DecisionFormState, fd: FormData): Promise<DecisionFormState> {
  const actor = await requireActor();
  const values = formValues(fd);
  const moved = rowIntent(String(fd.get("intent") ?? ""), values);
  if (moved) return { status: "edit", values: moved };
  const input = decisionInputFromValues(values);
  const id = String(fd.get("id") ?? "");
  let saved: { id: string; status: string; version: number };
  let amended = false;
  try {
    if (id) {
      saved = await updateDecision(actor, { ...input, id, baseRevision: fd.get("baseRevision") });
      amended = saved.status !== "draft";
    } else {
      saved = await createDecision(actor, input);
    }
  } catch (e) {
    if (isAppError(e) && e.code === "conflict" && e.details) {
      return { status: "conflict", message: e.message, details: e.details as StaleDetails, values };
    }
    return stateFromError(e, values);
  }
  revalidatePath("/decisions");
  redirect(`/decisions/${saved.id}?done=${amended ? "amended" : "saved"}`);
}

export async function submitDecisionAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const id = String(fd.get("id") ?? "");
  try {
    await submitDecision(actor, { id, baseRevision: fd.get("baseRevision") });
  } catch (e) {
    return stateFromError(e);
  }
  revalidatePath("/decisions");
  redirect(`/decisions/${id}?done=submitted`);
}

export async function withdrawDecisionAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const id = String(fd.get("id") ?? "");
  const values = { reason: String(fd.get("reason") ?? "") };
  try {
    await withdrawDecision(actor, { id, baseRevision: fd.get("baseRevision"), reason: values.reason });
  } catch (e) {
    return stateFromError(e, values);
  }
  revalidatePath("/decisions");
  redirect(`/decisions/${id}?done=withdrawn`);
}

export async function addCommentAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const decisionId = String(fd.get("decisionId") ?? "");
  const values = { body: String(fd.get("body") ?? "") };
  try {
    const c = await addComment(actor, {
      decisionId,
      body: values.body,
      isQuestion: fd.get("isQuestion") === "on",
      answersId: String(fd.get("answersId") ?? ""),
    });
    revalidatePath(`/decisions/${decisionId}`);
    return { status: "ok", message: c.answersId ? "Your answer has been added." : c.isQuestion ? "Your question has been added." : "Your comment has been added." };
  } catch (e) {
    return stateFromError(e, values);
  }
}
