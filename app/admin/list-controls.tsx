import Link from "@/app/_components/link";
import type { ReactNode } from "react";

/** A GET filter form for an admin list: plain fields, an Apply button, and Clear when filtered. */
export function FilterBar({ action, active, children }: { action: string; active: boolean; children: ReactNode }) {
  return (
    <form method="get" action={action} className="nhs-panel mb-6 p-4! sm:p-6!" aria-labelledby="filter-heading">
      <h2 id="filter-heading" className="mb-4 text-xl">
        Find
      </h2>
      <div className="grid gap-x-6 sm:grid-cols-3">{children}</div>
      <div className="flex flex-wrap items-center gap-6">
        <button type="submit" className="nhs-button">
          Search
        </button>
        {active ? <Link href={action}>Clear</Link> : null}
      </div>
    </form>
  );
}

export function FilterField({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <div className="mb-6 min-w-0">
      <label htmlFor={id} className="nhs-label">
        {label}
      </label>
      {children}
    </div>
  );
}

type Query = Record<string, string | number | undefined>;

const hrefFor = (path: string, query: Query, page: number) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "" && k !== "page") p.set(k, String(v));
  if (page > 1) p.set("page", String(page));
  const s = p.toString();
  return s ? `${path}?${s}` : path;
};

/** "Showing 51 to 100 of 1,234 users" and Previous / Next links. */
export function Pager({ path, query, page, pages, total, pageSize, noun }: { path: string; query: Query; page: number; pages: number; total: number; pageSize: number; noun: [string, string] }) {
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  return (
    <>
      <p role="status" className="mb-4">
        {total === 0
          ? `No ${noun[1]} match`
          : `Showing ${from.toLocaleString("en-GB")} to ${to.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} ${total === 1 ? noun[0] : noun[1]}`}
      </p>
      {pages > 1 ? (
        <nav aria-label="Pages" className="mb-6 flex flex-wrap items-center gap-6">
          {page > 1 ? (
            <Link href={hrefFor(path, query, page - 1)} rel="prev">
              Previous<span className="sr-only"> page</span>
            </Link>
          ) : null}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <Link href={hrefFor(path, query, page + 1)} rel="next">
              Next<span className="sr-only"> page</span>
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
