// The demo's published password (issue 11, part 5): demo accounts sign in only from this machine, and
// are disabled for good by `npm run demo:disable` or once a real administrator exists. The demo's state
// is the whole database's, so this file uses a database of its own on either engine.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, like } from "drizzle-orm";
import { openPglite, openPostgres, setDbForProcess, type OpenedDatabase } from "@/db/client";
import { auditEvents, users } from "@/db/schema";
import { addMembership, setUserDisabled } from "@/lib/admin";
import { checkSignIn } from "@/lib/auth/sign-in";
import { demoOpen, demoSignInAllowed, disableDemo, isLoopback } from "@/lib/demo/lock-down";
import { DEMO_PASSWORD } from "@/lib/demo/organisations";
import { seedDemoPeople } from "@/lib/demo/seed";
import { makeNational, makeUser } from "../support/factories";

let opened: OpenedDatabase;

async function ownDatabase(): Promise<OpenedDatabase> {
  if (process.env.FULCRUM_TEST_ENGINE !== "postgres") return openPglite();
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const name = `${url.pathname.slice(1)}_demo_lock`;
  const { default: postgres } = await import("postgres");
  const admin = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  url.pathname = `/${name}`;
  return openPostgres(url.toString(), { max: 3 });
}

beforeAll(async () => {
  opened = await ownDatabase();
  setDbForProcess(opened.db);
  await seedDemoPeople(opened.db);
});
afterAll(async () => {
  setDbForProcess(undefined);
  await opened?.close();
});

const CE = "ce.rsa@fulcrum.demo";

describe("demo accounts", () => {
  it("know a loopback address in each of its forms", () => {
    for (const a of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.1.2.3"]) expect(isLoopback(a)).toBe(true);
    for (const a of ["10.0.0.1", "198.51.100.7", "::2", "unknown", "", "127.0.0.1.example"]) expect(isLoopback(a)).toBe(false);
  });

  it("sign in from this machine only, and are listed while the demo lasts", async () => {
    const db = opened.db;
    const [ce] = await db.select().from(users).where(eq(users.email, CE));
    expect(ce).toBeTruthy();
    expect(await checkSignIn(db, { email: CE, password: DEMO_PASSWORD, ip: "127.0.0.1" })).toMatchObject({ status: "ok" });
    expect(await demoOpen(db)).toBe(true);
    expect(await demoSignInAllowed(db, CE, "127.0.0.1")).toBe(true);
    expect(await demoSignInAllowed(db, CE, "::1")).toBe(true);
    expect(await demoSignInAllowed(db, CE, "198.51.100.9")).toBe(false);
    expect(await demoSignInAllowed(db, "someone@nhs.net", "198.51.100.9")).toBe(true);
  });

  it("end for good once a real administrator exists: disabled, not listed, cannot be enabled again", async () => {
    const db = opened.db;
    const [demoAdmin] = await db.select().from(users).where(eq(users.email, "admin@fulcrum.demo"));
    const { loadActor } = await import("@/lib/actors");
    const adminActor = (await loadActor(db, demoAdmin.id))!;
    const national = await makeNational(db);
    const real = await makeUser(db, [], { email: `real.admin.${Date.now()}@nhs.net` });
    const helper = await makeUser(db, [{ organisationId: national.id, role: "admin" }], { email: `helper.${Date.now()}@fulcrum.demo` });
    await addMembership(helper, { email: real.email, ods: national.ods, role: "admin" });

    expect(await demoOpen(db)).toBe(false);
    expect(await demoSignInAllowed(db, CE, "127.0.0.1")).toBe(false);
    const demoUsers = await db.select().from(users).where(like(users.email, "%@fulcrum.demo"));
    expect(demoUsers.every((u) => u.disabledAt)).toBe(true);
    expect(await checkSignIn(db, { email: CE, password: DEMO_PASSWORD, ip: "127.0.0.1" })).toEqual({ status: "invalid" });
    const [event] = await db.select().from(auditEvents).where(eq(auditEvents.action, "demo.disabled"));
    expect(event.after).toMatchObject({ reason: "real_admin" });

    const realActor = (await loadActor(db, real.userId))!;
    await expect(setUserDisabled(realActor, { userId: adminActor.userId, disabled: false })).rejects.toMatchObject({ code: "forbidden" });
    // Nothing left to disable: the command says so.
    expect(await db.transaction((tx) => disableDemo(tx, null, "command"))).toBe(0);
  });
});
