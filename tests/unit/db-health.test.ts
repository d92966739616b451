import { describe, expect, it } from "vitest";
import { databaseIsDown, noteDatabaseError, registerDatabaseProbe } from "@/lib/db-health";

const refused = () => Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });

describe("the proxy's database gate (lib/db-health.ts)", () => {
  it("stays open for errors that are not the database being unreachable, and probes nothing", async () => {
    let probes = 0;
    registerDatabaseProbe(async () => void probes++);
    expect(noteDatabaseError(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(await databaseIsDown()).toBe(false);
    expect(probes).toBe(0);
  });

  it("closes when a request meets the database unreachable, and opens at the first probe that answers", async () => {
    let up = false;
    let probes = 0;
    registerDatabaseProbe(async () => {
      probes++;
      if (!up) throw refused();
    });
    expect(noteDatabaseError(new Error("query failed", { cause: refused() }))).toBe(true);
    expect(await databaseIsDown()).toBe(true);
    // A burst of requests makes one probe, not one each.
    await Promise.all([databaseIsDown(), databaseIsDown(), databaseIsDown()]);
    expect(probes).toBe(1);
    up = true;
    await new Promise((r) => setTimeout(r, 300)); // past the moment a probe's answer is reused
    expect(await databaseIsDown()).toBe(false);
    expect(probes).toBe(2);
    // Open again: nothing more is probed.
    expect(await databaseIsDown()).toBe(false);
    expect(probes).toBe(2);
  });
});
