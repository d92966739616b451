// E-mail notifications (issue 12) against a real SMTP server started here (smtp-server on 127.0.0.1),
// on PGlite and PostgreSQL. The sender loop is driven through runOnce() with its own clock: no sleeps.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations, outbox } from "@/db/schema";
import type { Actor } from "@/lib/access";
import { addComment, submitDecisionInTx, createDecision } from "@/lib/decisions";
import { enqueueNotification, enqueuePasswordLink, notifyAccessChange } from "@/lib/notifications";
import { renderHtml } from "@/lib/notifications/email";
import { listOutbox, retryMessage, setPreferences } from "@/lib/notifications/manage";
import { createMailSender } from "@/lib/notifications/sender";
import { enqueueReminders, enqueueReviewsDue } from "@/lib/notifications/scans";
import { sqlStatementCount } from "@/db/client";
import { recordPosition } from "@/lib/sign-off";
import { amendFixture, makeSubmittedDecision } from "../support/decision-fixture";
import { decisionInput } from "../support/decisions";
import { useOwnTestDatabase } from "../support/db";
import { makeAdmin, makeTrustWithBoard, makeUser } from "../support/factories";
import { startSmtpServer } from "../support/smtp";
import { unsubscribeToken } from "@/lib/notifications/unsubscribe";
import { POST as oneClickPost } from "@/app/unsubscribe/one-click/route";

// The sender claims every due message in its database: this file keeps a database of its own.
const t = useOwnTestDatabase("notifications");
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const MIN = 60_000;
const DAY = 86_400_000;

beforeAll(async () => {
  process.env.FULCRUM_URL = "http://fulcrum.test";
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await smtp.close();
});

/** A sender over this file's database and the test SMTP server, with the given clock. */
function sender(now: () => Date = () => new Date()) {
  return createMailSender({ db: t.db, transport: smtp.transport(), now, from: "Fulcrum <fulcrum@test.example>" });
}

async function rowsFor(decisionId: string, kind?: string) {
  const rows = await t.db.select().from(outbox).where(eq(outbox.decisionId, decisionId));
  return kind ? rows.filter((r) => r.kind === kind) : rows;
}

const addressesOf = (rows: { toAddress: string }[]) => rows.map((r) => r.toAddress).sort();
const emails = (...actors: Actor[]) => actors.map((a) => a.email).sort();

describe("notifications", () => {
  it("submit sends one message to each board member who can respond: none to the author or to another trust", async () => {
    const a = await makeTrustWithBoard(t.db);
    const b = await makeTrustWithBoard(t.db, { icsId: a.trust.icsId! });
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, title: "Share the stroke rota" });
    const rows = await rowsFor(d.id, "submitted");
    expect(addressesOf(rows)).toEqual(emails(a.chair, a.ned1, a.ned2, a.exec));
    await sender().runOnce();
    for (const m of [a.chair, a.ned1, a.ned2, a.exec]) {
      const got = smtp.to(m.email).filter((x) => x.subject.includes("Share the stroke rota"));
      expect(got).toHaveLength(1);
      expect(got[0].subject).toBe("Your position is needed: Share the stroke rota");
      expect(got[0].text).toContain(`http://fulcrum.test/decisions/${d.id}#sign-off-heading`);
      expect(got[0].headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
      expect(got[0].messageId).toBe(`<${rows.find((r) => r.toAddress === m.email)!.id}@fulcrum.test>`);
    }
    for (const m of [a.ce, b.ce, b.chair, b.ned1, b.ned2, b.exec, a.icsLead]) expect(smtp.to(m.email)).toHaveLength(0);
    expect((await rowsFor(d.id)).every((r) => r.state === "sent")).toBe(true);
  });

  it("a second position does not re-notify; an amendment notifies again only for the new version; reminders go only to non-responders", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce });
    await recordPosition(a.ned1, { decisionId: d.id, position: "support", forum: "public_board", version: 1 });
    await recordPosition(a.ned2, { decisionId: d.id, position: "abstain", forum: "public_board", version: 1 });
    expect(await rowsFor(d.id, "submitted")).toHaveLength(4);
    expect((await rowsFor(d.id)).filter((r) => r.kind !== "submitted")).toHaveLength(0);

    const v2 = await amendFixture(t.db, d.id);
    const amended = await rowsFor(d.id, "amended");
    expect(addressesOf(amended)).toEqual(emails(a.chair, a.ned1, a.ned2, a.exec));
    expect(await rowsFor(d.id, "submitted")).toHaveLength(4);

    // ned1 responds on version 2; the reminder (5 days after the request) goes to the others only.
    await recordPosition(a.ned1, { decisionId: d.id, position: "support", forum: "public_board", version: 2 });
    const first = new Date(v2.submittedAt!.getTime() + 5 * DAY + MIN);
    await sender(() => first).runOnce();
    expect(addressesOf(await rowsFor(d.id, "reminder"))).toEqual(emails(a.chair, a.ned2, a.exec));
    await sender(() => new Date(first.getTime() + MIN)).runOnce();
    expect(await rowsFor(d.id, "reminder")).toHaveLength(3);
    const reminded = smtp.to(a.chair.email).filter((m) => m.subject.startsWith("Reminder:"));
    expect(reminded.length).toBeGreaterThanOrEqual(1);
    // A week later, the second reminder; none to ned1.
    await sender(() => new Date(first.getTime() + 7 * DAY)).runOnce();
    const reminders = await rowsFor(d.id, "reminder");
    expect(reminders).toHaveLength(6);
    expect(reminders.some((r) => r.toAddress === a.ned1.email)).toBe(false);
  });

  it("a scan whose messages are all queued already visits no decision; a new board member is still reminded (issue 16)", async () => {
    const a = await makeTrustWithBoard(t.db);
    const ds = [];
    for (let i = 0; i < 4; i++) ds.push(await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce }));
    const latest = ds.reduce((m, d) => Math.max(m, d.submittedAt!.getTime()), 0);
    const at = new Date(latest + 5 * DAY + MIN);
    await enqueueReminders(t.db, at);
    for (const d of ds) expect(addressesOf(await rowsFor(d.id, "reminder"))).toEqual(emails(a.chair, a.ned1, a.ned2, a.exec));
    // Nothing new: two statements (the decisions due with their non-responders, then the keys), however
    // many decisions are due, in this file's database or any other test's.
    const before = sqlStatementCount();
    expect(await enqueueReminders(t.db, new Date(at.getTime() + MIN))).toBe(0);
    expect(sqlStatementCount() - before).toBe(2);
    // A member who joins the board that week is owed the reminders: only theirs are added.
    const late = await makeUser(t.db, [{ organisationId: a.trust.id, role: "board_member", seat: "non_executive" }]);
    expect(await enqueueReminders(t.db, new Date(at.getTime() + 2 * MIN))).toBe(4);
    for (const d of ds) expect(addressesOf(await rowsFor(d.id, "reminder"))).toEqual(emails(a.chair, a.ned1, a.ned2, a.exec, late));
  });

  it("objection, conflict, sign-off, questions and answers reach the right people; no message carries summary, rationale or comments", async () => {
    const a = await makeTrustWithBoard(t.db);
    await t.db.update(organisations).set({ signOffMinSupport: 2 }).where(eq(organisations.id, a.trust.id));
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce });
    await recordPosition(a.exec, { decisionId: d.id, position: "object", forum: "public_board", version: 1, comment: "SECRET-OBJECTION-TEXT" });
    expect(addressesOf(await rowsFor(d.id, "objection"))).toEqual(emails(a.ce, a.chair));
    await recordPosition(a.ned2, { decisionId: d.id, position: "abstain", forum: "public_board", version: 1, conflict: "SECRET-CONFLICT-TEXT" });
    expect(addressesOf(await rowsFor(d.id, "conflict"))).toEqual(emails(a.ce, a.chair));
    const q = await addComment(a.ned1, { decisionId: d.id, body: "SECRET-QUESTION-TEXT", isQuestion: true });
    expect(addressesOf(await rowsFor(d.id, "question"))).toEqual(emails(a.ce));
    await addComment(a.ce, { decisionId: d.id, body: "SECRET-ANSWER-TEXT", answersId: q.id });
    expect(addressesOf(await rowsFor(d.id, "answer"))).toEqual(emails(a.ned1));
    await recordPosition(a.chair, { decisionId: d.id, position: "support", forum: "public_board", version: 1 });
    await recordPosition(a.ned1, { decisionId: d.id, position: "support", forum: "public_board", version: 1 });
    // Signed off by ned1's position: to the Chief Executive and everyone else who recorded a position.
    expect(addressesOf(await rowsFor(d.id, "signed_off"))).toEqual(emails(a.ce, a.chair, a.ned2, a.exec));
    // Review due: the morning after the judged-by date (2027-03-31), England's time, to the CE and the Chair.
    await sender(() => new Date("2027-04-01T06:59:00Z")).runOnce();
    expect(await rowsFor(d.id, "review_due")).toHaveLength(0);
    await sender(() => new Date("2027-04-01T07:01:00Z")).runOnce();
    expect(addressesOf(await rowsFor(d.id, "review_due"))).toEqual(emails(a.ce, a.chair));
    // A scan with nothing new: three statements (the reviews due, every trust's recipients, the keys).
    const before = sqlStatementCount();
    expect(await enqueueReviewsDue(t.db, new Date("2027-04-01T07:02:00Z"))).toBe(0);
    expect(sqlStatementCount() - before).toBe(3);

    const input = decisionInput();
    const secrets = [input.summary!, input.rationale!, "SECRET-OBJECTION-TEXT", "SECRET-CONFLICT-TEXT", "SECRET-QUESTION-TEXT", "SECRET-ANSWER-TEXT", "£250k", "£1.2m", "Delayed discharges fall"];
    const rows = await rowsFor(d.id);
    expect(rows.length).toBeGreaterThan(10);
    const captured = smtp.messages.filter((m) => rows.some((r) => m.messageId === `<${r.id}@fulcrum.test>`));
    expect(captured.length).toBeGreaterThan(5);
    for (const r of rows) {
      const html = await renderHtml(r.content as never);
      for (const s of secrets) {
        expect(r.bodyText).not.toContain(s);
        expect(html).not.toContain(s);
      }
    }
    for (const m of captured) for (const s of secrets) expect(m.text).not.toContain(s);
  });

  it("a rolled-back submit sends nothing", async () => {
    const a = await makeTrustWithBoard(t.db);
    const created = await createDecision(a.ce, decisionInput());
    await expect(
      t.db.transaction(async (tx) => {
        await submitDecisionInTx(tx, a.ce, { id: created.id, baseRevision: created.revision });
        expect((await tx.select().from(outbox).where(eq(outbox.decisionId, created.id))).length).toBe(4);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await rowsFor(created.id)).toHaveLength(0);
  });

  it("an SMTP server that refuses, then accepts: retried after a minute and sent once; always refused: failed after 24 hours", async () => {
    const id = await t.db.transaction((tx) => enqueuePasswordLink(tx, { toAddress: "retry@test.example", purpose: "reset", url: "http://fulcrum.test/set-password/abc", expiresAt: new Date(Date.now() + DAY) }));
    const now0 = new Date();
    smtp.refuse(1, "retry@test.example");
    const r1 = await sender(() => now0).runOnce();
    expect(r1.retrying).toBe(1);
    await sender(() => new Date(now0.getTime() + 30_000)).runOnce();
    expect(smtp.to("retry@test.example")).toHaveLength(0);
    await sender(() => new Date(now0.getTime() + MIN + 1000)).runOnce();
    expect(smtp.to("retry@test.example")).toHaveLength(1);
    const [row] = await t.db.select().from(outbox).where(eq(outbox.id, id!));
    expect(row).toMatchObject({ state: "sent", attempts: 2 });

    const id2 = await t.db.transaction((tx) => enqueuePasswordLink(tx, { toAddress: "never@test.example", purpose: "set", url: "http://fulcrum.test/x", expiresAt: new Date(now0.getTime() + DAY) }));
    let clock = now0.getTime();
    for (let i = 0; i < 40; i++) {
      smtp.refuse(1, "never@test.example");
      await sender(() => new Date(clock)).runOnce();
      smtp.refuse(0);
      const [r] = await t.db.select().from(outbox).where(eq(outbox.id, id2!));
      if (r.state === "failed") break;
      clock = r.dueAt.getTime();
    }
    const [failed] = await t.db.select().from(outbox).where(eq(outbox.id, id2!));
    expect(failed.state).toBe("failed");
    expect(failed.lastError).toContain("Mailbox busy");
    expect(smtp.to("never@test.example")).toHaveLength(0);
    expect(clock - now0.getTime()).toBeLessThanOrEqual(DAY);
    expect(clock - now0.getTime()).toBeGreaterThan(20 * 3_600_000);
    // The admin retries it from the Mail page: sent once.
    const admin = await makeAdmin(t.db);
    const page = await listOutbox(admin, { state: "failed" });
    expect(page.rows.some((r) => r.id === id2)).toBe(true);
    await retryMessage(admin, id2!);
    await sender().runOnce();
    expect(smtp.to("never@test.example")).toHaveLength(1);
  });

  it("a daily digest groups a day's messages to one person into one", async () => {
    const a = await makeTrustWithBoard(t.db);
    await setPreferences(a.ned1, { submitted: "daily" });
    const d1 = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, title: "Digest one" });
    const d2 = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, title: "Digest two" });
    const queued = [...(await rowsFor(d1.id, "submitted")), ...(await rowsFor(d2.id, "submitted"))].filter((r) => r.toAddress === a.ned1.email);
    expect(queued.map((r) => r.delivery)).toEqual(["daily", "daily"]);
    await sender().runOnce();
    expect(smtp.to(a.ned1.email)).toHaveLength(0);
    expect(smtp.to(a.ned2.email)).toHaveLength(2);
    await sender(() => queued[0].dueAt).runOnce();
    const got = smtp.to(a.ned1.email);
    expect(got).toHaveLength(1);
    expect(got[0].subject).toBe("Your daily Fulcrum digest: 2 updates");
    expect(got[0].text).toContain("Digest one");
    expect(got[0].text).toContain("Digest two");
    expect(queued[0].dueAt.toISOString()).toMatch(/T0[78]:00:00.000Z$/);
  });

  it("the unsubscribe link turns that kind off without signing in; a forged link does nothing", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, title: "Unsubscribe from this" });
    await sender().runOnce();
    const [m] = smtp.to(a.exec.email).filter((x) => x.subject.includes("Unsubscribe from this"));
    const url = /<([^>]+)>/.exec(m.headers["list-unsubscribe"])![1];
    expect(url).toContain("/unsubscribe/one-click?t=");
    const forged = url.replace(/t=([^.]+)\.(.+)$/, (_, p) => `t=${p}.AAAA`);
    expect((await oneClickPost(new Request(forged, { method: "POST", body: "List-Unsubscribe=One-Click" }))).status).toBe(404);
    const res = await oneClickPost(new Request(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" }));
    expect(res.status).toBeLessThan(400);
    await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, title: "After unsubscribing" });
    const later = await t.db.select().from(outbox).where(and(eq(outbox.toAddress, a.exec.email), eq(outbox.kind, "submitted")));
    expect(later.map((r) => r.decisionId)).toEqual([d.id]);
    // Sign-in links cannot be turned off: no token is accepted for them.
    expect(unsubscribeToken(a.exec.userId, "password_link")).toBeTruthy();
    const pw = new URL(url);
    pw.searchParams.set("t", unsubscribeToken(a.exec.userId, "password_link"));
    expect((await oneClickPost(new Request(pw, { method: "POST", body: "List-Unsubscribe=One-Click" }))).status).toBe(404);
  });

  it("access changes go to the Chair and Chief Executive of that trust only; the Mail page is for administrators only", async () => {
    const a = await makeTrustWithBoard(t.db);
    const b = await makeTrustWithBoard(t.db);
    await t.db.transaction((tx) => notifyAccessChange(tx, { trustId: a.trust.id, trustName: a.trust.name, change: "Jane Smith was added as a Non-Executive Director." }));
    const rows = await t.db.select().from(outbox).where(and(eq(outbox.kind, "access_change"), inArray(outbox.toAddress, emails(a.ce, a.chair, a.ned1, b.ce, b.chair))));
    expect(addressesOf(rows)).toEqual(emails(a.ce, a.chair));
    expect(rows[0].subject).toBe(`Access changed at ${a.trust.name}`);
    await expect(listOutbox(a.ce)).rejects.toMatchObject({ code: "not_found" });
    await expect(retryMessage(b.ce, rows[0].id)).rejects.toMatchObject({ code: "not_found" });
  });

  it("without a mail server, messages stay in the outbox marked not sent, with their text", async () => {
    const id = await t.db.transaction((tx) => enqueueNotification(tx, { toAddress: "nobody@test.example", facts: { kind: "password_link", purpose: "set", url: "http://fulcrum.test/p", expiresAt: new Date(Date.now() + DAY) } }));
    await createMailSender({ db: t.db, transport: null }).runOnce();
    const [row] = await t.db.select().from(outbox).where(eq(outbox.id, id!));
    expect(row).toMatchObject({ state: "not_sent", lastError: "not sent: no mail server configured" });
    expect(row.bodyText).toContain("http://fulcrum.test/p");
  });
});
