// `npm run db:roles` against a PostgreSQL database this test creates, owned by an owner role it
// creates (names from FULCRUM_TEST_ROLE_PREFIX, default TEST_DATABASE_URL's database name, so two
// checkouts on one server never share roles). PostgreSQL only: PGlite has one user, a superuser.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import postgres from "postgres";
import { openPostgres, setDbForProcess, type OpenedDatabase } from "@/db/client";
import { recordAudit, verifyAuditChains } from "@/lib/audit";
import { checkAggregates } from "@/lib/dashboards/aggregates";
import { createDecision, submitDecision } from "@/lib/decisions";
import { makeTrustWithBoard } from "../support/factories";
import { decisionInput } from "../support/decisions";
import { engineName } from "../support/db";

const root = path.resolve(__dirname, "../..");
const adminUrl = process.env.TEST_DATABASE_URL;
const enabled = engineName() === "postgres" && !!adminUrl;

const base = adminUrl ? decodeURIComponent(new URL(adminUrl).pathname.slice(1)) : "";
const prefix = process.env.FULCRUM_TEST_ROLE_PREFIX || base;
const dbName = `${base}_roles`;
const owner = `${prefix}_owner`;
const runtime = `${prefix}_runtime`;
const withUser = (url: string, user: string, password: string, database = dbName) => {
  const u = new URL(url);
  u.username = user;
  u.password = password;
  u.pathname = `/${database}`;
  return u.toString();
};

describe.runIf(enabled)("npm run db:roles: owner migrates, runtime serves", () => {
  let ownerUrl = "";
  let runtimeUrl = "";
  let app: OpenedDatabase;
  let rt: postgres.Sql;

  beforeAll(async () => {
    const admin = postgres(adminUrl!, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await admin.unsafe(`DROP ROLE IF EXISTS "${runtime}"`);
      await admin.unsafe(`DROP ROLE IF EXISTS "${owner}"`);
      await admin.unsafe(`CREATE ROLE "${owner}" LOGIN CREATEROLE PASSWORD 'owner-password'`);
      await admin.unsafe(`CREATE DATABASE "${dbName}" OWNER "${owner}"`);
    } finally {
      await admin.end();
    }
    ownerUrl = withUser(adminUrl!, owner, "owner-password");
    const run = spawnSync("npm", ["run", "--silent", "db:roles"], {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, DATABASE_MIGRATION_URL: ownerUrl, FULCRUM_RUNTIME_ROLE: runtime, FULCRUM_RUNTIME_PASSWORD: "" },
    });
    expect(run.status, run.stderr).toBe(0);
    runtimeUrl = run.stdout.trimEnd().split("\n").at(-1)!;
    expect(new URL(runtimeUrl).username).toBe(runtime);
    app = await openPostgres(runtimeUrl, { migrate: false, max: 3 });
    setDbForProcess(app.db);
    rt = postgres(runtimeUrl, { max: 1, onnotice: () => {} });
  }, 180_000);

  afterAll(async () => {
    setDbForProcess(undefined);
    await rt?.end();
    await app?.close();
  });

  it("serves the app as the runtime role: decisions and their audit events are written, the chain verifies", async () => {
    const { ce, trust } = await makeTrustWithBoard(app.db);
    await createDecision(ce, decisionInput());
    await app.db.transaction((tx) => recordAudit(tx, ce, { organisationId: trust.id, action: "test.write", entityType: "test" }));
    const report = await verifyAuditChains(app.db);
    expect(report.intact).toBe(true);
    expect(report.chains.find((c) => c.chain === `org:${trust.id}`)?.events).toBe(2);
  });

  it("lets the runtime role rebuild the kept aggregates (aggregates:rebuild), emptying them without TRUNCATE", async () => {
    const { ce } = await makeTrustWithBoard(app.db);
    await createDecision(ce, decisionInput());
    expect((await rt.unsafe(`select has_table_privilege('aggregate_decisions', 'TRUNCATE') as t`))[0].t).toBe(false);
    await rt.begin((tx) => tx.unsafe(`select aggregate_rebuild()`));
    expect(await checkAggregates(app.db)).toEqual([]);

    // Deferring the upkeep (the generator's --bulk) is the owner's alone: the runtime role asking for it
    // changes nothing, and its write is counted at commit as any other.
    const d = await createDecision(ce, decisionInput());
    await submitDecision(ce, { id: d.id, baseRevision: d.revision });
    await rt.begin(async (tx) => {
      await tx.unsafe(`set local fulcrum.aggregates = 'deferred'`);
      await tx.unsafe(`update decisions set category = case when category = 'finance' then 'estates'::category else 'finance'::category end where id = $1`, [d.id]);
    });
    expect(await checkAggregates(app.db)).toEqual([]);
  });

  it("refuses UPDATE, DELETE, TRUNCATE and ALTER on the audit tables to the runtime role", async () => {
    const { ce, trust } = await makeTrustWithBoard(app.db);
    await app.db.transaction((tx) => recordAudit(tx, ce, { organisationId: trust.id, action: "test.write", entityType: "test" }));
    const refused = async (statement: string) => {
      const err = await rt.unsafe(statement).then(() => null, (e: { code?: string }) => e);
      return err?.code;
    };
    // 42501: insufficient_privilege; 42501 also for "must be owner" on ALTER/DISABLE TRIGGER.
    expect(await refused(`UPDATE audit_events SET action = 'x'`)).toBe("42501");
    expect(await refused(`DELETE FROM audit_events`)).toBe("42501");
    expect(await refused(`TRUNCATE audit_events`)).toBe("42501");
    expect(await refused(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`)).toBe("42501");
    expect(await refused(`ALTER TABLE audit_events ADD COLUMN x int`)).toBe("42501");
    expect(await refused(`DROP TRIGGER audit_events_no_update_delete ON audit_events`)).toBe("42501");
    expect(await refused(`UPDATE audit_heads SET seq = 0`)).toBe("42501");
    expect(await refused(`DELETE FROM audit_heads`)).toBe("42501");
    expect(await refused(`TRUNCATE audit_heads`)).toBe("42501");
    expect(await refused(`INSERT INTO audit_heads (chain, seq, hash) VALUES ('forged', 9, 'x')`)).toBe("42501");
    expect(await refused(`CREATE TABLE sneaky (id int)`)).toBe("42501");
    // The head function refuses to move a head backwards or onto an event that is not there.
    const chain = `org:${trust.id}`;
    expect(await refused(`SELECT fulcrum_audit_head_advance('${chain}', 0, 'x')`)).toBe("42501");
    expect(await refused(`SELECT fulcrum_audit_head_advance('${chain}', 99, 'x')`)).toBe("42501");
    expect((await verifyAuditChains(app.db)).intact).toBe(true);
  });

  it("the app started with both URLs migrates as the owner and serves as the runtime role", async () => {
    const prev = { url: process.env.DATABASE_URL, mig: process.env.DATABASE_MIGRATION_URL };
    process.env.DATABASE_URL = runtimeUrl;
    process.env.DATABASE_MIGRATION_URL = ownerUrl;
    try {
      const { openConfiguredDatabase, executeRows } = await import("@/db/client");
      const { sql } = await import("drizzle-orm");
      const opened = await openConfiguredDatabase();
      try {
        const [who] = await executeRows<{ u: string }>(opened.db, sql`select current_user as u`);
        expect(who.u).toBe(runtime);
      } finally {
        await opened.close();
      }
    } finally {
      process.env.DATABASE_URL = prev.url;
      process.env.DATABASE_MIGRATION_URL = prev.mig;
      if (prev.url === undefined) delete process.env.DATABASE_URL;
      if (prev.mig === undefined) delete process.env.DATABASE_MIGRATION_URL;
    }
  });
});
