"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formSchema, validatedActionWithActor } from "@/lib/actions";
import type { ActionState } from "@/lib/action-state";
import { datePartsToIso } from "@/lib/date-parts";
import { recordOutcome } from "@/lib/outcomes";
import { declineDecision, recordPosition } from "@/lib/sign-off";
import { setUrgency } from "@/lib/chairs-action";

function revalidateDecision(decisionId: string) {
  revalidatePath(`/decisions/${decisionId}`);
  revalidatePath("/inbox");
}

// The conflict question is the form's own (the lib takes the declared conflict, or null); the rest is checked in lib.
const PositionForm = formSchema("position", "comment", "forum", "conflict", "version", "contentHash")
  .extend({ conflictDeclared: z.enum(["none", "declared"], { error: "Select whether you have a conflict of interest" }) })
  .transform((f) => ({
    position: f.position as never,
    comment: f.comment ?? "",
    forum: f.forum as never,
    conflict: f.conflictDeclared === "declared" ? (f.conflict ?? "") : null,
    version: f.version as never,
    contentHash: f.contentHash || undefined,
  }));

export const recordPositionAction = validatedActionWithActor(PositionForm, async ({ actor, input }, decisionId: string): Promise<ActionState> => {
  const result = await recordPosition(actor, { decisionId, ...input });
  revalidateDecision(decisionId);
  const message =
    result.effect === "unchanged"
      ? result.signedOff
        ? "You had already recorded this position on this version. Under the trust's current sign-off policy it completes sign-off: the decision is now signed off."
        : "You had already recorded this position on this version; nothing has changed."
      : result.signedOff
        ? "Your position has been recorded. The decision is now signed off."
        : "Your position has been recorded.";
  return { status: "ok", message };
});

const DeclineForm = formSchema("reason", "version").transform((f) => ({ reason: f.reason ?? "", version: Number(f.version) || undefined }));

export const declineAction = validatedActionWithActor(DeclineForm, async ({ actor, input }, decisionId: string): Promise<ActionState> => {
  await declineDecision(actor, { decisionId, ...input });
  revalidateDecision(decisionId);
  return { status: "ok", message: "The decision has been declined." };
});

// Each criterion's form prefixes its field names ("c1-outcome") so ids stay unique on the page.
const OutcomeForm = z.record(z.string(), z.string()).transform((f) => {
  const prefix = /^c\d+-$/.test(f.prefix ?? "") ? f.prefix : "";
  const typedDate = f[`${prefix}assessedOn-day`] !== undefined ? datePartsToIso(f[`${prefix}assessedOn-day`], f[`${prefix}assessedOn-month`], f[`${prefix}assessedOn-year`]) : f[`${prefix}assessedOn`];
  return {
    outcome: f[`${prefix}outcome`] as never,
    evidence: f[`${prefix}evidence`] ?? "",
    actualValue: f[`${prefix}actualValue`] ?? "",
    evidenceUrl: f[`${prefix}evidenceUrl`] ?? "",
    confirmEarly: f[`${prefix}confirmEarly`] === "yes",
    assessedOn: typedDate || undefined,
  };
});

export const recordOutcomeAction = validatedActionWithActor(OutcomeForm, async ({ actor, input }, decisionId: string, criterionId: string): Promise<ActionState> => {
  const result = await recordOutcome(actor, { criterionId, ...input });
  revalidateDecision(decisionId);
  return { status: "ok", message: result.reviewed ? "Outcome recorded. Every criterion is now assessed: the decision is reviewed." : "Outcome recorded." };
});

// Chair's action (issue 14): the Chief Executive marks the decision urgent, with a reason, or no longer urgent.
const UrgencyForm = formSchema("urgent", "reason").transform((f) => ({ urgent: (f.urgent ?? "") as never, reason: f.reason ?? "" }));

export const setUrgencyAction = validatedActionWithActor(UrgencyForm, async ({ actor, input }, decisionId: string): Promise<ActionState> => {
  const r = await setUrgency(actor, { decisionId, ...input });
  revalidateDecision(decisionId);
  return { status: "ok", message: r.urgent ? "The decision is marked urgent: the Chair and non-executive directors can sign it off by Chair's action." : "The decision is no longer marked urgent." };
});
