import "server-only";
// The minutes: drafted from what was recorded (attendance, declarations, resolutions), as text on the
// meeting page and as a Word document the secretary edits as usual; marking the meeting minuted records
// the approved minutes' SHA-256 (the uploaded file) in the trust's audit chain.
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { getDb } from "@/db/client";
import { meetings } from "@/db/schema";
import { assertCan, type Actor } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { formatDateTime } from "../format";
import { loadMeeting, orgRef } from "./access";
import { getMeeting, type MeetingView } from "./read";

export type MinutesSection = { heading: string; paragraphs: string[] };
export type MinutesDraft = { title: string; sections: MinutesSection[] };

const names = (xs: { name: string }[]) => (xs.length ? xs.map((x) => x.name).join(", ") : "None");

/** The minutes as drafted from the record (pure, so the wording is tested with the meeting). */
export function draftMinutesFrom(view: MeetingView): MinutesDraft {
  const att = (k: "present" | "apologies" | "in_attendance") => view.attendance.filter((a) => a.attendance === k);
  const sections: MinutesSection[] = [
    {
      heading: "Attendance",
      paragraphs: [
        `Present: ${names(att("present"))}.`,
        `In attendance: ${names(att("in_attendance"))}.`,
        `Apologies: ${names(att("apologies"))}.`,
        view.quorum.met ? `The meeting was quorate (${view.quorum.present} board members present).` : `The meeting was not quorate: ${view.quorum.shortfalls.join("; ")}.`,
      ],
    },
  ];
  for (const item of view.items) {
    const ps: string[] = [];
    for (const d of item.declarations) ps.push(`${d.name} declared an interest (${d.description}) and took no part in the item.`);
    if (item.decision) {
      ps.push(`The Board considered "${item.decision.title}" (version ${item.packVersion ?? item.decision.version}, content hash ${item.packHash ?? item.decision.contentHash ?? "none"}).`);
      if (item.amendedSincePack) ps.push(`The decision was amended since the pack was issued: version ${item.decision.version} is now current.`);
      if (item.forRatification) ps.push(`The decision was signed off between meetings by Chair's action and came to the Board for ratification.`);
      if (item.forRatification && item.resolution === "approved") ps.push("The Board RATIFIED the Chair's action.");
      else if (item.forRatification && item.resolution === "not_approved") ps.push("The Board DID NOT RATIFY the Chair's action.");
      else if (item.resolution === "approved") ps.push("The Board APPROVED the recommendation.");
      else if (item.resolution === "not_approved") ps.push("The Board DID NOT APPROVE the recommendation.");
      else if (item.resolution === "deferred") ps.push("The Board DEFERRED the item.");
      else ps.push("No resolution has been recorded.");
      if (item.resolutionNote) ps.push(item.resolutionNote);
      for (const p of item.positions) {
        if (p.position === "object") ps.push(`${p.memberName} objected: "${p.comment}".`);
        if (p.position === "abstain") ps.push(`${p.memberName} abstained${p.comment ? `: "${p.comment}"` : ""}.`);
      }
    } else {
      ps.push(item.presenter ? `The Board received the item, presented by ${item.presenter}.` : "The Board received the item.");
    }
    sections.push({ heading: `${item.ordinal}. ${item.title}`, paragraphs: ps });
  }
  return { title: `Minutes of the ${view.meeting.title.replace(/^./, (c) => c.toLowerCase())}, ${view.trust.name}`, sections };
}

export async function draftMinutes(actor: Actor, meetingId: string): Promise<MinutesDraft> {
  return draftMinutesFrom(await getMeeting(actor, meetingId));
}

export function minutesAsText(d: MinutesDraft): string {
  return [d.title, "", ...d.sections.flatMap((s) => [s.heading, ...s.paragraphs, ""])].join("\n");
}

/** The draft minutes as a Word document (.docx) for the secretary to edit. */
export async function minutesDocx(actor: Actor, meetingId: string): Promise<{ fileName: string; docx: Buffer }> {
  const view = await getMeeting(actor, meetingId);
  const d = draftMinutesFrom(view);
  const doc = new Document({
    creator: "Fulcrum",
    title: d.title,
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(d.title)] }),
          new Paragraph({ children: [new TextRun(`${formatDateTime(view.meeting.startsAt)}${view.meeting.location ? `, ${view.meeting.location}` : ""}`)] }),
          ...d.sections.flatMap((s) => [new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(s.heading)] }), ...s.paragraphs.map((p) => new Paragraph({ children: [new TextRun(p)] }))]),
        ],
      },
    ],
  });
  const date = view.meeting.startsAt.toISOString().slice(0, 10);
  return { fileName: `minutes-${view.trust.ods}-${date}.docx`, docx: await Packer.toBuffer(doc) };
}

export const MAX_MINUTES_BYTES = 20 * 1024 * 1024;

/** The secretary marks a held meeting minuted with the approved minutes: their SHA-256 joins the audit chain. */
export async function markMinuted(actor: Actor, meetingId: string, input: { fileName: string; bytes: Uint8Array }) {
  const fileName = (input.fileName ?? "").trim().slice(0, 200);
  if (!input.bytes?.length) throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { minutes: "Choose the approved minutes file" } });
  if (input.bytes.length > MAX_MINUTES_BYTES) throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { minutes: "The minutes file must be 20 MB or smaller" } });
  const sha256 = createHash("sha256").update(input.bytes).digest("hex");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { meeting, trust } = await loadMeeting(tx, actor, meetingId, { lock: true });
    assertCan(actor, "meeting.manage", orgRef(trust), { visible: true });
    if (meeting.status !== "held") throw new AppError("conflict", `Only a meeting that has been held can be marked minuted (this one is ${meeting.status}).`);
    const now = new Date();
    await tx.update(meetings).set({ status: "minuted", minutesSha256: sha256, minutesFileName: fileName || "minutes", minutedAt: now, updatedAt: now }).where(eq(meetings.id, meeting.id));
    const event = await recordAudit(tx, actor, { organisationId: trust.id, action: "meeting.minuted", entityType: "meeting", entityId: meeting.id, before: { status: "held" }, after: { status: "minuted", minutesSha256: sha256, fileName: fileName || "minutes", bytes: input.bytes.length } });
    return { sha256, auditSeq: event.seq };
  });
}
