import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { ADMIN_PAGE_SIZE, searchOrganisations, searchUsers } from "@/lib/admin";
import { AppError } from "@/lib/errors";
import { makeAdmin, makeIcs, makeTrust, makeTrustWithBoard, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/db";

// Issue 10 item 14: admin lists at scale. Each test makes its own names (a random tag), so the shared
// database's other rows don't matter.

const t = useTestDatabase();
const tag = () => randomBytes(3).toString("hex");

describe("admin: users searchable, filterable, sorted by surname, paged", () => {
  it("finds by part of a name or e-mail, case-insensitively, with % and _ taken literally", async () => {
    const admin = await makeAdmin(t.db);
    const k = tag();
    const trust = await makeTrust(t.db);
    await makeUser(t.db, [{ organisationId: trust.id, role: "chief_executive" }], { name: `Priya Zed${k}`, email: `priya.${k}@example.nhs.uk` });
    await makeUser(t.db, [], { name: `Sam Other${k}`, email: `sam_${k}@example.nhs.uk` });
    const byName = await searchUsers(admin, { q: `ZED${k}` });
    expect(byName.rows.map((r) => r.name)).toEqual([`Priya Zed${k}`]);
    expect(byName.rows[0].memberships).toContain("Chief Executive");
    const byEmail = await searchUsers(admin, { q: `sam_${k}` });
    expect(byEmail.rows.map((r) => r.name)).toEqual([`Sam Other${k}`]);
    expect((await searchUsers(admin, { q: "%" })).total).toBe(0);
  });

  it("filters by organisation and by role, and sorts by surname", async () => {
    const admin = await makeAdmin(t.db);
    const k = tag();
    const trust = await makeTrust(t.db);
    const other = await makeTrust(t.db);
    await makeUser(t.db, [{ organisationId: trust.id, role: "board_member", seat: "chair" }], { name: `Zoe Abbott${k}` });
    await makeUser(t.db, [{ organisationId: trust.id, role: "board_member", seat: "non_executive" }], { name: `Adam Young${k}` });
    await makeUser(t.db, [{ organisationId: trust.id, role: "chief_executive" }], { name: `Mary Jones${k}` });
    await makeUser(t.db, [{ organisationId: other.id, role: "board_member", seat: "chair" }], { name: `Other Board${k}` });
    const board = await searchUsers(admin, { organisation: trust.ods, role: "board_member" });
    // Abbott before Young: by surname, not first name.
    expect(board.rows.map((r) => r.name)).toEqual([`Zoe Abbott${k}`, `Adam Young${k}`]);
    const all = await searchUsers(admin, { organisation: trust.ods });
    expect(all.rows.map((r) => r.name)).toEqual([`Zoe Abbott${k}`, `Mary Jones${k}`, `Adam Young${k}`]);
    // Role and organisation hold on the same membership, not two different ones.
    expect((await searchUsers(admin, { organisation: other.ods, role: "chief_executive" })).total).toBe(0);
  });

  it("pages: a page size of rows, the right total and page count, a bad page number ignored", async () => {
    const admin = await makeAdmin(t.db);
    const k = tag();
    const trust = await makeTrust(t.db);
    for (let i = 0; i < ADMIN_PAGE_SIZE + 3; i++) {
      await makeUser(t.db, [{ organisationId: trust.id, role: "board_member", seat: "non_executive" }], { name: `Member ${String(i).padStart(3, "0")}x${k}` });
    }
    const first = await searchUsers(admin, { organisation: trust.ods });
    expect(first.total).toBe(ADMIN_PAGE_SIZE + 3);
    expect(first.pages).toBe(2);
    expect(first.rows).toHaveLength(ADMIN_PAGE_SIZE);
    const second = await searchUsers(admin, { organisation: trust.ods, page: "2" });
    expect(second.rows).toHaveLength(3);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(ADMIN_PAGE_SIZE + 3);
    // Past the end: the last page; nonsense: the first.
    expect((await searchUsers(admin, { organisation: trust.ods, page: "99" })).page).toBe(2);
    expect((await searchUsers(admin, { organisation: trust.ods, page: "-1; drop" })).page).toBe(1);
  });

  it("is for administrators only", async () => {
    const { ce, chair } = await makeTrustWithBoard(t.db);
    for (const actor of [ce, chair]) {
      await expect(searchUsers(actor, {})).rejects.toBeInstanceOf(AppError);
      await expect(searchOrganisations(actor, {})).rejects.toBeInstanceOf(AppError);
    }
  });
});

describe("admin: organisations searchable, filterable, sorted by name, paged", () => {
  it("finds by name or ODS code, filters by kind and ICS, sorts by name", async () => {
    const admin = await makeAdmin(t.db);
    const k = tag();
    const ics = await makeIcs(t.db, { name: `Zeta ICS ${k}` });
    await makeTrust(t.db, { icsId: ics.id, name: `Beta Hospital ${k}` });
    await makeTrust(t.db, { icsId: ics.id, name: `Alpha Hospital ${k}` });
    await makeTrust(t.db, { name: `Gamma Hospital ${k}` });
    const byName = await searchOrganisations(admin, { q: k });
    expect(byName.rows.map((o) => o.name)).toEqual([`Alpha Hospital ${k}`, `Beta Hospital ${k}`, `Gamma Hospital ${k}`, `Zeta ICS ${k}`]);
    const inIcs = await searchOrganisations(admin, { ics: ics.ods, kind: "trust" });
    expect(inIcs.rows.map((o) => o.name)).toEqual([`Alpha Hospital ${k}`, `Beta Hospital ${k}`]);
    expect(inIcs.rows[0].icsOds).toBe(ics.ods);
    const byOds = await searchOrganisations(admin, { q: ics.ods.toLowerCase() });
    expect(byOds.rows.map((o) => o.ods)).toContain(ics.ods);
    expect((await searchOrganisations(admin, { q: k, kind: "ics" })).rows.map((o) => o.name)).toEqual([`Zeta ICS ${k}`]);
  });
});
