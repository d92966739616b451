"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formSchema, redirectAfter, validatedActionWithActor } from "@/lib/actions";
import type { ActionState } from "@/lib/action-state";
import { AppError } from "@/lib/errors";
import {
  addAgendaItem,
  createMeeting,
  issuePack,
  markMeetingHeld,
  markMinuted,
  recordAttendance,
  recordDeclaration,
  recordResolution,
  setCoverSheet,
  setMeetingQuorumPolicy,
} from "@/lib/meetings";

const pad = (s: string | undefined) => (s ?? "").trim().padStart(2, "0");

const MeetingForm = formSchema("trustId", "day", "month", "year", "time", "kind", "committeeName", "location");

export const createMeetingAction = validatedActionWithActor(MeetingForm, async ({ actor, input }) => {
  const date = input.day || input.month || input.year ? `${(input.year ?? "").trim()}-${pad(input.month)}-${pad(input.day)}` : "";
  const m = await createMeeting(actor, {
    trustId: input.trustId || undefined,
    date: date as never,
    time: input.time ?? "",
    kind: (input.kind || undefined) as never,
    committeeName: input.committeeName ?? "",
    location: input.location ?? "",
  }).catch((e) => {
    // The lib names the date field "date"; the form shows it as its Day box.
    if (e instanceof AppError && e.fieldErrors?.date) e.fieldErrors.day = e.fieldErrors.date, delete e.fieldErrors.date;
    throw e;
  });
  return redirectAfter(`/meetings/${m.id}`, "/meetings");
});

const refresh = (meetingId: string) => {
  revalidatePath(`/meetings/${meetingId}`);
  revalidatePath("/meetings");
  revalidatePath("/inbox");
};

const ItemForm = formSchema("decisionId", "title", "presenter");
export const addItemAction = validatedActionWithActor(ItemForm, async ({ actor, input }, meetingId: string): Promise<ActionState> => {
  await addAgendaItem(actor, meetingId, { decisionId: input.decisionId || undefined, title: input.title ?? "", presenter: input.presenter ?? "" });
  refresh(meetingId);
  return { status: "ok", message: "The item has been added to the agenda." };
});

/** Fields of one item's form carry the item's prefix ("c2-purpose"), so ids stay unique on the page; errors point back at them. */
function prefixed(formData: FormData, prefix: string) {
  return (k: string) => String(formData.get(`${prefix}-${k}`) ?? "");
}
function prefixErrors(e: unknown, prefix: string): never {
  if (e instanceof AppError && e.fieldErrors) {
    for (const [k, msg] of Object.entries(e.fieldErrors)) {
      delete e.fieldErrors[k];
      e.fieldErrors[`${prefix}-${k}`] = msg;
    }
  }
  throw e;
}

export const coverSheetAction = validatedActionWithActor(z.record(z.string(), z.unknown()), async ({ actor, formData }, meetingId: string, itemId: string, prefix: string): Promise<ActionState> => {
  const get = prefixed(formData, prefix);
  await setCoverSheet(actor, itemId, {
    purpose: (get("purpose") || undefined) as never,
    recommendation: get("recommendation"),
    executiveLead: get("executiveLead"),
    author: get("author"),
    previouslyConsideredBy: get("previouslyConsideredBy"),
    strategicRisks: get("strategicRisks"),
  }).catch((e) => prefixErrors(e, prefix));
  refresh(meetingId);
  return { status: "ok", message: "The cover sheet has been saved." };
});

const Empty = z.object({});
export const issuePackAction = validatedActionWithActor(Empty, async ({ actor }, meetingId: string): Promise<ActionState> => {
  const r = await issuePack(actor, meetingId);
  refresh(meetingId);
  return { status: "ok", message: `The board pack has been issued: ${r.items.length} ${r.items.length === 1 ? "decision" : "decisions"} frozen at their current version.` };
});

export const markHeldAction = validatedActionWithActor(Empty, async ({ actor }, meetingId: string): Promise<ActionState> => {
  await markMeetingHeld(actor, meetingId);
  refresh(meetingId);
  return { status: "ok", message: "The meeting is marked as held. Record attendance, declarations and resolutions." };
});

const Anything = z.record(z.string(), z.unknown());
export const attendanceAction = validatedActionWithActor(Anything, async ({ actor, formData }, meetingId: string): Promise<ActionState> => {
  const attendance: { userId: string; attendance: "present" | "apologies" | "in_attendance" }[] = [];
  for (const [k, v] of formData.entries()) {
    if (k.startsWith("att-") && (v === "present" || v === "apologies" || v === "in_attendance")) attendance.push({ userId: k.slice(4), attendance: v });
  }
  await recordAttendance(actor, meetingId, { attendance });
  refresh(meetingId);
  return { status: "ok", message: "Attendance has been recorded." };
});

const DeclarationForm = formSchema("itemId", "userId", "description");
export const declarationAction = validatedActionWithActor(DeclarationForm, async ({ actor, input }, meetingId: string): Promise<ActionState> => {
  if (!input.itemId) throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { itemId: "Select the agenda item" } });
  await recordDeclaration(actor, input.itemId, { userId: input.userId ?? "", description: input.description ?? "" });
  refresh(meetingId);
  return { status: "ok", message: "The declaration of interest has been recorded." };
});

export const resolutionAction = validatedActionWithActor(Anything, async ({ actor, formData }, meetingId: string, itemId: string, prefix: string): Promise<ActionState> => {
  const get = prefixed(formData, prefix);
  const exceptions: { userId: string; position: "object" | "abstain"; comment: string }[] = [];
  for (const [k, v] of formData.entries()) {
    const id = k.startsWith(`${prefix}-pos-`) ? k.slice(`${prefix}-pos-`.length) : null;
    if (id && (v === "object" || v === "abstain")) exceptions.push({ userId: id, position: v, comment: get(`com-${id}`) });
  }
  const r = await recordResolution(actor, itemId, { resolution: (get("resolution") || undefined) as never, note: get("note"), exceptions }).catch((e) => {
    // Point each exception's error at its member's boxes on the form.
    if (e instanceof AppError && e.fieldErrors) {
      for (const [key, msg] of Object.entries(e.fieldErrors)) {
        const m = /^exceptions\.(\d+)\.(\w+)$/.exec(key);
        if (m) {
          delete e.fieldErrors[key];
          e.fieldErrors[`${m[2] === "comment" ? "com" : "pos"}-${exceptions[Number(m[1])].userId}`] = msg;
        }
      }
    }
    prefixErrors(e, prefix);
  });
  refresh(meetingId);
  const outcome = r.ratification
    ? { awaiting: "The Chair's action still awaits ratification: it goes to the next board meeting.", ratified: "The Chair's action is ratified.", not_ratified: "The Chair's action is not ratified: its Chief Executive and Chair are told." }[r.ratification]
    : r.signedOff ? "The decision is now signed off." : r.status === "declined" ? "The decision is declined." : "The decision is still awaiting sign-off.";
  return { status: "ok", message: `The resolution has been recorded. ${outcome}` };
});

export const minutedAction = validatedActionWithActor(Anything, async ({ actor, formData }, meetingId: string): Promise<ActionState> => {
  const file = formData.get("minutes");
  const bytes = file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
  const r = await markMinuted(actor, meetingId, { fileName: file instanceof File ? file.name : "", bytes });
  refresh(meetingId);
  return { status: "ok", message: `The meeting is minuted. The approved minutes' SHA-256, ${r.sha256}, is in the audit chain.` };
}, { echo: false });

const QuorumForm = formSchema("minPresent", "minNonExecutive", "minExecutive");
/** Administrators: a trust's meeting quorum from its standing orders (on the trust's admin page). */
export const meetingQuorumAction = validatedActionWithActor(QuorumForm, async ({ actor, input }, trustId: string): Promise<ActionState> => {
  await setMeetingQuorumPolicy(actor, { trustId, minPresent: input.minPresent?.trim() || null, minNonExecutive: input.minNonExecutive ?? "", minExecutive: input.minExecutive ?? "" });
  revalidatePath(`/admin/organisations/${trustId}`);
  return { status: "ok", message: "The meeting quorum has been saved." };
});
