import "server-only";
import { count, eq, like } from "drizzle-orm";
import { getDb, type Database } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import { ROLE, type Role, type Seat } from "../access";
import { recordAudit } from "../audit";
import { hashPassword } from "../auth/passwords";
import { DEMO_EMAIL_DOMAIN, DEMO_ICSS, DEMO_NATIONAL, DEMO_PASSWORD, demoEmail } from "./organisations";

type Member = { email: string; name: string; ods: string; role: Role; seat?: Seat };

/**
 * Loads the demo organisations and people. Idempotent: rows that exist are left exactly as they
 * are, so a second run changes nothing.
 */
export async function seedDemoPeople(db: Database): Promise<{ inserted: number }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction(async (tx) => {
    let inserted = 0;
    const orgIds = new Map<string, string>();
    const upsertOrg = async (values: typeof organisations.$inferInsert) => {
      const rows = await tx.insert(organisations).values(values).onConflictDoNothing({ target: organisations.ods }).returning({ id: organisations.id });
      inserted += rows.length;
      const [row] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.ods, values.ods));
      orgIds.set(values.ods, row.id);
    };
    await upsertOrg({ kind: "national", name: DEMO_NATIONAL.name, ods: DEMO_NATIONAL.ods });
    const people: Member[] = [
      { email: demoEmail("admin"), name: "Alex Morgan", ods: DEMO_NATIONAL.ods, role: ROLE.admin },
      { email: demoEmail("analyst"), name: "Jordan Ellis", ods: DEMO_NATIONAL.ods, role: ROLE.nationalAnalyst },
    ];
    for (const ics of DEMO_ICSS) {
      await upsertOrg({ kind: "ics", name: ics.name, ods: ics.ods });
      people.push({ email: demoEmail(`ics.${ics.ods.toLowerCase()}`), name: ics.lead, ods: ics.ods, role: ROLE.icsLead });
      for (const t of ics.trusts) {
        await upsertOrg({
          kind: "trust",
          name: t.name,
          ods: t.ods,
          icsId: orgIds.get(ics.ods),
          trustType: t.trustType,
          foundationTrust: t.foundationTrust,
          turnoverM: t.turnoverM,
        });
        const o = t.ods.toLowerCase();
        people.push(
          { email: demoEmail(`ce.${o}`), name: t.ce, ods: t.ods, role: ROLE.chiefExecutive },
          { email: demoEmail(`chair.${o}`), name: t.chair, ods: t.ods, role: ROLE.boardMember, seat: "chair" },
          { email: demoEmail(`ned1.${o}`), name: t.neds[0], ods: t.ods, role: ROLE.boardMember, seat: "non_executive" },
          { email: demoEmail(`ned2.${o}`), name: t.neds[1], ods: t.ods, role: ROLE.boardMember, seat: "non_executive" },
          { email: demoEmail(`exec.${o}`), name: t.exec, ods: t.ods, role: ROLE.boardMember, seat: "executive" },
          { email: demoEmail(`sec.${o}`), name: t.sec, ods: t.ods, role: ROLE.companySecretary },
        );
      }
    }
    for (const p of people) {
      const created = await tx
        .insert(users)
        .values({ email: p.email, name: p.name, passwordHash })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      inserted += created.length;
      const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.email, p.email));
      const m = await tx
        .insert(memberships)
        .values({ userId: u.id, organisationId: orgIds.get(p.ods)!, role: p.role, seat: p.seat ?? null })
        .onConflictDoNothing()
        .returning({ id: memberships.id });
      inserted += m.length;
    }
    if (inserted > 0) {
      await recordAudit(tx, null, {
        organisationId: null,
        action: "demo.seeded",
        entityType: "platform",
        after: { organisations: orgIds.size, people: people.length },
      });
    }
    return { inserted };
  });
}

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organisations);
  return row.n === 0;
}

/** Whether the demo accounts exist (the sign-in page lists them only then). */
export async function hasDemoData(db?: Database): Promise<boolean> {
  db ??= await getDb();
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(like(users.email, `%@${DEMO_EMAIL_DOMAIN}`))
    .limit(1);
  return !!row;
}
