import { describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { auditEvents, memberships, organisations, users } from "@/db/schema";
import {
  addMembership,
  checkAuditChains,
  createOrganisation,
  getOrganisation,
  getUser,
  listOrganisations,
  listUsers,
  removeMembership,
  resetSecondFactor,
  setUserDisabled,
  updateOrganisation,
} from "@/lib/admin";
import { loadActor } from "@/lib/actors";
import { openPglite, setDbForProcess } from "@/db/client";
import { AppError } from "@/lib/errors";
import { inviteUser, resetPasswordByLink } from "@/lib/auth/password-links";
import { makeAdmin, makeIcs, makeNational, makeTrust, makeTrustWithBoard, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();
const uniq = () => Math.random().toString(36).slice(2, 7).toUpperCase();
const ORIGIN = { origin: "http://127.0.0.1" };
/** Administrators add people by invitation only (issue 11): nobody sets another's password. */
async function createUser(actor: Parameters<typeof inviteUser>[0], input: { email: string; name: string }) {
  const { userId, link } = await inviteUser(actor, input, ORIGIN);
  return { id: userId, email: link.to.email, name: link.to.name, link };
}

async function counts() {
  const [[o], [u], [m], [a]] = await Promise.all([
    t.db.select({ n: count() }).from(organisations),
    t.db.select({ n: count() }).from(users),
    t.db.select({ n: count() }).from(memberships),
    t.db.select({ n: count() }).from(auditEvents),
  ]);
  return { organisations: o.n, users: u.n, memberships: m.n, audit: a.n };
}

/** Runs a call that must be refused as bad input naming `field`, and checks nothing was written. */
async function expectInvalid(call: () => Promise<unknown>, field: string, pattern?: RegExp) {
  const before = await counts();
  const err = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, `expected a refusal naming ${field}`).toBeInstanceOf(AppError);
  const e = err as AppError;
  expect(e.code).toBe("invalid");
  expect(Object.keys(e.fieldErrors ?? {})).toContain(field);
  if (pattern) expect(e.fieldErrors![field]).toMatch(pattern);
  expect(await counts()).toEqual(before);
}

async function expectNotFound(call: () => Promise<unknown>) {
  const before = await counts();
  await expect(call()).rejects.toMatchObject({ code: "not_found" });
  expect(await counts()).toEqual(before);
}

describe("organisations", () => {
  it("creates an ICS and a trust in it, with the sign-off policy defaults, audited", async () => {
    const admin = await makeAdmin(t.db);
    const icsOds = `Q${uniq()}`;
    const ics = await createOrganisation(admin, { kind: "ics", name: "Test Vale ICS", ods: icsOds.toLowerCase() });
    expect(ics).toMatchObject({ kind: "ics", ods: icsOds, icsId: null, trustType: null });
    const trust = await createOrganisation(admin, {
      kind: "trust",
      name: "Vale Hospitals NHS Trust",
      ods: `R${uniq()}`,
      icsOds,
      trustType: "acute",
      foundationTrust: true,
      turnoverM: 447,
    });
    expect(trust).toMatchObject({ kind: "trust", icsId: ics.id, trustType: "acute", foundationTrust: true, turnoverM: 450, signOffMinSupport: 3, signOffChairRequired: true });
    expect(trust.id).toMatch(/^[0-9a-f-]{36}$/);
    // Form strings work as well as JSON values.
    const viaForm = await createOrganisation(admin, {
      kind: "trust",
      name: "Form Trust",
      ods: `R${uniq()}`,
      icsOds,
      trustType: "community",
      foundationTrust: "no",
      turnoverM: "120",
      signOffMinSupport: "4",
      signOffChairRequired: "no",
    });
    expect(viaForm).toMatchObject({ foundationTrust: false, turnoverM: 120, signOffMinSupport: 4, signOffChairRequired: false });
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, trust.id));
    expect(events.map((e) => e.action)).toEqual(["organisation.created"]);
    expect(events[0].actorId).toBe(admin.userId);
    expect((await listOrganisations(admin)).map((o) => o.id)).toContain(trust.id);
    expect((await checkAuditChains(admin)).intact).toBe(true);
  });

  it("updates a trust's details and policy, keeping its kind", async () => {
    const admin = await makeAdmin(t.db);
    const trust = await makeTrust(t.db);
    const ics = await getOrganisation(admin, trust.icsId!);
    const fields = {
      kind: "trust",
      name: "Renamed Trust",
      ods: trust.ods,
      icsOds: ics.ods,
      trustType: "mental_health",
      signOffMinSupport: 2,
      signOffChairRequired: false,
    };
    // A changed sign-off policy needs a reason (issue 10 item 2).
    await expectInvalid(() => updateOrganisation(admin, trust.id, fields), "policyChangeReason", /reason for changing the sign-off policy/);
    const updated = await updateOrganisation(admin, trust.id, { ...fields, policyChangeReason: "Smaller board" });
    expect(updated).toMatchObject({ name: "Renamed Trust", trustType: "mental_health", signOffMinSupport: 2, signOffChairRequired: false });
    const [ev] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "organisation.updated"), eq(auditEvents.entityId, trust.id)));
    expect(ev).toMatchObject({ action: "organisation.updated", entityType: "organisation", entityId: trust.id });
    await expectInvalid(() => updateOrganisation(admin, trust.id, { kind: "ics", name: "X", ods: trust.ods }), "kind", /cannot change/);
  });

  it("names the field and writes nothing for each kind of bad input", async () => {
    const admin = await makeAdmin(t.db);
    const trust = await makeTrust(t.db);
    const ics = await getOrganisation(admin, trust.icsId!);
    const good = { kind: "trust", name: "Good Trust", ods: `R${uniq()}`, icsOds: ics.ods, trustType: "acute" };
    await expectInvalid(() => createOrganisation(admin, { ...good, name: "   " }), "name", /Enter the organisation's name/);
    await expectInvalid(() => createOrganisation(admin, { ...good, name: "x".repeat(201) }), "name", /200 characters/);
    await expectInvalid(() => createOrganisation(admin, { ...good, name: "bad\u0000name" }), "name");
    await expectInvalid(() => createOrganisation(admin, { ...good, ods: trust.ods.toLowerCase() }), "ods", new RegExp(`${trust.ods} already exists`));
    await expectInvalid(() => createOrganisation(admin, { ...good, ods: "" }), "ods", /Enter the ODS code/);
    await expectInvalid(() => createOrganisation(admin, { ...good, ods: "R-1" }), "ods", /letters or numbers/);
    await expectInvalid(() => createOrganisation(admin, { ...good, kind: "hospital" }), "kind");
    await expectInvalid(() => createOrganisation(admin, { ...good, trustType: "teaching" }), "trustType", /trust type/);
    await expectInvalid(() => createOrganisation(admin, { ...good, trustType: undefined }), "trustType");
    await expectInvalid(() => createOrganisation(admin, { ...good, icsOds: undefined }), "icsOds");
    await expectInvalid(() => createOrganisation(admin, { ...good, icsOds: trust.ods }), "icsOds", /no ICS/);
    await expectInvalid(() => createOrganisation(admin, { ...good, turnoverM: "lots" }), "turnoverM", /whole number/);
    await expectInvalid(() => createOrganisation(admin, { ...good, turnoverM: -10 }), "turnoverM");
    await expectInvalid(() => createOrganisation(admin, { ...good, signOffMinSupport: 0 }), "signOffMinSupport");
    await expectInvalid(() => createOrganisation(admin, { ...good, foundationTrust: "perhaps" }), "foundationTrust");
    await expectInvalid(() => updateOrganisation(admin, trust.id, { ...good, ods: ics.ods }), "ods", /already exists/);
  });

  it("answers not found for an unknown organisation", async () => {
    const admin = await makeAdmin(t.db);
    await expect(getOrganisation(admin, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    await expect(getOrganisation(admin, "not-a-uuid")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("users", () => {
  it("invites a user by e-mail and name: no password, a set-password link, audited on the platform chain without the link", async () => {
    const admin = await makeAdmin(t.db);
    const email = `New.Person.${uniq()}@Test.Example`;
    const user = await createUser(admin, { email, name: "New Person" });
    expect(user).toMatchObject({ email: email.toLowerCase(), name: "New Person" });
    expect(user.link.url).toMatch(/\/set-password\/[A-Za-z0-9_-]{40,}$/);
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row.passwordHash).toBeNull();
    const [ev] = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id));
    expect(ev).toMatchObject({ action: "user.invited", chain: "platform", actorId: admin.userId });
    expect(JSON.stringify(ev.after)).not.toContain(user.link.url.split("/").pop()!);
    expect((await listUsers(admin)).find((u) => u.id === user.id)?.memberships).toBe("");
  });

  it("names the field and writes nothing for each kind of bad input", async () => {
    const admin = await makeAdmin(t.db);
    const { ce } = await makeTrustWithBoard(t.db);
    const good = { email: `p.${uniq()}@test.example`, name: "A Person" };
    await expectInvalid(() => createUser(admin, { ...good, email: "not-an-email" }), "email", /correct format/);
    await expectInvalid(() => createUser(admin, { ...good, email: "" }), "email");
    await expectInvalid(() => createUser(admin, { ...good, email: ce.email.toUpperCase() }), "email", /already exists/);
    await expectInvalid(() => createUser(admin, { ...good, name: "" }), "name", /Enter the person's full name/);
  });

  it("disables and re-enables, bumping the session version on disable; an admin cannot disable themself", async () => {
    const admin = await makeAdmin(t.db);
    const { exec } = await makeTrustWithBoard(t.db);
    const disabled = await setUserDisabled(admin, { userId: exec.userId, disabled: true });
    expect(disabled.disabled).toBe(true);
    const [u] = await t.db.select().from(users).where(eq(users.id, exec.userId));
    expect(u.sessionVersion).toBe(2);
    expect(await loadActor(t.db, exec.userId)).toBeNull();
    expect((await setUserDisabled(admin, { userId: exec.userId, disabled: false })).disabled).toBe(false);
    expect(await loadActor(t.db, exec.userId)).not.toBeNull();
    await expect(setUserDisabled(admin, { userId: admin.userId, disabled: true })).rejects.toMatchObject({ code: "invalid" });
  });
});

describe("memberships", () => {
  it("adds memberships that fit the organisation and removes them, audited with what was removed", async () => {
    const admin = await makeAdmin(t.db);
    const { trust, chair } = await makeTrustWithBoard(t.db);
    const ics = await getOrganisation(admin, trust.icsId!);
    const person = await createUser(admin, { email: `m.${uniq()}@test.example`, name: "Member" });
    const ned = await addMembership(admin, { email: person.email, ods: trust.ods, role: "board_member", seat: "non_executive" });
    expect(ned).toMatchObject({ userId: person.id, organisationId: trust.id, role: "board_member", seat: "non_executive" });
    const lead = await addMembership(admin, { email: person.email, ods: ics.ods, role: "ics_lead", seat: "" });
    expect(lead.seat).toBeNull();
    const actor = await loadActor(t.db, person.id);
    expect(actor?.memberships.map((m) => m.role).sort()).toEqual(["board_member", "ics_lead"]);
    expect((await getUser(admin, person.id)).memberships).toHaveLength(2);

    await removeMembership(admin, { membershipId: ned.id });
    expect((await loadActor(t.db, person.id))?.memberships.map((m) => m.role)).toEqual(["ics_lead"]);
    // This membership's event: other test files share the database (PostgreSQL) and remove memberships too.
    const [ev] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "membership.removed"), eq(auditEvents.entityId, ned.id)));
    expect(ev.before).toMatchObject({ id: ned.id, role: "board_member" });
    expect(ev.organisationId).toBe(trust.id);
    await expectNotFound(() => removeMembership(admin, { membershipId: ned.id }));
    // The chair is still in place: a second one is refused.
    expect(chair.memberships[0].seat).toBe("chair");
  });

  it("names the field and writes nothing for each kind of bad input", async () => {
    const admin = await makeAdmin(t.db);
    const { trust, ce } = await makeTrustWithBoard(t.db);
    const ics = await getOrganisation(admin, trust.icsId!);
    const national = await makeNational(t.db);
    const person = await createUser(admin, { email: `b.${uniq()}@test.example`, name: "Bad Input" });
    const good = { email: person.email, ods: trust.ods, role: "board_member", seat: "non_executive" };
    await expectInvalid(() => addMembership(admin, { ...good, email: `nobody.${uniq()}@test.example` }), "email", /no user/);
    await expectInvalid(() => addMembership(admin, { ...good, email: "nonsense" }), "email");
    await expectInvalid(() => addMembership(admin, { ...good, ods: "ZZZ999" }), "ods", /no organisation/);
    await expectInvalid(() => addMembership(admin, { ...good, role: "owner" }), "role");
    await expectInvalid(() => addMembership(admin, { ...good, seat: undefined }), "seat", /board seat/);
    await expectInvalid(() => addMembership(admin, { ...good, seat: "president" }), "seat");
    await expectInvalid(() => addMembership(admin, { ...good, seat: "chair" }), "seat", /already has a Chair/);
    await expectInvalid(() => addMembership(admin, { ...good, role: "chief_executive", seat: "chair" }), "seat", /Only board members/);
    await expectInvalid(() => addMembership(admin, { ...good, role: "chief_executive", seat: undefined, ods: ics.ods }), "role", /role on a trust/);
    await expectInvalid(() => addMembership(admin, { ...good, role: "board_member", ods: national.ods }), "role");
    await expectInvalid(() => addMembership(admin, { ...good, role: "ics_lead", seat: undefined }), "role", /Integrated Care System/);
    await expectInvalid(() => addMembership(admin, { ...good, role: "admin", seat: undefined }), "role", /national body/);
    await expectInvalid(() => addMembership(admin, { ...good, role: "national_analyst", seat: undefined, ods: ics.ods }), "role");
    await expectInvalid(() => addMembership(admin, { email: ce.email, ods: trust.ods, role: "chief_executive" }), "role", /already/);
  });

  it("will not remove the last administrator's membership", async () => {
    // Other tests' administrators share this file's database: count from nothing in a database of its own.
    const own = await openPglite();
    setDbForProcess(own.db);
    try {
      const admin = await makeAdmin(own.db);
      const other = await makeAdmin(own.db);
      await removeMembership(admin, { membershipId: other.memberships[0].id });
      await expect(removeMembership(admin, { membershipId: admin.memberships[0].id })).rejects.toMatchObject({
        code: "conflict",
        message: expect.stringMatching(/last administrator/),
      });
      expect((await loadActor(own.db, admin.userId))?.memberships).toHaveLength(1);
    } finally {
      setDbForProcess(t.db);
      await own.close();
    }
  });
});

describe("access", () => {
  it("answers not found to everyone but an administrator, and writes nothing", async () => {
    const { trust, ce, chair, icsLead } = await makeTrustWithBoard(t.db);
    const national = await makeNational(t.db);
    const analyst = await makeUser(t.db, [{ organisationId: national.id, role: "national_analyst" }]);
    const ics = await makeIcs(t.db);
    const admin = await makeAdmin(t.db);
    const someone = await createUser(admin, { email: `x.${uniq()}@test.example`, name: "Target" });
    const m = await addMembership(admin, { email: someone.email, ods: trust.ods, role: "board_member", seat: "executive" });
    for (const actor of [ce, chair, icsLead, analyst]) {
      await expectNotFound(() => listOrganisations(actor));
      await expectNotFound(() => listUsers(actor));
      await expectNotFound(() => getOrganisation(actor, trust.id));
      await expectNotFound(() => getUser(actor, someone.id));
      await expectNotFound(() => createOrganisation(actor, { kind: "ics", name: "Sneaky ICS", ods: `Q${uniq()}` }));
      await expectNotFound(() => updateOrganisation(actor, trust.id, { kind: "trust", name: "Hijacked", ods: trust.ods, icsOds: ics.ods, trustType: "acute" }));
      await expectNotFound(() => createUser(actor, { email: `y.${uniq()}@test.example`, name: "Sneaky" }));
      await expectNotFound(() => setUserDisabled(actor, { userId: someone.id, disabled: true }));
      await expectNotFound(() => resetPasswordByLink(actor, { userId: someone.id }, ORIGIN));
      await expectNotFound(() => resetSecondFactor(actor, { userId: someone.id }));
      await expectNotFound(() => addMembership(actor, { email: actor.email, ods: national.ods, role: "admin" }));
      await expectNotFound(() => removeMembership(actor, { membershipId: m.id }));
      await expectNotFound(() => checkAuditChains(actor));
    }
    // Not even bad input is reported to a non-admin: not-found comes first.
    await expectNotFound(() => createOrganisation(ce, { kind: "nonsense" }));
    const [row] = await t.db.select().from(organisations).where(eq(organisations.id, trust.id));
    expect(row.name).toBe(trust.name);
  });
});
