// The wire shapes of the meeting routes of API v1 (issue 13). Lengths are checked by the lib's own
// schemas (lib/meetings/schemas.ts), which name the field in the error.
import { meetingKind, meetingStatus, attendanceKind, resolutionKind } from "@/db/schema";
import { Ods, Uuid } from "./schemas";
import { z } from "./zod";

const KINDS = meetingKind.enumValues;
export const MeetingInput = z
  .object({
    trust: Ods.optional().openapi({ description: "The trust's ODS code; needed only when you are secretary or Chair of more than one" }),
    date: z.string().openapi({ description: "YYYY-MM-DD", example: "2026-12-03" }),
    time: z.string().openapi({ description: "Start time in England's time, HH:MM", example: "10:00" }),
    kind: z.enum(KINDS),
    committeeName: z.string().optional().openapi({ description: "Needed for a committee" }),
    location: z.string().optional(),
  })
  .strict()
  .openapi("MeetingInput");

export const AgendaItemInput = z
  .object({
    decisionId: Uuid.optional().openapi({ description: "A decision of the trust awaiting sign-off; absent for a plain item" }),
    title: z.string().optional().openapi({ description: "A plain item's title" }),
    presenter: z.string().optional(),
  })
  .strict()
  .openapi("AgendaItemInput");

export const AttendanceInput = z
  .object({ attendance: z.array(z.object({ userId: Uuid, attendance: z.enum(attendanceKind.enumValues) }).strict()) })
  .strict()
  .openapi("AttendanceInput");

export const RESOLUTION_EXCEPTIONS = ["object", "abstain"] as const;
export const ResolutionInput = z
  .object({
    resolution: z.enum(resolutionKind.enumValues),
    note: z.string().optional().openapi({ description: "The resolution as minuted; needed for not_approved" }),
    exceptions: z
      .array(z.object({ userId: Uuid, position: z.enum(RESOLUTION_EXCEPTIONS), comment: z.string().optional() }).strict())
      .optional()
      .openapi({ description: "Members present who did not support, with their words as minuted; everyone else present without a declared interest supports" }),
  })
  .strict()
  .openapi("ResolutionInput");

export const MeetingSummary = z
  .object({ id: Uuid, title: z.string(), kind: z.enum(KINDS), startsAt: z.string(), status: z.enum(meetingStatus.enumValues), location: z.string(), trustName: z.string(), items: z.number().int(), packIssued: z.boolean() })
  .openapi("MeetingSummary");
export const MeetingList = z.object({ data: z.array(MeetingSummary) }).openapi("MeetingList");

export const Meeting = z
  .object({
    id: Uuid,
    trust: z.object({ ods: z.string(), name: z.string() }),
    title: z.string(),
    kind: z.enum(KINDS),
    startsAt: z.string(),
    location: z.string(),
    status: z.enum(meetingStatus.enumValues),
    packIssuedAt: z.string().nullable(),
    minutesSha256: z.string().nullable(),
    quorum: z.object({ met: z.boolean(), required: z.number().int(), present: z.number().int(), shortfalls: z.array(z.string()) }),
    attendance: z.array(z.object({ userId: Uuid, name: z.string(), attendance: z.enum(attendanceKind.enumValues) })),
    items: z.array(
      z.object({
        id: Uuid,
        ordinal: z.number().int(),
        title: z.string(),
        presenter: z.string(),
        decisionId: Uuid.nullable(),
        packVersion: z.number().int().nullable(),
        packHash: z.string().nullable(),
        amendedSincePack: z.boolean(),
        resolution: z.enum(resolutionKind.enumValues).nullable(),
        resolutionNote: z.string(),
      }),
    ),
  })
  .openapi("Meeting");

export const ResolutionResult = z
  .object({ resolution: z.enum(resolutionKind.enumValues), status: z.string(), signedOff: z.boolean(), positionsRecorded: z.number().int() })
  .openapi("ResolutionResult");

export const ItemParams = z.object({
  id: Uuid.openapi({ param: { name: "id", in: "path" } }),
  itemId: Uuid.openapi({ param: { name: "itemId", in: "path" } }),
});

export type MeetingInputWire = z.infer<typeof MeetingInput>;
