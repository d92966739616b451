import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { like } from "drizzle-orm";
import { auditEvents, organisations, users } from "@/db/schema";
import { activeMembership, homePathFor } from "@/lib/access";
import { loadActor } from "@/lib/actors";
import { recordAudit, verifyAuditChains } from "@/lib/audit";
import { checkSignIn } from "@/lib/auth/sign-in";
import { DEMO_PASSWORD, demoEmail } from "@/lib/demo/organisations";
import { seedDemoPeople } from "@/lib/demo/seed";
import { makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

describe("migrations and demo seed", () => {
  it("applies every migration to an empty database", async () => {
    const rows = await t.db.execute(sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`);
    const n = (rows as unknown as { rows?: { n: number }[] }).rows?.[0]?.n ?? (rows as unknown as { n: number }[])[0]?.n;
    expect(n).toBeGreaterThanOrEqual(15);
  });

  it("seeds the demo once: a second run changes nothing", async () => {
    await seedDemoPeople(t.db);
    const demoUsers = await t.db.select().from(users).where(like(users.email, "%@fulcrum.demo"));
    expect(demoUsers.length).toBe(64); // 10 trusts × (Chief Executive, Chair, 2 NEDs, executive, secretary) + 4
    const orgsBefore = await t.db.select().from(organisations).orderBy(organisations.ods);
    const second = await seedDemoPeople(t.db);
    expect(second.inserted).toBe(0);
    const orgsAfter = await t.db.select().from(organisations).orderBy(organisations.ods);
    expect(orgsAfter).toEqual(orgsBefore);
  });

  it("every demo role signs in with the demo password and lands on its own home", async () => {
    await seedDemoPeople(t.db);
    const homes: [string, string][] = [
      ["ce.rna", "/inbox"],
      ["chair.rnb", "/inbox"],
      ["ned1.rsc", "/inbox"],
      ["exec.rse", "/inbox"],
      ["ics.qnv", "/dashboard/ics/QNV"],
      ["ics.qsm", "/dashboard/ics/QSM"],
      ["analyst", "/dashboard/national"],
      ["admin", "/admin"],
    ];
    for (const [local, home] of homes) {
      const r = await checkSignIn(t.db, { email: demoEmail(local), password: DEMO_PASSWORD, ip: `203.0.113.${homes.findIndex((h) => h[0] === local) + 1}-${local}` });
      expect(r.status, local).toBe("ok");
      const actor = await loadActor(t.db, (r as { userId: string }).userId);
      expect(homePathFor(activeMembership(actor!)), local).toBe(home);
    }
  });
});

describe("audit chain", () => {
  it("chains events per organisation and verifies intact", async () => {
    const { trust, ce } = await makeTrustWithBoard(t.db);
    for (let i = 0; i < 3; i++) {
      await t.db.transaction((tx) => recordAudit(tx, ce, { organisationId: trust.id, action: "test.write", entityType: "test", entityId: String(i), after: { i, note: "ünïcode ✓" } }));
    }
    const report = await verifyAuditChains(t.db);
    expect(report.intact).toBe(true);
    const chain = report.chains.find((c) => c.chain === `org:${trust.id}`);
    expect(chain?.events).toBe(3);
  });

  it("refuses UPDATE, DELETE and TRUNCATE on audit events", async () => {
    await expect(t.db.update(auditEvents).set({ action: "tampered" })).rejects.toThrow();
    await expect(t.db.delete(auditEvents)).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_events`)).rejects.toThrow();
  });

  it("keeps appends to one chain in sequence under concurrency", async () => {
    const { trust, ce } = await makeTrustWithBoard(t.db);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.db.transaction((tx) => recordAudit(tx, ce, { organisationId: trust.id, action: "test.parallel", entityType: "test", entityId: String(i) })),
      ),
    );
    const report = await verifyAuditChains(t.db);
    expect(report.intact).toBe(true);
    expect(report.chains.find((c) => c.chain === `org:${trust.id}`)?.events).toBe(10);
  });
});
