// Several app servers on one database must share AUTH_SECRET and the audit key (issue 16 item 5): a
// server whose secrets differ from a live server's refuses to start, naming the setting; stopped or
// long-silent servers do not count, so changing the secrets by stopping every server works.
import os from "node:os";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appServers } from "@/db/schema";
import { fingerprint, registerAppServer, SharedSecretMismatch } from "@/lib/app-servers";
import { useOwnTestDatabase } from "../support/db";

const t = useOwnTestDatabase("appservers");
const SECRETS = { authSecret: "a".repeat(40), auditKey: "k".repeat(40) };
let n = 0;
/** A server on another host each time (one process plays them all). */
const register = (s = SECRETS, host = `server-${++n}.test`) => registerAppServer(t.db, s, { heartbeat: false, host, pid: 1000 + n });
const count = async () => (await t.db.select({ n: sql<number>`count(*)::int` }).from(appServers))[0].n;

describe("servers sharing one database", () => {
  it("servers with the same secrets all start; one with another AUTH_SECRET or audit key is refused, naming it", async () => {
    const a = await register();
    const b = await register();
    await expect(register({ ...SECRETS, authSecret: "b".repeat(40) })).rejects.toThrow(/AUTH_SECRET differs from that of another Fulcrum server/);
    await expect(register({ ...SECRETS, auditKey: "x".repeat(40) })).rejects.toThrow(SharedSecretMismatch);
    await expect(register({ authSecret: "b".repeat(40), auditKey: "x".repeat(40) })).rejects.toThrow(/AUTH_SECRET and audit key differ/);
    expect(await count()).toBe(2); // the refused ones wrote nothing
    // The fingerprints name the secrets without revealing them.
    const rows = await t.db.select().from(appServers);
    expect(rows.every((r) => r.authFingerprint === fingerprint(SECRETS.authSecret) && !r.authFingerprint.includes("aaaa"))).toBe(true);
    await a.stop();
    await b.stop();
    expect(await count()).toBe(0);
  });

  it("once every server has stopped, or fell silent, or was an earlier run on this host, new secrets are accepted", async () => {
    const old = await register();
    // Silent for longer than a heartbeat allows: taken as stopped.
    await t.db.update(appServers).set({ lastSeenAt: sql`now() - interval '5 minutes'` }).where(eq(appServers.id, old.id));
    const rotated = await register({ authSecret: "c".repeat(40), auditKey: "k".repeat(40) });
    // An earlier run on this host whose process is gone (pid 2^22 + 1 is above Linux's pid limit).
    await t.db.insert(appServers).values({ host: os.hostname(), pid: 4_194_305, authFingerprint: "old", auditFingerprint: "old" });
    const again = await register({ authSecret: "c".repeat(40), auditKey: "k".repeat(40) }, os.hostname());
    await again.stop();
    // (From another host, that earlier run cannot be told stopped: it counts until it falls silent.)
    await expect(register({ authSecret: "c".repeat(40), auditKey: "k".repeat(40) })).rejects.toThrow(new RegExp(`host ${os.hostname()}, pid 4194305`));
    await t.db.delete(appServers).where(eq(appServers.pid, 4_194_305));
    // A live server on another host with other secrets still refuses.
    await t.db.insert(appServers).values({ host: "elsewhere.example", pid: 1, authFingerprint: "other", auditFingerprint: fingerprint("k".repeat(40)) });
    await expect(register({ authSecret: "c".repeat(40), auditKey: "k".repeat(40) })).rejects.toThrow(/host elsewhere\.example, pid 1/);
    await rotated.stop();
  });
});
