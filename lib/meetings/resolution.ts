import "server-only";
// The board's resolution on a decision item, recorded by the Company Secretary at a held, quorate
// meeting. The positions it records are members' positions like any other (forum = the meeting's kind,
// marked with who recorded them and at which meeting), and sign-off follows from them through the
// same evaluation as members' own (lib/sign-off.ts): nothing here restates the rule.
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { decisions, meetingAttendance, meetingDeclarations, meetingItems, positions } from "@/db/schema";
import { assertCan, type Actor, type Seat } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { declineInTransaction, evaluateSignOff } from "../sign-off";
import { resolveRatification } from "../chairs-action";
import { meetingTitle } from "./read";
import { parseInput } from "../validation";
import { loadTrustPeople, orgRef } from "./access";
import { meetingQuorumIn } from "./read";
import { ResolutionSchema, type ResolutionInput } from "./schemas";
import { unsafeLoadItemForMeetingWrite } from "./write";

export const FORUM_OF_KIND = { public_board: "public_board", private_board: "private_session", committee: "private_session" } as const;

export type ResolutionResult = { resolution: "approved" | "not_approved" | "deferred"; status: string; signedOff: boolean; positionsRecorded: number; ratification?: "awaiting" | "ratified" | "not_ratified" };

export async function recordResolution(actor: Actor, itemId: string, input: ResolutionInput): Promise<ResolutionResult> {
  const data = parseInput(ResolutionSchema, input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const { item, meeting, trust } = await unsafeLoadItemForMeetingWrite(tx, actor, itemId);
    assertCan(actor, "meeting.manage", orgRef(trust), { visible: true });
    if (meeting.status !== "held") throw new AppError("conflict", `A resolution can be recorded only at a meeting that has been held (this one is ${meeting.status}).`);
    if (!item.decisionId) throw new AppError("invalid", "Only a decision item has a resolution", { fieldErrors: { resolution: "Only a decision item has a resolution" } });
    if (item.resolution) throw new AppError("conflict", "The board's resolution on this item has already been recorded.");
    const quorum = await meetingQuorumIn(tx, meeting.id, trust.id);
    if (!quorum.met) throw new AppError("conflict", `The meeting is not quorate, so it cannot resolve: ${quorum.shortfalls.join("; ")}.`);
    const [decision] = await tx.select().from(decisions).where(eq(decisions.id, item.decisionId)).for("update");
    if (!decision || decision.trustId !== trust.id) throw new AppError("not_found", "Agenda item not found");
    if (item.packVersion === null || !item.packHash) throw new AppError("conflict", "Issue the board pack before recording a resolution.");
    if (item.forRatification) {
      // Ratification of a Chair's action (issue 14): the resolution ratifies it or not; no positions are recorded.
      if (data.resolution !== "deferred" && (decision.version !== item.packVersion || decision.contentHash !== item.packHash)) {
        throw new AppError("conflict", `"${decision.title}" is not the version in the pack: re-issue the pack, or defer the item.`);
      }
      const now = new Date();
      await tx.update(meetingItems).set({ resolution: data.resolution, resolutionNote: data.note, resolvedAt: now, resolvedById: actor.userId }).where(eq(meetingItems.id, item.id));
      await recordAudit(tx, actor, {
        organisationId: trust.id,
        action: "meeting.resolution",
        entityType: "meeting",
        entityId: meeting.id,
        after: { itemId: item.id, decisionId: decision.id, forRatification: true, version: item.packVersion, contentHash: item.packHash, resolution: data.resolution, note: data.note },
      });
      const ratification = await resolveRatification(tx, actor, { decision, meeting, meetingTitle: meetingTitle(meeting), resolution: data.resolution, note: data.note });
      return { resolution: data.resolution, status: decision.status, signedOff: false, positionsRecorded: 0, ratification };
    }
    if (data.resolution !== "deferred") {
      if (decision.status !== "awaiting_sign_off") throw new AppError("conflict", `"${decision.title}" is no longer awaiting sign-off, so the board's resolution cannot change it.`);
      if (decision.version !== item.packVersion || decision.contentHash !== item.packHash) {
        throw new AppError("conflict", `"${decision.title}" was amended since the pack was issued: the board considered version ${item.packVersion}, and version ${decision.version} is now current. Re-issue the pack, or defer the item.`);
      }
    }
    // Who may take part: board members present, without a declared interest on this item.
    const people = await loadTrustPeople(tx, trust.id);
    const present = new Set(
      (await tx.select({ userId: meetingAttendance.userId }).from(meetingAttendance).where(and(eq(meetingAttendance.meetingId, meeting.id), eq(meetingAttendance.attendance, "present")))).map((r) => r.userId),
    );
    const interested = new Set((await tx.select({ userId: meetingDeclarations.userId }).from(meetingDeclarations).where(eq(meetingDeclarations.itemId, item.id))).map((r) => r.userId));
    const voting = people.filter((p) => p.role === "board_member" && p.seat && present.has(p.userId) && !interested.has(p.userId));
    const votingIds = new Set(voting.map((p) => p.userId));
    const fieldErrors: Record<string, string> = {};
    data.exceptions.forEach((e, i) => {
      if (!votingIds.has(e.userId)) fieldErrors[`exceptions.${i}.userId`] = "Select a board member present who declared no interest in this item";
    });
    if (Object.keys(fieldErrors).length) throw new AppError("invalid", "Some answers need correcting", { fieldErrors });
    const exceptions = new Map(data.exceptions.map((e) => [e.userId, e]));
    let recorded = 0;
    const forum = FORUM_OF_KIND[meeting.kind];
    if (data.resolution !== "deferred") {
      // "Approved": everyone voting supports bar the named exceptions. "Not approved": only the named positions.
      const toRecord = voting.filter((p) => data.resolution === "approved" || exceptions.has(p.userId));
      const priors = toRecord.length
        ? await tx
            .select({ id: positions.id, memberId: positions.memberId })
            .from(positions)
            .where(
              and(
                eq(positions.decisionId, decision.id),
                eq(positions.decisionVersion, decision.version),
                inArray(positions.memberId, toRecord.map((p) => p.userId)),
                sql`not exists (select 1 from ${positions} p2 where p2.supersedes_id = ${positions.id})`,
              ),
            )
        : [];
      const priorOf = new Map(priors.map((p) => [p.memberId, p.id]));
      for (const p of toRecord) {
        const ex = exceptions.get(p.userId);
        const [row] = await tx
          .insert(positions)
          .values({
            decisionId: decision.id,
            decisionVersion: decision.version,
            contentHash: decision.contentHash!,
            memberId: p.userId,
            seat: p.seat as Seat,
            position: ex?.position ?? "support",
            comment: ex?.comment ?? "",
            forum,
            supersedesId: priorOf.get(p.userId) ?? null,
            recordedById: actor.userId,
            recordedAtMeetingId: meeting.id,
          })
          .returning();
        recorded++;
        await recordAudit(tx, actor, {
          organisationId: trust.id,
          action: row.supersedesId ? "position.superseded" : "position.recorded",
          entityType: "position",
          entityId: row.id,
          after: { decisionId: decision.id, version: decision.version, contentHash: decision.contentHash, memberId: p.userId, seat: p.seat, position: row.position, comment: row.comment, forum, supersedesId: row.supersedesId, recordedById: actor.userId, meetingId: meeting.id },
        });
      }
    }
    const now = new Date();
    await tx.update(meetingItems).set({ resolution: data.resolution, resolutionNote: data.note, resolvedAt: now, resolvedById: actor.userId }).where(eq(meetingItems.id, item.id));
    await recordAudit(tx, actor, {
      organisationId: trust.id,
      action: "meeting.resolution",
      entityType: "meeting",
      entityId: meeting.id,
      after: { itemId: item.id, decisionId: decision.id, version: item.packVersion, contentHash: item.packHash, resolution: data.resolution, note: data.note, exceptions: data.exceptions, interested: [...interested] },
    });
    let status: string = decision.status;
    let signedOff = false;
    if (data.resolution === "approved") {
      signedOff = await evaluateSignOff(tx, actor, decision.id);
      if (signedOff) status = "signed_off";
    } else if (data.resolution === "not_approved") {
      status = await declineInTransaction(tx, actor, decision, data.note, { meetingId: meeting.id, recordedBy: actor.userId });
    }
    return { resolution: data.resolution, status, signedOff, positionsRecorded: recorded };
  });
}
