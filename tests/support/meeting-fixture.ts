// A trust with its board and Company Secretary, and helpers to take a meeting through its cycle with
// the real lib functions.
import type { Database } from "@/db/client";
import type { Actor } from "@/lib/access";
import { addAgendaItem, createMeeting, issuePack, markMeetingHeld, recordAttendance } from "@/lib/meetings";
import { makeTrustWithBoard, makeUser } from "./factories";

export async function makeTrustWithSecretary(db: Database, opts: { icsId?: string } = {}) {
  const board = await makeTrustWithBoard(db, opts);
  const secretary = await makeUser(db, [{ organisationId: board.trust.id, role: "company_secretary" }], { name: `Secretary ${board.trust.ods}` });
  return { ...board, secretary };
}

/** A meeting with the decisions on its agenda, its pack issued and the meeting held. */
export async function heldMeeting(secretary: Actor, decisionIds: string[], opts: { kind?: "public_board" | "private_board"; present?: Actor[] } = {}) {
  const meeting = await createMeeting(secretary, { date: "2026-12-03", time: "10:00", kind: opts.kind ?? "private_board", location: "Boardroom" });
  const items = [];
  for (const decisionId of decisionIds) items.push(await addAgendaItem(secretary, meeting.id, { decisionId }));
  await issuePack(secretary, meeting.id);
  await markMeetingHeld(secretary, meeting.id);
  if (opts.present) await recordAttendance(secretary, meeting.id, { attendance: opts.present.map((a) => ({ userId: a.userId, attendance: "present" as const })) });
  return { meeting, items };
}
