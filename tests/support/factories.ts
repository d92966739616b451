import { randomBytes } from "node:crypto";
import type { Database } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import type { Actor, Role, Seat } from "@/lib/access";
import { loadActor } from "@/lib/actors";

// A cheap, valid argon2id hash of "correct horse battery staple" so factories need not hash.
export const TEST_PASSWORD = "correct horse battery staple";
export const TEST_PASSWORD_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$5HaKdo0OOIq5K3LfxidElQ$s7W6LjP5S2iQKjW0bRuAipI72VQN3/x9u2gVvSh7O/U";

const uniq = () => randomBytes(4).toString("hex").toUpperCase();

export async function makeIcs(db: Database, overrides: Partial<typeof organisations.$inferInsert> = {}) {
  const [row] = await db
    .insert(organisations)
    .values({ kind: "ics", name: `Test ICS ${uniq()}`, ods: `Q${uniq()}`, ...overrides })
    .returning();
  return row;
}

export async function makeNational(db: Database) {
  const [row] = await db.insert(organisations).values({ kind: "national", name: `National ${uniq()}`, ods: `X${uniq()}` }).returning();
  return row;
}

export async function makeTrust(db: Database, opts: { icsId?: string } & Partial<typeof organisations.$inferInsert> = {}) {
  const icsId = opts.icsId ?? (await makeIcs(db)).id;
  const [row] = await db
    .insert(organisations)
    .values({ kind: "trust", name: `Test Trust ${uniq()}`, ods: `R${uniq()}`, trustType: "acute", turnoverM: 400, ...opts, icsId })
    .returning();
  return row;
}

export type MembershipSpec = { organisationId: string; role: Role; seat?: Seat };

/** A user with the given memberships, returned as the Actor lib functions take. */
export async function makeUser(db: Database, specs: MembershipSpec[], opts: { name?: string; email?: string } = {}): Promise<Actor> {
  const id = uniq();
  const [user] = await db
    .insert(users)
    .values({ email: (opts.email ?? `user.${id}@test.example`).toLowerCase(), name: opts.name ?? `User ${id}`, passwordHash: TEST_PASSWORD_HASH })
    .returning();
  for (const s of specs) {
    await db.insert(memberships).values({ userId: user.id, organisationId: s.organisationId, role: s.role, seat: s.seat ?? null });
  }
  const actor = await loadActor(db, user.id);
  if (!actor) throw new Error("factory user not loadable");
  return actor;
}

/** A trust with its ICS, Chief Executive, Chair, two NEDs, an executive director, and the ICS lead. */
export async function makeTrustWithBoard(db: Database, opts: { icsId?: string } = {}) {
  const trust = await makeTrust(db, opts);
  const ce = await makeUser(db, [{ organisationId: trust.id, role: "chief_executive" }]);
  const chair = await makeUser(db, [{ organisationId: trust.id, role: "board_member", seat: "chair" }]);
  const ned1 = await makeUser(db, [{ organisationId: trust.id, role: "board_member", seat: "non_executive" }]);
  const ned2 = await makeUser(db, [{ organisationId: trust.id, role: "board_member", seat: "non_executive" }]);
  const exec = await makeUser(db, [{ organisationId: trust.id, role: "board_member", seat: "executive" }]);
  const icsLead = await makeUser(db, [{ organisationId: trust.icsId!, role: "ics_lead" }]);
  return { trust, ce, chair, ned1, ned2, exec, icsLead };
}

export async function makeAdmin(db: Database) {
  const national = await makeNational(db);
  return makeUser(db, [{ organisationId: national.id, role: "admin" }]);
}
