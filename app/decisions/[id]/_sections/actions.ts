"use server";

import { revalidatePath } from "next/cache";
import { echoValues, stateFromError, type ActionState } from "@/lib/action-state";
import { requireActor } from "@/lib/auth";
import { recordOutcome } from "@/lib/outcomes";
import { declineDecision, recordPosition } from "@/lib/sign-off";

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === "string" ? v : undefined;
};

export async function recordPositionAction(decisionId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const values = echoValues(formData);
  try {
    const declared = str(formData, "conflictDeclared");
    if (declared !== "none" && declared !== "declared") {
      return { status: "invalid", message: "Some answers need correcting", fieldErrors: { conflictDeclared: "Select whether you have a conflict of interest" }, values };
    }
    const result = await recordPosition(actor, {
      decisionId,
      position: str(formData, "position") as never,
      comment: str(formData, "comment") ?? "",
      forum: str(formData, "forum") as never,
      conflict: declared === "declared" ? (str(formData, "conflict") ?? "") : null,
      version: str(formData, "version") as never,
      contentHash: str(formData, "contentHash") || undefined,
    });
    revalidatePath(`/decisions/${decisionId}`);
    revalidatePath("/inbox");
    const message =
      result.effect === "unchanged"
        ? result.signedOff
          ? "You had already recorded this position on this version. Under the trust's current sign-off policy it completes sign-off: the decision is now signed off."
          : "You had already recorded this position on this version; nothing has changed."
        : result.signedOff
          ? "Your position has been recorded. The decision is now signed off."
          : "Your position has been recorded.";
    return { status: "ok", message };
  } catch (e) {
    return stateFromError(e, values);
  }
}

export async function declineAction(decisionId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const values = echoValues(formData);
  try {
    await declineDecision(actor, { decisionId, reason: str(formData, "reason") ?? "", version: Number(str(formData, "version")) || undefined });
    revalidatePath(`/decisions/${decisionId}`);
    revalidatePath("/inbox");
    return { status: "ok", message: "The decision has been declined." };
  } catch (e) {
    return stateFromError(e, values);
  }
}

export async function recordOutcomeAction(decisionId: string, criterionId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const values = echoValues(formData);
  try {
    // Each criterion's form prefixes its field names ("c1-outcome") so ids stay unique on the page.
    const prefix = /^c\d+-$/.test(str(formData, "prefix") ?? "") ? str(formData, "prefix")! : "";
    const result = await recordOutcome(actor, {
      criterionId,
      outcome: str(formData, `${prefix}outcome`) as never,
      evidence: str(formData, `${prefix}evidence`) ?? "",
      assessedOn: str(formData, `${prefix}assessedOn`) || undefined,
    });
    revalidatePath(`/decisions/${decisionId}`);
    revalidatePath("/inbox");
    return { status: "ok", message: result.reviewed ? "Outcome recorded. Every criterion is now assessed: the decision is reviewed." : "Outcome recorded." };
  } catch (e) {
    return stateFromError(e, values);
  }
}
