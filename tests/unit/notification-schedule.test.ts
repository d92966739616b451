import { describe, expect, it } from "vitest";
import { buildContent, renderText } from "@/lib/notifications/content";
import { englandTime, firstReviewDueAt, nextDigestTime, retryDelay, seriesNumber } from "@/lib/notifications/schedule";

describe("notification schedule (England's time)", () => {
  it("08:00 in England is 08:00 UTC in winter and 07:00 UTC in summer", () => {
    expect(englandTime("2027-01-15", 8).toISOString()).toBe("2027-01-15T08:00:00.000Z");
    expect(englandTime("2027-07-15", 8).toISOString()).toBe("2027-07-15T07:00:00.000Z");
  });

  it("daily digests go at the next 08:00; weekly ones on the next Monday at 08:00", () => {
    expect(nextDigestTime(new Date("2027-01-15T07:59:00Z"), "daily").toISOString()).toBe("2027-01-15T08:00:00.000Z");
    expect(nextDigestTime(new Date("2027-01-15T08:00:00Z"), "daily").toISOString()).toBe("2027-01-16T08:00:00.000Z");
    // Friday 15 January 2027 → Monday 18 January.
    expect(nextDigestTime(new Date("2027-01-15T12:00:00Z"), "weekly").toISOString()).toBe("2027-01-18T08:00:00.000Z");
    // Monday after 08:00 → the Monday after.
    expect(nextDigestTime(new Date("2027-01-18T09:00:00Z"), "weekly").toISOString()).toBe("2027-01-25T08:00:00.000Z");
    // Across the clocks going forward (28 March 2027).
    expect(nextDigestTime(new Date("2027-03-27T12:00:00Z"), "weekly").toISOString()).toBe("2027-03-29T07:00:00.000Z");
  });

  it("review due the morning after the judged-by date; series numbers repeat weekly", () => {
    const first = firstReviewDueAt("2027-03-31");
    expect(first.toISOString()).toBe("2027-04-01T07:00:00.000Z");
    expect(seriesNumber(first, new Date(first.getTime() - 1))).toBe(0);
    expect(seriesNumber(first, first)).toBe(1);
    expect(seriesNumber(first, new Date(first.getTime() + 7 * 86_400_000 - 1))).toBe(1);
    expect(seriesNumber(first, new Date(first.getTime() + 7 * 86_400_000))).toBe(2);
  });

  it("retries after 1, 5, 30 minutes, then hourly", () => {
    expect([1, 2, 3, 4, 10].map((n) => retryDelay(n) / 60_000)).toEqual([1, 5, 30, 60, 60]);
  });
});

describe("message content", () => {
  const decision = { id: "d1", title: "Share the stroke rota", trustName: "Northvale Hospitals", version: 2 };
  const link = (p: string) => `https://fulcrum.example${p}`;

  it("asks for a position with the title, trust, version, a date and a link", () => {
    const c = buildContent({ kind: "submitted", decision, respondBy: "2027-01-20" }, link);
    expect(c.subject).toBe("Your position is needed: Share the stroke rota");
    const text = renderText({ ...c, unsubscribeUrl: "https://fulcrum.example/unsubscribe?t=x" });
    expect(text).toContain("Share the stroke rota (Northvale Hospitals)");
    expect(text).toContain("20 January 2027");
    expect(text).toContain("https://fulcrum.example/decisions/d1#sign-off-heading");
    expect(text).toContain("To stop these e-mails: https://fulcrum.example/unsubscribe?t=x");
  });

  it("a set-password link has no unsubscribe and says when it expires", () => {
    const c = buildContent({ kind: "password_link", purpose: "set", url: "https://fulcrum.example/set-password/abc", expiresAt: new Date("2027-01-20T17:00:00Z") }, link);
    expect(c.subject).toBe("Set your Fulcrum password");
    expect(renderText(c)).toContain("https://fulcrum.example/set-password/abc");
    expect(renderText(c)).toContain("20 January 2027");
    expect(renderText(c)).not.toContain("stop these e-mails");
  });
});
