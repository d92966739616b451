// Administrators cannot grant themselves access (issue 11, part 5), and every change to a trust's
// board access reaches its Chair's and Chief Executive's inbox until they mark it seen.
import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditEvents, memberships } from "@/db/schema";
import { addMembership, removeMembership, resetSecondFactor, updateOrganisation } from "@/lib/admin";
import { resetPasswordByLink } from "@/lib/auth/password-links";
import { listUnseenAccessChanges, markAccessChangeSeen } from "@/lib/admin/access-changes";
import { makeAdmin, makeNational, makeTrustWithBoard, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

async function refusals(userId: string) {
  return t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.action, "admin.self_grant_refused"), eq(auditEvents.actorId, userId)));
}

function policy(trust: { name: string; ods: string; icsId: string | null }, icsOds: string, minSupport: number) {
  return {
    kind: "trust",
    name: trust.name,
    ods: trust.ods,
    icsOds,
    trustType: "acute",
    foundationTrust: "no",
    signOffMinSupport: String(minSupport),
    policyChangeReason: "Board size changed",
    signOffChairRequired: "yes",
  };
}

describe("administrators and their own access", () => {
  it("cannot add a membership to their own account: refused (403), audited, nothing written", async () => {
    const admin = await makeAdmin(t.db);
    const { trust } = await makeTrustWithBoard(t.db);
    await expect(addMembership(admin, { email: admin.email, ods: trust.ods, role: "board_member", seat: "non_executive" })).rejects.toMatchObject({
      code: "forbidden",
      message: expect.stringMatching(/another administrator/),
    });
    expect(await t.db.select().from(memberships).where(and(eq(memberships.userId, admin.userId), eq(memberships.organisationId, trust.id)))).toHaveLength(0);
    expect(await refusals(admin.userId)).toHaveLength(1);
  });

  it("cannot remove their own membership, while another administrator can", async () => {
    const admin = await makeAdmin(t.db);
    const other = await makeAdmin(t.db);
    const { trust } = await makeTrustWithBoard(t.db);
    const m = await addMembership(other, { email: admin.email, ods: trust.ods, role: "board_member", seat: "executive" });
    await expect(removeMembership(admin, { membershipId: m.id })).rejects.toMatchObject({ code: "forbidden" });
    expect(await t.db.select().from(memberships).where(eq(memberships.id, m.id))).toHaveLength(1);
    await removeMembership(other, { membershipId: m.id });
    expect(await t.db.select().from(memberships).where(eq(memberships.id, m.id))).toHaveLength(0);
  });

  it("cannot reset their own password or their own authenticator app", async () => {
    const admin = await makeAdmin(t.db);
    await expect(resetPasswordByLink(admin, { userId: admin.userId }, { origin: "http://127.0.0.1" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(resetSecondFactor(admin, { userId: admin.userId })).rejects.toMatchObject({ code: "forbidden" });
    expect(await refusals(admin.userId)).toHaveLength(2);
  });

  it("cannot change the sign-off rule of a board they sit on; another administrator can", async () => {
    const national = await makeNational(t.db);
    const { trust } = await makeTrustWithBoard(t.db);
    const [ics] = await t.db.query.organisations.findMany({ where: (o, { eq: e }) => e(o.id, trust.icsId!) });
    const seated = await makeUser(t.db, [
      { organisationId: national.id, role: "admin" },
      { organisationId: trust.id, role: "board_member", seat: "non_executive" },
    ]);
    await expect(updateOrganisation(seated, trust.id, policy(trust, ics.ods, 1))).rejects.toMatchObject({ code: "forbidden" });
    const other = await makeAdmin(t.db);
    const view = await updateOrganisation(other, trust.id, policy(trust, ics.ods, 4));
    expect(view.signOffMinSupport).toBe(4);
  });
});

describe("changes to a board's access", () => {
  it("are shown to the trust's Chair and Chief Executive until each marks them seen, and to nobody else", async () => {
    const admin = await makeAdmin(t.db);
    const { trust, ce, chair, ned1 } = await makeTrustWithBoard(t.db);
    const other = await makeTrustWithBoard(t.db);
    const newcomer = await makeUser(t.db, []);
    await addMembership(admin, { email: newcomer.email, ods: trust.ods, role: "board_member", seat: "non_executive" });

    const ceChanges = await listUnseenAccessChanges(ce);
    expect(ceChanges).toHaveLength(1);
    expect(ceChanges[0]).toMatchObject({ trustName: trust.name, actorName: admin.name });
    expect(ceChanges[0].summary).toMatch(new RegExp(`${newcomer.name}.*added as Non-Executive Director`));
    expect(await listUnseenAccessChanges(chair)).toHaveLength(1);
    expect(await listUnseenAccessChanges(ned1)).toHaveLength(0);
    // Another trust's leaders see nothing of it, and cannot mark it seen.
    expect(await listUnseenAccessChanges(other.ce)).toHaveLength(0);
    await expect(markAccessChangeSeen(other.ce, { changeId: ceChanges[0].id })).rejects.toMatchObject({ code: "not_found" });

    await markAccessChangeSeen(ce, { changeId: ceChanges[0].id });
    expect(await listUnseenAccessChanges(ce)).toHaveLength(0);
    expect(await listUnseenAccessChanges(chair)).toHaveLength(1);

    const [ics] = await t.db.query.organisations.findMany({ where: (o, { eq: e }) => e(o.id, trust.icsId!) });
    await updateOrganisation(admin, trust.id, policy(trust, ics.ods, 2));
    const after = await listUnseenAccessChanges(ce);
    expect(after.map((c) => c.summary)).toEqual([expect.stringMatching(/Sign-off rule changed from at least 3 .* to at least 2/)]);
  });
});
