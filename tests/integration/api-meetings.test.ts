import { describe, expect, it } from "vitest";
import { GET as listMeetings, POST as createMeeting } from "@/app/api/v1/meetings/route";
import { GET as getMeeting } from "@/app/api/v1/meetings/[id]/route";
import { POST as addItem } from "@/app/api/v1/meetings/[id]/items/route";
import { POST as recordAttendance } from "@/app/api/v1/meetings/[id]/attendance/route";
import { POST as recordResolution } from "@/app/api/v1/meetings/[id]/items/[itemId]/resolution/route";
import { issuePack, markMeetingHeld } from "@/lib/meetings";
import { createApiToken } from "@/lib/tokens";
import { makeSubmittedDecision } from "../support/decision-fixture";
import { makeTrustWithSecretary } from "../support/meeting-fixture";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();
const BASE = "http://fulcrum.test";
const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });
const json = (path: string, token: string, body?: unknown) =>
  new Request(BASE + path, { method: body === undefined ? "GET" : "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

describe("API v1 meetings", () => {
  it("the secretary creates a meeting, builds the agenda, records attendance and a resolution; same rules and errors as the pages", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const { token } = await createApiToken(b.secretary, { name: "sec", scope: "write" });
    const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce, visibility: "trust" });

    const bad = await createMeeting(json("/api/v1/meetings", token, { date: "2026-02-30", time: "10:00", kind: "public_board" }));
    expect(bad.status).toBe(400);
    const pub = await createMeeting(json("/api/v1/meetings", token, { date: "2026-12-03", time: "10:00", kind: "public_board" }));
    expect(pub.status).toBe(201);
    const pubId = (await pub.json()).id;
    const refused = await addItem(json(`/api/v1/meetings/${pubId}/items`, token, { decisionId: d.id }), params({ id: pubId }));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toMatch(/private meeting/);

    const res = await createMeeting(json("/api/v1/meetings", token, { date: "2026-12-03", time: "14:00", kind: "private_board", location: "Boardroom" }));
    const meeting = await res.json();
    expect(meeting).toMatchObject({ kind: "private_board", status: "planned", startsAt: "2026-12-03T14:00:00.000Z" });
    const added = await addItem(json(`/api/v1/meetings/${meeting.id}/items`, token, { decisionId: d.id }), params({ id: meeting.id }));
    expect(added.status).toBe(201);
    const itemId = (await added.json()).items[0].id;
    await issuePack(b.secretary, meeting.id);
    await markMeetingHeld(b.secretary, meeting.id);
    const inquorate = await recordResolution(json(`/api/v1/meetings/${meeting.id}/items/${itemId}/resolution`, token, { resolution: "approved" }), params({ id: meeting.id, itemId }));
    expect(inquorate.status).toBe(409);
    const att = await recordAttendance(json(`/api/v1/meetings/${meeting.id}/attendance`, token, { attendance: [b.chair, b.ned1, b.ned2, b.exec].map((a) => ({ userId: a.userId, attendance: "present" })) }), params({ id: meeting.id }));
    expect(att.status).toBe(200);
    expect((await att.json()).quorum.met).toBe(true);
    const resolved = await recordResolution(
      json(`/api/v1/meetings/${meeting.id}/items/${itemId}/resolution`, token, { resolution: "approved", exceptions: [{ userId: b.ned2.userId, position: "object", comment: "Too soon" }] }),
      params({ id: meeting.id, itemId }),
    );
    expect(resolved.status).toBe(201);
    expect(await resolved.json()).toEqual({ resolution: "approved", status: "signed_off", signedOff: true, positionsRecorded: 4 });

    const list = await (await listMeetings(json("/api/v1/meetings", token))).json();
    expect(list.data.map((m: { id: string }) => m.id)).toEqual(expect.arrayContaining([meeting.id, pubId]));

    // Another trust's secretary: not found, for the meeting and its items.
    const other = await makeTrustWithSecretary(t.db);
    const { token: otherToken } = await createApiToken(other.secretary, { name: "other", scope: "write" });
    expect((await getMeeting(json(`/api/v1/meetings/${meeting.id}`, otherToken), params({ id: meeting.id }))).status).toBe(404);
    expect((await addItem(json(`/api/v1/meetings/${meeting.id}/items`, otherToken, { title: "x" }), params({ id: meeting.id }))).status).toBe(404);
    expect((await recordResolution(json(`/api/v1/meetings/${meeting.id}/items/${itemId}/resolution`, otherToken, { resolution: "deferred" }), params({ id: meeting.id, itemId }))).status).toBe(404);
    // A board member reads the meeting with a read token, and may not record.
    const { token: nedToken } = await createApiToken(b.ned1, { name: "ned", scope: "write" });
    expect((await getMeeting(json(`/api/v1/meetings/${meeting.id}`, nedToken), params({ id: meeting.id }))).status).toBe(200);
    expect((await recordAttendance(json(`/api/v1/meetings/${meeting.id}/attendance`, nedToken, { attendance: [] }), params({ id: meeting.id }))).status).toBe(403);
  });
});
