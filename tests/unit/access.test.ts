import { describe, expect, it } from "vitest";
import {
  ROLE,
  boardTrustIds,
  can,
  chiefExecutiveTrustIds,
  hasRegister,
  insiderMemberships,
  insiderTrustIds,
  isInsider,
  sharedReaderIcsIds,
  type Actor,
  type ActorMembership,
  type Role,
  type Seat,
} from "@/lib/access";

const membership = (organisationId: string, role: Role, seat: Seat | null = null): ActorMembership => ({
  id: `${organisationId}-${role}`,
  organisationId,
  organisationName: organisationId,
  organisationKind: role === ROLE.icsLead ? "ics" : role === ROLE.chiefExecutive || role === ROLE.boardMember ? "trust" : "national",
  ods: organisationId.toUpperCase(),
  icsId: null,
  role,
  seat,
});
const actor = (...memberships: ActorMembership[]): Actor => ({ userId: "u", name: "U", email: "u@example.org", memberships, activeMembershipId: null });

describe("who is who (lib/access.ts)", () => {
  it("names a trust's insiders (its Chief Executive and board) by the decision.read permission", () => {
    const a = actor(membership("t1", ROLE.chiefExecutive), membership("t2", ROLE.boardMember, "chair"), membership("q1", ROLE.icsLead));
    expect(insiderTrustIds(a)).toEqual(["t1", "t2"]);
    expect(insiderMemberships(a).map((m) => m.role)).toEqual([ROLE.chiefExecutive, ROLE.boardMember]);
    expect([isInsider(a, "t1"), isInsider(a, "t2"), isInsider(a, "q1"), isInsider(a, "t3")]).toEqual([true, true, false, false]);
    expect(chiefExecutiveTrustIds(a)).toEqual(["t1"]);
    expect(boardTrustIds(a)).toEqual(["t2"]);
    expect(sharedReaderIcsIds(a)).toEqual(["q1"]);
    // The permissions checked are the table's: a read token still reads.
    expect(can({ ...a, tokenScope: "read" }, "decision.read", { id: "t1" })).toBe(true);
    expect(can(a, "decision.read_shared", { id: "t9", icsId: "q1" })).toBe(true);
  });

  it("gives no decision reading to national analysts and administrators", () => {
    const a = actor(membership("n", ROLE.nationalAnalyst), membership("n", ROLE.admin));
    expect(insiderTrustIds(a)).toEqual([]);
    expect(sharedReaderIcsIds(a)).toEqual([]);
    expect(hasRegister(a)).toBe(false);
  });

  it("gives a register to Chief Executives, board members and ICS leads", () => {
    for (const role of [ROLE.chiefExecutive, ROLE.boardMember, ROLE.icsLead]) expect(hasRegister(actor(membership("o", role)))).toBe(true);
  });
});
