// England-shaped organisations for `generate-decisions.ts --shape england` (issue 16): 42 ICSs and
// 210 trusts with England's mix of trust types, each with a Chief Executive, a Chair, two
// Non-Executive Directors and an Executive Director, and each ICS with its lead. The two demo ICSs
// (10 trusts, seedDemoPeople) are two of the 42; the other 40 ICSs and 200 trusts are added here,
// named "England ICS 03" … and "England <type> Trust 011" …, ODS codes QE03…QE42 and RE011…RE210.
//
// The mix is approximate, rounded from the published counts of NHS trusts in England (about 210
// trusts: some 120 acute, about 50 providing mental health care — a dozen of them combined with
// community services —, about 14 community, 10 ambulance, about a dozen specialist). Check the
// current NHS England figures before quoting them; for a benchmark the shape matters, not the count.
// Every account uses the demo password (these are demo data): ce.re011@fulcrum.demo, ics.qe03@fulcrum.demo …
import { inArray } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import { ROLE } from "@/lib/access";
import { hashPassword } from "@/lib/auth/passwords";
import { DEMO_PASSWORD, demoEmail } from "@/lib/demo/organisations";

type TrustType = "acute" | "mental_health" | "community" | "specialist" | "ambulance" | "combined";

/** Trusts added on top of the demo's 10 (4 acute, 2 mental health, 2 community, 2 specialist). */
export const ENGLAND_ADDED_MIX: [TrustType, number][] = [
  ["acute", 118],
  ["mental_health", 38],
  ["combined", 12],
  ["community", 12],
  ["ambulance", 10],
  ["specialist", 10],
];
export const ENGLAND_ICSS = 42;
export const ENGLAND_TRUSTS = 210;

const LABEL: Record<TrustType, string> = {
  acute: "Acute", mental_health: "Mental Health", community: "Community", specialist: "Specialist", ambulance: "Ambulance", combined: "Mental Health and Community",
};
const TURNOVER: Record<TrustType, [number, number]> = {
  acute: [300, 1500], mental_health: [150, 500], combined: [200, 600], community: [100, 300], ambulance: [250, 500], specialist: [150, 800],
};

/** Adds the England shape's organisations and people (idempotent: existing ODS codes are skipped). */
export async function seedEnglandShape(db: Database, rand: () => number): Promise<{ icss: number; trusts: number }> {
  const existing = new Set(
    (await db.select({ ods: organisations.ods }).from(organisations).where(inArray(organisations.ods, ["QE03", "RE011"]))).map((r) => r.ods),
  );
  if (existing.size) return { icss: 0, trusts: 0 };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Types dealt out so every ICS gets a mix (ambulance trusts spread over the first ten).
  const types = ENGLAND_ADDED_MIX.flatMap(([t, n]) => Array.from({ length: n }, () => t));
  const icsRows: (typeof organisations.$inferInsert)[] = [];
  const trustRows: (typeof organisations.$inferInsert)[] = [];
  const userRows: (typeof users.$inferInsert)[] = [];
  const memberRows: (typeof memberships.$inferInsert)[] = [];
  const person = (email: string, name: string, organisationId: string, role: (typeof memberships.$inferInsert)["role"], seat?: "chair" | "non_executive" | "executive") => {
    const id = randomUUID();
    userRows.push({ id, email, name, passwordHash });
    memberRows.push({ userId: id, organisationId, role, seat: seat ?? null });
  };
  const icsCount = ENGLAND_ICSS - 2;
  for (let i = 0; i < icsCount; i++) {
    const n = String(i + 3).padStart(2, "0");
    const id = randomUUID();
    icsRows.push({ id, kind: "ics", name: `England ICS ${n}`, ods: `QE${n}` });
    person(demoEmail(`ics.qe${n}`), `ICS lead ${n}`, id, ROLE.icsLead);
  }
  types.forEach((type, k) => {
    const n = String(k + 11).padStart(3, "0");
    const ods = `RE${n}`;
    const icsId = icsRows[k % icsCount].id!;
    const id = randomUUID();
    const [lo, hi] = TURNOVER[type];
    trustRows.push({
      id, kind: "trust", name: `England ${LABEL[type]} Trust ${n}`, ods, icsId, trustType: type,
      foundationTrust: rand() < 0.6, turnoverM: Math.round((lo + rand() * (hi - lo)) / 10) * 10,
    });
    const o = ods.toLowerCase();
    person(demoEmail(`ce.${o}`), `Chief Executive ${n}`, id, ROLE.chiefExecutive);
    person(demoEmail(`chair.${o}`), `Chair ${n}`, id, ROLE.boardMember, "chair");
    person(demoEmail(`ned1.${o}`), `Non-Executive ${n}a`, id, ROLE.boardMember, "non_executive");
    person(demoEmail(`ned2.${o}`), `Non-Executive ${n}b`, id, ROLE.boardMember, "non_executive");
    person(demoEmail(`exec.${o}`), `Executive Director ${n}`, id, ROLE.boardMember, "executive");
  });
  await db.transaction(async (tx) => {
    await tx.insert(organisations).values(icsRows);
    for (let i = 0; i < trustRows.length; i += 100) await tx.insert(organisations).values(trustRows.slice(i, i + 100));
    for (let i = 0; i < userRows.length; i += 200) await tx.insert(users).values(userRows.slice(i, i + 200));
    for (let i = 0; i < memberRows.length; i += 200) await tx.insert(memberships).values(memberRows.slice(i, i + 200));
  });
  return { icss: icsRows.length, trusts: trustRows.length };
}

/** England's ODS codes: the demo's and the added ones. */
export function isEnglandShapeOds(ods: string) {
  return /^(RE\d{3}|R[NS][A-E])$/.test(ods);
}
