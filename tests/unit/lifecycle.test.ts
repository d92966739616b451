import { describe, expect, it } from "vitest";
import { allowedEvents, nextStatus, type DecisionStatus, type LifecycleEvent } from "@/lib/lifecycle";

const STATUSES: DecisionStatus[] = ["draft", "awaiting_sign_off", "signed_off", "declined", "reviewed", "withdrawn"];
const EVENTS: LifecycleEvent[] = ["edit", "submit", "amend", "withdraw", "quorum", "decline", "all_assessed"];

const ALLOWED: [DecisionStatus, LifecycleEvent, DecisionStatus][] = [
  ["draft", "edit", "draft"],
  ["draft", "submit", "awaiting_sign_off"],
  ["draft", "withdraw", "withdrawn"],
  ["awaiting_sign_off", "amend", "awaiting_sign_off"],
  ["awaiting_sign_off", "withdraw", "withdrawn"],
  ["awaiting_sign_off", "quorum", "signed_off"],
  ["awaiting_sign_off", "decline", "declined"],
  ["signed_off", "all_assessed", "reviewed"],
];

describe("decision lifecycle", () => {
  it.each(ALLOWED)("%s --%s--> %s", (from, event, to) => {
    expect(nextStatus(from, event)).toBe(to);
  });

  it("refuses every other transition", () => {
    const allowed = new Set(ALLOWED.map(([f, e]) => `${f}:${e}`));
    let refused = 0;
    for (const s of STATUSES) {
      for (const e of EVENTS) {
        if (allowed.has(`${s}:${e}`)) continue;
        expect(nextStatus(s, e), `${s} --${e}-->`).toBeNull();
        refused++;
      }
    }
    expect(refused).toBe(STATUSES.length * EVENTS.length - ALLOWED.length);
  });

  it("ends in declined, reviewed and withdrawn", () => {
    for (const s of ["declined", "reviewed", "withdrawn"] as const) expect(allowedEvents(s)).toEqual([]);
  });
});
