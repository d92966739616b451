// Input of the meetings domain (forms and POST /api/v1/meetings…): zod, each message naming its field.
import { z } from "zod";
import { isoDate, text } from "../validation";

export const MEETING_KINDS = ["public_board", "private_board", "committee"] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  public_board: "Board meeting in public",
  private_board: "Board meeting in private",
  committee: "Committee",
};
export const MEETING_STATUS_LABELS = { planned: "Planned", held: "Held", minuted: "Minuted" } as const;
export const ATTENDANCE_LABELS = { present: "Present", apologies: "Apologies", in_attendance: "In attendance" } as const;
export const RESOLUTION_LABELS = { approved: "Approved", not_approved: "Not approved", deferred: "Deferred" } as const;
export const PURPOSE_LABELS = { decision: "For decision", ratification: "For ratification", information: "For information" } as const;

const time = z
  .string({ error: "Enter the time the meeting starts" })
  .trim()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, { message: "Time must be a real time on the 24-hour clock, like 09:30" });

export const CreateMeetingSchema = z
  .object({
    date: isoDate("the date of the meeting"),
    time,
    kind: z.enum(MEETING_KINDS, { error: "Select the kind of meeting" }),
    committeeName: text("the committee's name", 200).optional().default(""),
    location: text("the location or link", 500).optional().default(""),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "committee" && !v.committeeName) ctx.addIssue({ code: "custom", path: ["committeeName"], message: "Enter the committee's name" });
  });
export type CreateMeetingInput = z.input<typeof CreateMeetingSchema>;

export const CoverSheetSchema = z.object({
  purpose: z.enum(["decision", "ratification", "information"], { error: "Select the purpose: for decision, for ratification or for information" }),
  recommendation: text("the recommendation", 2000).optional().default(""),
  executiveLead: text("the executive lead", 200).optional().default(""),
  author: text("the author", 200).optional().default(""),
  previouslyConsideredBy: text("where it was previously considered", 500).optional().default(""),
  strategicRisks: text("the link to the board's strategic risks", 1000).optional().default(""),
});
export type CoverSheetInput = z.input<typeof CoverSheetSchema>;

export const AddItemSchema = z
  .object({
    decisionId: z.string().uuid({ message: "Select a decision" }).optional(),
    title: text("the item's title", 300).optional().default(""),
    presenter: text("the presenter", 200).optional().default(""),
    cover: CoverSheetSchema.optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.decisionId && !v.title) ctx.addIssue({ code: "custom", path: ["title"], message: "Enter the item's title, or choose a decision" });
  });
export type AddItemInput = z.input<typeof AddItemSchema>;

export const AttendanceSchema = z.object({
  attendance: z
    .array(
      z.object({
        userId: z.string().uuid({ message: "Select a person" }),
        attendance: z.enum(["present", "apologies", "in_attendance"], { error: "Select present, apologies or in attendance" }),
      }),
    )
    .max(100),
});
export type AttendanceInput = z.input<typeof AttendanceSchema>;

export const DeclarationSchema = z.object({
  userId: z.string().uuid({ message: "Select who declared the interest" }),
  description: text("the interest declared", 1000, { required: true }),
});

export const ResolutionSchema = z
  .object({
    resolution: z.enum(["approved", "not_approved", "deferred"], { error: "Select approved, not approved or deferred" }),
    note: text("the resolution as minuted", 2000).optional().default(""),
    /** Members present who did not support: their words as minuted. Everyone else present and without an interest supports. */
    exceptions: z
      .array(
        z.object({
          userId: z.string().uuid({ message: "Select the member" }),
          position: z.enum(["object", "abstain"], { error: "Select objected or abstained" }),
          comment: text("their words as minuted", 2000).optional().default(""),
        }),
      )
      .max(50)
      .optional()
      .default([]),
  })
  .superRefine((v, ctx) => {
    v.exceptions.forEach((e, i) => {
      if (e.position === "object" && !e.comment) ctx.addIssue({ code: "custom", path: ["exceptions", i, "comment"], message: "Enter the objection as minuted" });
    });
    if (v.resolution === "not_approved" && !v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "Enter why the board did not approve it, as minuted" });
  });
export type ResolutionInput = z.input<typeof ResolutionSchema>;

export const MeetingQuorumSchema = z.object({
  minPresent: z.coerce.number({ error: "Minimum present must be a number" }).int({ error: "Minimum present must be a whole number" }).min(1, { error: "Minimum present must be 1 or more" }).max(40, { error: "Minimum present must be 40 or fewer" }).nullable(),
  minNonExecutive: z.coerce.number({ error: "Non-executives must be a number" }).int({ error: "Non-executives must be a whole number" }).min(0, { error: "Non-executives must be 0 or more" }).max(20, { error: "Non-executives must be 20 or fewer" }),
  minExecutive: z.coerce.number({ error: "Executives must be a number" }).int({ error: "Executives must be a whole number" }).min(0, { error: "Executives must be 0 or more" }).max(20, { error: "Executives must be 20 or fewer" }),
});

/** A wall-clock date and time in England as the instant it is (GMT or BST). */
export function englandTimeToDate(date: string, hhmm: string): Date {
  const [y, m, d] = date.split("-").map(Number);
  const [hh, mm] = hhmm.split(":").map(Number);
  const asUtc = Date.UTC(y, m - 1, d, hh, mm);
  const offset = (at: number) => {
    const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" }).formatToParts(new Date(at));
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute")) - at;
  };
  const first = asUtc - offset(asUtc);
  return new Date(asUtc - offset(first));
}
