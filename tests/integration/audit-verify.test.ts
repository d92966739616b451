import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openPglite } from "@/db/client";
import { organisations } from "@/db/schema";
import { recordAudit, verifyAuditChains, type AuditReport } from "@/lib/audit";
import { formatAuditReport } from "@/lib/audit-report";
import { createDecision } from "@/lib/decisions";
import { makeTrustWithBoard } from "../support/factories";
import { decisionInput } from "../support/decisions";
import { engineName, useTestDatabase } from "../support/db";

const t = useTestDatabase();
const root = path.resolve(__dirname, "../..");

describe("verifying the audit chains while the app writes", () => {
  it("reports every chain intact while other transactions append to it", async () => {
    const a = await makeTrustWithBoard(t.db);
    const b = await makeTrustWithBoard(t.db);
    // Two kinds of write, each appending one event per transaction: recordAudit on its own, and a
    // decision created through lib.
    const writes = { a: 0, b: 0 };
    let stop = false;
    const loop = async (write: () => Promise<unknown>, chain: keyof typeof writes) => {
      do {
        await write();
        writes[chain]++;
      } while (!stop);
    };
    const writers = [
      loop(() => t.db.transaction((tx) => recordAudit(tx, a.ce, { organisationId: a.trust.id, action: "test.write", entityType: "test" })), "a"),
      loop(() => createDecision(b.ce, decisionInput()), "b"),
    ];
    const written = () => writes.a + writes.b;

    const reports: AuditReport[] = [];
    const writtenBefore = written();
    try {
      for (let i = 0; i < 12; i++) reports.push(await verifyAuditChains(t.db));
    } finally {
      stop = true;
      await Promise.all(writers);
    }
    expect(written() - writtenBefore).toBeGreaterThan(0);
    expect(reports.filter((r) => !r.intact).map((r) => r.firstBroken)).toEqual([]);

    // Once the writers stop, the walk counts every event they appended.
    const final = await verifyAuditChains(t.db);
    const events = (organisationId: string) => final.chains.find((c) => c.chain === `org:${organisationId}`)?.events ?? 0;
    expect(final.intact).toBe(true);
    expect([events(a.trust.id), events(b.trust.id)]).toEqual([writes.a, writes.b]);
  });
});

describe("npm run audit:verify", () => {
  function runAuditVerify(env: Record<string, string | undefined>) {
    return spawnSync("npm", ["run", "--silent", "audit:verify"], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, ...env },
    });
  }

  if (engineName() === "pglite") it("prints intact and the head hash of a PGlite data folder, and exits 0", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fulcrum-audit-verify-"));
    try {
      const opened = await openPglite({ dataDir: dir });
      let expected: string[];
      try {
        const { trust, ce } = await makeTrustWithBoard(opened.db);
        for (let i = 0; i < 3; i++) {
          await opened.db.transaction((tx) => recordAudit(tx, ce, { organisationId: trust.id, action: "test.write", entityType: "test", entityId: String(i) }));
        }
        const orgs = await opened.db.select().from(organisations);
        const names = new Map(orgs.map((o) => [`org:${o.id}`, `${o.name}, ${o.ods}`]));
        expected = formatAuditReport(await verifyAuditChains(opened.db), names).lines;
      } finally {
        await opened.close();
      }
      expect(expected[0]).toMatch(/^intact, 3 events, head hash [0-9a-f]{64}$/);
      const run = runAuditVerify({ DATABASE_URL: undefined, FULCRUM_DATA_DIR: dir });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toBe(`${expected.join("\n")}\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  if (engineName() === "postgres" && !!process.env.TEST_DATABASE_URL) it("prints intact and each chain's head hash from DATABASE_URL's PostgreSQL, and exits 0", async () => {
    const { trust, ce } = await makeTrustWithBoard(t.db);
    let head = "";
    for (let i = 0; i < 3; i++) {
      head = (await t.db.transaction((tx) => recordAudit(tx, ce, { organisationId: trust.id, action: "test.write", entityType: "test", entityId: String(i) }))).hash;
    }
    const run = runAuditVerify({ DATABASE_URL: process.env.TEST_DATABASE_URL, FULCRUM_DATA_DIR: undefined });
    expect(run.status, run.stderr).toBe(0);
    // Other test files share this database and may be writing: check our chain and the shape of the rest.
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^intact, [\d,]+ events?, head hash [0-9a-f]{64}$/);
    expect(lines).toContain(`  org:${trust.id} (${trust.name}, ${trust.ods}): 3 events, head hash ${head}`);
  });
});
