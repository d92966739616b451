// Issue 15, finding 5: a database error is logged by SQLSTATE, constraint and query text, never
// with the values bound to the query.
import { afterEach, describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { stateFromError } from "@/lib/action-state";
import { describeError } from "@/lib/log-error";
import { makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

afterEach(() => vi.restoreAllMocks());

async function forcedUniqueViolation() {
  const { ce } = await makeTrustWithBoard(t.db);
  const [existing] = await t.db.select({ email: users.email }).from(users).where((await import("drizzle-orm")).eq(users.id, ce.userId));
  const secrets = { name: `Secret name ${crypto.randomUUID()}`, passwordHash: `$argon2id$v=19$m=19456,t=2,p=1$SECRETHASH${crypto.randomUUID()}` };
  const error = await t.db
    .insert(users)
    .values({ email: existing.email, ...secrets })
    .then(() => null, (e: unknown) => e);
  expect(error).not.toBeNull();
  return { error, secrets, email: existing.email };
}

describe("logs carry no data (issue 15, finding 5)", () => {
  it("a forced constraint error through a server action's error path logs SQLSTATE, constraint and query, and no parameter", async () => {
    const { error, secrets, email } = await forcedUniqueViolation();
    const logged: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
      logged.push(args.map((a) => (a instanceof Error ? `${a.stack}\n${JSON.stringify(a, Object.getOwnPropertyNames(a))}` : typeof a === "string" ? a : JSON.stringify(a))).join(" "));
    });
    const state = stateFromError(error);
    expect(state.status).toBe("error");
    const text = logged.join("\n");
    expect(text).toMatch(/SQLSTATE 23505/);
    expect(text).toMatch(/constraint users_email_key/);
    expect(text).toMatch(/insert into "users"/);
    for (const value of [secrets.name, secrets.passwordHash, "SECRETHASH", email]) expect(text).not.toContain(value);
  });

  it("describes an error that is not a database error by its message", () => {
    expect(describeError(new Error("plain failure"))).toMatch(/^Error: plain failure/);
    expect(describeError("a string")).toBe("non-error thrown: string");
  });
});
