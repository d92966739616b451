// Issue 15, finding 6: secrets and limits.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { like } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { loginAttempts, rateLimits } from "@/db/schema";
import { authSecret } from "@/lib/auth/secret";
import { listRegister } from "@/lib/decisions";
import { MAX_REGISTER_OFFSET } from "@/lib/decisions/register";
import { REGISTER_COLUMNS } from "@/lib/export/register";
import { streamXlsx } from "@/lib/export/xlsx";
import { heavyLimit, limitHeavyRequest, pruneOldRows } from "@/lib/rate-limit";
import { makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();
const saved = process.env.AUTH_SECRET;
afterEach(() => {
  if (saved === undefined) delete process.env.AUTH_SECRET;
  else process.env.AUTH_SECRET = saved;
});

describe("secrets and limits (issue 15, finding 6)", () => {
  it("refuses an AUTH_SECRET shorter than 32 characters with a message naming it", () => {
    process.env.AUTH_SECRET = "short-secret";
    expect(() => authSecret()).toThrow(/AUTH_SECRET must be at least 32 characters \(it is 12\)/);
    process.env.AUTH_SECRET = "x".repeat(32);
    expect(authSecret()).toBe("x".repeat(32));
  });

  it("streams the XLSX export from batches, with every row and the same neutralised cells", async () => {
    type Row = Parameters<(typeof REGISTER_COLUMNS)[number]["value"]>[0];
    const { listRegisterExportRows } = await import("@/lib/decisions");
    const { ce } = await makeTrustWithBoard(t.db);
    const { createDecision } = await import("@/lib/decisions");
    const { decisionInput } = await import("../support/decisions");
    for (const title of ["=cmd|' /C calc'!A0", "Second", "Third"]) await createDecision(ce, decisionInput({ title }));
    const rows = (await listRegisterExportRows(ce, {})) as Row[];
    async function* batches() {
      for (const r of rows) yield [r];
    }
    const stream = streamXlsx(REGISTER_COLUMNS, batches()) as PassThrough;
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as never);
    const ws = wb.worksheets[0];
    expect(ws.rowCount).toBe(rows.length + 1);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(REGISTER_COLUMNS.map((c) => c.header));
    const cells: unknown[] = [];
    ws.eachRow((r, n) => n > 1 && cells.push(...(r.values as unknown[])));
    expect(cells).toContain("Second");
    expect(cells).not.toContain("=cmd|' /C calc'!A0"); // neutralised, as in the CSV
  });

  it("limits exports, board papers and imports per person, like the API", async () => {
    const { ce, chair } = await makeTrustWithBoard(t.db);
    const now = new Date("2026-06-01T10:00:05Z");
    for (const kind of ["export", "paper", "import"] as const) {
      for (let i = 0; i < heavyLimit(kind); i++) await limitHeavyRequest(ce, kind, now);
      await expect(limitHeavyRequest(ce, kind, now)).rejects.toMatchObject({ code: "rate_limited", details: { retryAfter: 55 } });
      await expect(limitHeavyRequest(chair, kind, now)).resolves.toBeUndefined(); // another person is not held back
      await expect(limitHeavyRequest(ce, kind, new Date("2026-06-01T10:01:00Z"))).resolves.toBeUndefined(); // the next minute
    }
  });

  it("prunes sign-in attempts and rate-limit windows older than a day, and keeps newer ones", async () => {
    const now = new Date("2031-01-02T12:00:00Z");
    const tag = `prune-${crypto.randomUUID()}`;
    await t.db.insert(loginAttempts).values([
      { email: `${tag}@old`, ip: "10.0.0.1", success: false, createdAt: new Date("2031-01-01T11:59:00Z") },
      { email: `${tag}@new`, ip: "10.0.0.1", success: false, createdAt: new Date("2031-01-01T12:01:00Z") },
    ]);
    await t.db.insert(rateLimits).values([
      { key: `${tag}:old`, windowStart: new Date("2031-01-01T11:00:00Z"), count: 3 },
      { key: `${tag}:new`, windowStart: new Date("2031-01-02T11:59:00Z"), count: 3 },
    ]);
    const pruned = await pruneOldRows(t.db, now);
    expect(pruned.loginAttempts).toBeGreaterThanOrEqual(1);
    expect((await t.db.select().from(loginAttempts).where(like(loginAttempts.email, `${tag}%`))).map((r) => r.email)).toEqual([`${tag}@new`]);
    expect((await t.db.select().from(rateLimits).where(like(rateLimits.key, `${tag}%`))).map((r) => r.key)).toEqual([`${tag}:new`]);
  });

  it("caps the register's page so OFFSET stays bounded", async () => {
    const { chair } = await makeTrustWithBoard(t.db);
    const deep = await listRegister(chair, { page: 100_000, pageSize: 25 });
    expect(deep.page).toBe(MAX_REGISTER_OFFSET / 25);
    expect(deep.pageCount).toBe(1);
    expect((await listRegister(chair, { page: 100_000, pageSize: 100 })).page).toBe(MAX_REGISTER_OFFSET / 100);
  });
});
