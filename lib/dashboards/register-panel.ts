import "server-only";
import { sql } from "drizzle-orm";
import { readableDecisionsWhere, type Actor } from "../access";
import { AppError } from "../errors";
import type { Category, DashboardFilters, Favoured, Status } from "./filters";
import type { RatificationState } from "../chairs-action-words";
import { open, rowsOf, scopedDecisions, type DashboardView } from "./scope";

// Panel 1: the register, in the layout of the study's Table 6.

export const REGISTER_PANEL_LIMIT = 10;

export type RegisterRow = {
  id: string;
  title: string;
  favoured: Favoured;
  category: Category;
  status: Status;
  /** Chair's action (issue 14): awaiting ratification, ratified or not ratified; null otherwise. */
  ratification: RatificationState | null;
  trustOds: string;
  trustName: string;
  authorId: string;
  authorName: string;
  decidedOn: string | null;
};

export type RegisterPanel = {
  /** Every decision counted, confidential ones too. */
  total: number;
  system: number;
  trust: number;
  /** Of those, the ones this viewer may read (listed). */
  readable: number;
  /** Counted but visible to their trust's board only (never listed here). */
  hiddenFromViewer: number;
  rows: RegisterRow[];
};

/** Trust and ICS views only: the national view never lists decisions. */
export async function getRegisterPanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<RegisterPanel> {
  const { db, view: v } = await open(actor, view);
  if (v.kind === "national") throw new AppError("not_found", "Register not found");
  const rows = await rowsOf<{
    total: number; system: number; trust: number; readable: number;
    id: string | null; title: string | null; favoured: Favoured; category: Category; status: Status; ratification: RatificationState | null;
    trust_ods: string; trust_name: string; author_id: string; author_name: string; decided_on: string | null;
  }>(
    db,
    sql`with s as (${scopedDecisions(v, filters, sql`, (${readableDecisionsWhere(actor)}) as readable, decisions.decided_on, decisions.ratification::text as ratification, decisions.title, t.ods as trust_ods, t.name as trust_name`)}),
      c as (select count(*)::int as total, count(*) filter (where favoured = 'system')::int as system,
                   count(*) filter (where favoured = 'trust')::int as trust, count(*) filter (where readable)::int as readable from s)
      select c.*, l.id, l.title, l.favoured, l.category, l.status, l.ratification, l.trust_ods, l.trust_name, l.author_id, l.author_name, l.decided_on
      from c left join lateral (
        select s.id, s.title, s.favoured, s.category, s.status, s.ratification, s.trust_ods, s.trust_name, s.author_id, u.name as author_name, s.decided_on::text as decided_on
        from s join users u on u.id = s.author_id
        where s.readable order by s.decided_on desc nulls last, s.id limit ${REGISTER_PANEL_LIMIT}
      ) l on true`,
  );
  const head = rows[0];
  return {
    total: head.total,
    system: head.system,
    trust: head.trust,
    readable: head.readable,
    hiddenFromViewer: head.total - head.readable,
    rows: rows
      .filter((r) => r.id)
      .map((r) => ({
        id: r.id!, title: r.title!, favoured: r.favoured, category: r.category, status: r.status, ratification: r.ratification,
        trustOds: r.trust_ods, trustName: r.trust_name, authorId: r.author_id, authorName: r.author_name, decidedOn: r.decided_on,
      })),
  };
}
