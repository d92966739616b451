import "server-only";
// Admin lists at scale (issue 10 item 14): users searchable by name or e-mail, filterable by
// organisation and role, sorted by surname; organisations searchable by name or ODS code, filterable by
// kind and ICS, sorted by name; both paged. Filters come from the URL and are checked with zod: a bad
// value is ignored (the page shows everything), never an error page.
import { z } from "zod";
import { and, asc, eq, exists, ilike, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import { assertCan, type Actor, type Role } from "../access";
import { role as roleEnum } from "@/db/schema";
import { listUsers, type UserListRow } from "./users";
import { ORG_KINDS, type OrganisationView } from "./organisations";

export const ADMIN_PAGE_SIZE = 50;
/** A page number far past the end costs an OFFSET: bounded. */
const MAX_PAGE = 10_000;

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" || v === null ? undefined : Array.isArray(v) ? v[v.length - 1] : v), schema.optional().catch(undefined));
const page = z.preprocess((v) => (Array.isArray(v) ? v[v.length - 1] : v), z.coerce.number().int().min(1).max(MAX_PAGE).catch(1).default(1));
const search = optional(z.string().trim().max(200));
const ods = optional(z.string().trim().toUpperCase().regex(/^[A-Z0-9]{2,10}$/));

export const UserSearch = z.object({ q: search, organisation: ods, role: optional(z.enum(roleEnum.enumValues)), page });
export type UserSearch = z.output<typeof UserSearch>;
export const OrganisationSearch = z.object({ q: search, kind: optional(z.enum(ORG_KINDS)), ics: ods, page });
export type OrganisationSearch = z.output<typeof OrganisationSearch>;

export type Paged<T, F> = { rows: T[]; total: number; page: number; pages: number; pageSize: number; filters: F };

/** `%`, `_` and `\` in a search are literal. */
const like = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The surname: the last word of the name (sorted on, then the whole name, then the e-mail). */
const surname = sql`lower(regexp_replace(btrim(${users.name}), '^.*\\s', ''))`;

export async function searchUsers(actor: Actor, raw: Record<string, unknown>): Promise<Paged<UserListRow, UserSearch>> {
  assertCan(actor, "admin");
  const f = UserSearch.parse(raw);
  const db = await getDb();
  const conds: SQL[] = [];
  if (f.q) conds.push(or(ilike(users.name, like(f.q)), ilike(users.email, like(f.q)))!);
  if (f.organisation || f.role) {
    const m = alias(memberships, "m");
    const o = alias(organisations, "o");
    const inner = [eq(m.userId, users.id)];
    if (f.organisation) inner.push(eq(o.ods, f.organisation));
    if (f.role) inner.push(eq(m.role, f.role as Role));
    conds.push(exists(db.select({ one: sql`1` }).from(m).innerJoin(o, eq(o.id, m.organisationId)).where(and(...inner))));
  }
  const where = conds.length ? and(...conds) : undefined;
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(users).where(where);
  const total = Number(n);
  const pages = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  const current = Math.min(f.page, pages);
  const ids = await db
    .select({ id: users.id })
    .from(users)
    .where(where)
    .orderBy(asc(surname), asc(sql`lower(${users.name})`), asc(users.email))
    .limit(ADMIN_PAGE_SIZE)
    .offset((current - 1) * ADMIN_PAGE_SIZE);
  const rows = ids.length ? await listUsers(actor, ids.map((r) => r.id)) : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { rows: ids.map((r) => byId.get(r.id)!).filter(Boolean), total, page: current, pages, pageSize: ADMIN_PAGE_SIZE, filters: { ...f, page: current } };
}

const ics = alias(organisations, "ics");

export async function searchOrganisations(actor: Actor, raw: Record<string, unknown>): Promise<Paged<OrganisationView, OrganisationSearch>> {
  assertCan(actor, "admin");
  const f = OrganisationSearch.parse(raw);
  const db = await getDb();
  const conds: SQL[] = [];
  if (f.q) conds.push(or(ilike(organisations.name, like(f.q)), ilike(organisations.ods, like(f.q)))!);
  if (f.kind) conds.push(eq(organisations.kind, f.kind));
  // An ICS filter lists the ICS itself and its trusts.
  if (f.ics) conds.push(or(eq(ics.ods, f.ics), eq(organisations.ods, f.ics))!);
  const where = conds.length ? and(...conds) : undefined;
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(organisations).leftJoin(ics, eq(ics.id, organisations.icsId)).where(where);
  const total = Number(n);
  const pages = Math.max(1, Math.ceil(total / ADMIN_PAGE_SIZE));
  const current = Math.min(f.page, pages);
  const rows = await db
    .select({
      org: organisations,
      icsOds: ics.ods,
      icsName: ics.name,
      members: sql<number>`(select count(*)::int from ${memberships} where ${memberships.organisationId} = ${organisations.id})`,
    })
    .from(organisations)
    .leftJoin(ics, eq(ics.id, organisations.icsId))
    .where(where)
    .orderBy(asc(sql`lower(${organisations.name})`), asc(organisations.ods))
    .limit(ADMIN_PAGE_SIZE)
    .offset((current - 1) * ADMIN_PAGE_SIZE);
  return {
    rows: rows.map((r) => ({ ...r.org, icsOds: r.icsOds ?? null, icsName: r.icsName ?? null, members: Number(r.members) })),
    total,
    page: current,
    pages,
    pageSize: ADMIN_PAGE_SIZE,
    filters: { ...f, page: current },
  };
}
