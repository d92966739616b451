import "server-only";
// The meeting routes of API v1 on top of lib/meetings (access is checked there): same rules, same errors as the pages.
import type { Actor } from "../access";
import { AppError } from "../errors";
import { addAgendaItem, createMeeting, getMeeting, listMeetings, recordAttendance, recordResolution, type ResolutionInput } from "../meetings";
import type { MeetingInputWire } from "./meetings-wire";

export async function apiListMeetings(actor: Actor) {
  return { data: (await listMeetings(actor)).map((m) => ({ ...m, startsAt: m.startsAt.toISOString() })) };
}

export async function apiGetMeeting(actor: Actor, id: string) {
  const v = await getMeeting(actor, id);
  return {
    id: v.meeting.id,
    trust: { ods: v.trust.ods, name: v.trust.name },
    title: v.meeting.title,
    kind: v.meeting.kind,
    startsAt: v.meeting.startsAt.toISOString(),
    location: v.meeting.location,
    status: v.meeting.status,
    packIssuedAt: v.meeting.packIssuedAt?.toISOString() ?? null,
    minutesSha256: v.meeting.minutesSha256,
    quorum: { met: v.quorum.met, required: v.quorum.required, present: v.quorum.present, shortfalls: v.quorum.shortfalls },
    attendance: v.attendance,
    items: v.items.map((i) => ({ id: i.id, ordinal: i.ordinal, title: i.title, presenter: i.presenter, decisionId: i.decision?.id ?? null, packVersion: i.packVersion, packHash: i.packHash, amendedSincePack: i.amendedSincePack, resolution: i.resolution, resolutionNote: i.resolutionNote })),
  };
}

export async function apiCreateMeeting(actor: Actor, body: MeetingInputWire) {
  const { trust, ...rest } = body;
  let trustId: string | undefined;
  if (trust) {
    trustId = actor.memberships.find((m) => m.ods === trust && m.organisationKind === "trust")?.organisationId;
    if (!trustId) throw new AppError("not_found", "Trust not found");
  }
  const m = await createMeeting(actor, { ...rest, trustId });
  return apiGetMeeting(actor, m.id);
}

export async function apiAddAgendaItem(actor: Actor, meetingId: string, body: { decisionId?: string; title?: string; presenter?: string }) {
  await addAgendaItem(actor, meetingId, body);
  return apiGetMeeting(actor, meetingId);
}

export async function apiRecordAttendance(actor: Actor, meetingId: string, body: { attendance: { userId: string; attendance: "present" | "apologies" | "in_attendance" }[] }) {
  await recordAttendance(actor, meetingId, body);
  return apiGetMeeting(actor, meetingId);
}

/** The item must belong to the meeting in the path: otherwise "not found". */
export async function apiRecordResolution(actor: Actor, meetingId: string, itemId: string, body: ResolutionInput) {
  const v = await getMeeting(actor, meetingId);
  if (!v.items.some((i) => i.id === itemId)) throw new AppError("not_found", "Agenda item not found");
  return recordResolution(actor, itemId, body);
}
