import { ratificationWords } from "@/lib/chairs-action-words";
import type { Metadata } from "next";
import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { Breadcrumbs, PageHeading, Tag } from "@/app/_components/ui";
import { ROLE, activeMembership, hasRole, insiderTrustIds } from "@/lib/access";
import { requireActor } from "@/lib/auth";
import { listRegister, listRegisterAuthors, registerFiltersFromSearchParams, registerHref, type RegisterFilters } from "@/lib/decisions";
import { listRegisterTrusts } from "@/lib/decisions/register-trusts";
import { REGISTER_RATIFICATIONS, REGISTER_STATUSES, type RegisterSortField } from "@/lib/decisions/register-filters";
import { CATEGORY_IDS, CATEGORY_LABELS, FACTORS, FACTOR_LABELS, FAVOURED_LABELS, TRUST_TYPE_LABELS, type CategoryId } from "@/lib/decisions/taxonomy";
import { formatDate, pluralise } from "@/lib/format";
import { STATUS_COLOURS, STATUS_LABELS } from "@/lib/lifecycle";
import { orNotFound } from "@/lib/page-errors";
import { RISK_DOMAINS, RISK_DOMAIN_LABELS } from "@/lib/risk-appetite/taxonomy";

export const metadata: Metadata = { title: "Decisions" };

const RATIFICATION_FILTER_LABELS: Record<(typeof REGISTER_RATIFICATIONS)[number], string> = {
  awaiting: "Signed off — awaiting ratification",
  ratified: "Signed off — ratified",
  not_ratified: "Signed off — not ratified",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const FORM = "register-filters";

/** How the dashboards' drill-down filters read on the register. */
const OUTCOME_CHIPS: Record<NonNullable<RegisterFilters["outcome"]>, string> = {
  assessed: "A criterion assessed",
  met: "A criterion met",
  partly_met: "A criterion partly met",
  not_met: "A criterion not met",
  unknown: "A criterion's outcome unknown",
};

export default async function RegisterPage({ searchParams }: Props) {
  const actor = await requireActor();
  const { filters, ignored } = registerFiltersFromSearchParams(await searchParams);
  const [page, authors, trusts] = await Promise.all([orNotFound(listRegister(actor, filters)), listRegisterAuthors(actor), listRegisterTrusts(actor)]);
  // A trust filter control when the reader's register spans more than one trust (an ICS lead); else the URL's trust stays hidden.
  const trustControl = trusts.length > 1;
  const isCe = hasRole(actor, ROLE.chiefExecutive);
  const icsView = page.hiddenCount !== null || (hasRole(actor, ROLE.icsLead) && !insiderTrustIds(actor).length);
  const active = activeMembership(actor);
  if (!active) notFound();
  const f = page.filters;
  const [sortField, sortDir] = page.sort === "relevance" ? ["relevance", "desc"] : page.sort.split("-");
  const hasFilters = !!(f.favoured || f.status?.length || f.category || f.from || f.to || f.author || f.q || f.factor || f.trust || f.ics || f.trustType || f.outcome || f.due || f.beneficiary || f.gave || f.outside || f.riskDomain || f.ratification);
  const scopeChips: { label: string; without: RegisterFilters }[] = [
    f.trust ? { label: `Trust ${f.trust}`, without: { ...f, trust: undefined, page: 1 } } : null,
    f.ics ? { label: `ICS ${f.ics}`, without: { ...f, ics: undefined, page: 1 } } : null,
    f.trustType ? { label: `${TRUST_TYPE_LABELS[f.trustType]} trusts`, without: { ...f, trustType: undefined, page: 1 } } : null,
    f.outcome ? { label: OUTCOME_CHIPS[f.outcome], without: { ...f, outcome: undefined, page: 1 } } : null,
    f.due ? { label: "A review is due", without: { ...f, due: undefined, page: 1 } } : null,
    f.gave ? { label: "Named another organisation as benefiting", without: { ...f, gave: undefined, page: 1 } } : null,
    f.beneficiary ? { label: `Named ${f.beneficiary} as benefiting`, without: { ...f, beneficiary: undefined, page: 1 } } : null,
  ].filter((x) => x !== null);

  const sortButton = (field: RegisterSortField, label: string, firstDir: "asc" | "desc" = "asc") => {
    const current = sortField === field;
    const next = current ? (sortDir === "asc" ? "desc" : "asc") : firstDir;
    return (
      <button type="submit" form={FORM} name="sort" value={`${field}-${next}`} className="font-semibold text-nhs-blue underline hover:text-nhs-dark-blue">
        {label}
        <span className="sr-only">, sort {next === "asc" ? "ascending" : "descending"}</span>
      </button>
    );
  };
  const ariaSort = (field: string) => (sortField === field ? (sortDir === "asc" ? "ascending" : "descending") : undefined);
  const sortWords =
    page.sort === "relevance"
      ? "best match first"
      : `by ${({ decided: "date decided", title: "title", favoured: "favoured", status: "status", category: "category", author: "author", updated: "last change" } as Record<string, string>)[sortField]}, ${sortDir === "asc" ? "ascending" : "descending"}`;

  return (
    <div>
      <Breadcrumbs items={[{ href: "/", label: "Home" }, { label: "Decisions" }]} />
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeading caption={icsView ? `${active.organisationName}: decisions shared with the Integrated Care System (ICS)` : active.organisationName}>
          {icsView ? "Shared decisions" : "Decisions"}
        </PageHeading>
        {isCe ? (
          <Link href="/decisions/new" className="nhs-button mb-6">
            Record a decision
          </Link>
        ) : null}
      </div>

      <form id={FORM} method="get" action="/decisions" className="nhs-panel mb-6" role="search" aria-label="Filter decisions">
        {f.trust && !trustControl ? <input type="hidden" name="trust" value={f.trust} /> : null}
        {f.ics ? <input type="hidden" name="ics" value={f.ics} /> : null}
        {f.trustType ? <input type="hidden" name="trustType" value={f.trustType} /> : null}
        {f.outcome ? <input type="hidden" name="outcome" value={f.outcome} /> : null}
        {f.due ? <input type="hidden" name="due" value={f.due} /> : null}
        {f.gave ? <input type="hidden" name="gave" value={f.gave} /> : null}
        {f.beneficiary ? <input type="hidden" name="beneficiary" value={f.beneficiary} /> : null}
        {f.sort ? <input type="hidden" name="sort" value={f.sort} /> : null}
        <div className="grid gap-x-6 gap-y-4 md:grid-cols-3">
          <div className="md:col-span-3">
            <label htmlFor="q" className="nhs-label">
              Search
            </label>
            <span id="q-hint" className="nhs-hint">
              Words in the title, summary or rationale. Use quotes for a phrase, like &quot;social care&quot;.
            </span>
            <input id="q" name="q" type="search" defaultValue={f.q ?? ""} aria-describedby="q-hint" className="nhs-input" />
          </div>
          {trustControl ? <Filter label="Trust" name="trust" value={f.trust} options={trusts.map((t) => [t.ods, t.name])} /> : null}
          <Filter label="Favoured" name="favoured" value={f.favoured} options={[["system", "Favoured system"], ["trust", "Favoured trust"]]} />
          <Filter label="Category" name="category" value={f.category} options={CATEGORY_IDS.map((c) => [c, CATEGORY_LABELS[c]])} />
          <Filter label="Factor weighed" name="factor" value={f.factor} options={FACTORS.map((x) => [x.id, x.label])} />
          <Filter label="Author" name="author" value={f.author} options={authors.map((a) => [a.id, a.name])} />
          <Filter label="Risk appetite" name="outside" value={f.outside} options={[["1", "Outside the board's risk appetite"]]} />
          <Filter label="Risk domain" name="riskDomain" value={f.riskDomain} options={RISK_DOMAINS.map((d) => [d, RISK_DOMAIN_LABELS[d]])} />
          <Filter label="Chair's action" name="ratification" value={f.ratification} options={REGISTER_RATIFICATIONS.map((r) => [r, RATIFICATION_FILTER_LABELS[r]])} />
          <div>
            <label htmlFor="from" className="nhs-label">
              Decided from
            </label>
            <input id="from" name="from" type="date" defaultValue={f.from ?? ""} className="nhs-input" />
          </div>
          <div>
            <label htmlFor="to" className="nhs-label">
              Decided to
            </label>
            <input id="to" name="to" type="date" defaultValue={f.to ?? ""} className="nhs-input" />
          </div>
          <fieldset className="md:col-span-3">
            <legend className="nhs-label">Status</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-2">
              {REGISTER_STATUSES.filter((s) => s !== "draft" || isCe).map((s) => (
                <div key={s} className="flex items-center gap-2">
                  <input id={`status-${s}`} type="checkbox" name="status" value={s} defaultChecked={f.status?.includes(s)} className="nhs-choice" />
                  <label htmlFor={`status-${s}`}>{STATUS_LABELS[s]}</label>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div className="mt-4 flex flex-wrap items-center gap-6">
          <button type="submit" className="nhs-button nhs-button-secondary">
            Apply filters
          </button>
          {hasFilters ? <Link href="/decisions">Clear filters</Link> : null}
        </div>
      </form>

      {scopeChips.length ? (
        <p className="mb-4 flex flex-wrap items-center gap-3">
          Showing only:
          {scopeChips.map((c) => (
            <Link key={c.label} href={registerHref(c.without)} className="border border-nhs-blue bg-white px-2 py-0.5">
              {c.label} <span aria-hidden="true">×</span>
              <span className="sr-only"> (remove this filter)</span>
            </Link>
          ))}
        </p>
      ) : null}
      <p className="mb-4 flex flex-wrap gap-x-6 gap-y-2">
        <a href={registerHref({ ...f, page: 1, pageSize: undefined, sort: undefined }, "/decisions/export/csv")} download>
          Download CSV<span className="sr-only"> of the decisions matching these filters</span>
        </a>
        <a href={registerHref({ ...f, page: 1, pageSize: undefined, sort: undefined }, "/decisions/export/xlsx")} download>
          Download XLSX<span className="sr-only"> (Excel) of the decisions matching these filters</span>
        </a>
        {isCe ? <Link href="/decisions/import">Import decisions from a spreadsheet</Link> : null}
      </p>
      {ignored.length ? <p className="mb-4 text-nhs-secondary">Some filters in the address were not recognised and were left out: {ignored.join(", ")}.</p> : null}

      <p className="mb-4" role="status">
        <strong>{pluralise(page.total, "decision")}</strong>
        {page.hiddenCount !== null ? (
          <>
            {" "}
            shared with the ICS, and {pluralise(page.hiddenCount, "decision")} visible to their trust boards only
          </>
        ) : null}
        {f.q ? <> matching &ldquo;{f.q}&rdquo;</> : null}.
      </p>

      {page.rows.length === 0 ? (
        <div className="nhs-panel">
          {hasFilters ? (
            <p>
              No decisions match these filters. <Link href="/decisions">Clear filters</Link>
            </p>
          ) : isCe ? (
            <p>
              No decisions yet — <Link href="/decisions/new">record your first decision</Link>.
            </p>
          ) : (
            <p>No decisions to show yet. Decisions appear here once the Chief Executive submits them for sign-off.</p>
          )}
        </div>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="nhs-table">
            <caption>
              Decisions, {sortWords}
              {page.pageCount > 1 ? ` (page ${page.page} of ${page.pageCount})` : ""}
            </caption>
            <thead>
              <tr>
                <th scope="col" aria-sort={ariaSort("title")} className="min-w-64">
                  {sortButton("title", "Brief description")}
                </th>
                <th scope="col" aria-sort={ariaSort("favoured")}>
                  {sortButton("favoured", "Favoured")}
                </th>
                <th scope="col" aria-sort={ariaSort("status")}>
                  {sortButton("status", "Status")}
                </th>
                <th scope="col" aria-sort={ariaSort("category")}>
                  {sortButton("category", "Category")}
                </th>
                <th scope="col" aria-sort={ariaSort("decided")}>
                  {sortButton("decided", "Date decided", "desc")}
                </th>
                <th scope="col" aria-sort={ariaSort("author")}>
                  {sortButton("author", icsView ? "Trust and author" : "Author")}
                </th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/decisions/${r.id}`} className="font-semibold">
                      {r.title}
                    </Link>
                    {r.summary ? <p className="mt-1 line-clamp-3 text-base text-nhs-secondary">{r.summary}</p> : null}
                  </td>
                  <td>{r.favoured ? <Tag colour={r.favoured === "system" ? "blue" : "purple"}>{FAVOURED_LABELS[r.favoured]}</Tag> : <span className="text-nhs-secondary">Not chosen</span>}</td>
                  <td>
                    <Tag colour={r.ratification === "not_ratified" ? "red" : STATUS_COLOURS[r.status]}>{ratificationWords(STATUS_LABELS[r.status], r.ratification)}</Tag>
                    {r.outsideAppetite ? (
                      <span className="mt-1 block">
                        <Tag colour="red">Outside risk appetite</Tag>
                      </span>
                    ) : null}
                    {r.version > 1 ? <span className="block text-sm text-nhs-secondary">Version {r.version}</span> : null}
                  </td>
                  <td>{r.category ? CATEGORY_LABELS[r.category as CategoryId] : <span className="text-nhs-secondary">None</span>}</td>
                  <td className="whitespace-nowrap">{r.decidedOn ? formatDate(r.decidedOn) : <span className="text-nhs-secondary">Not given</span>}</td>
                  <td className={icsView ? "min-w-56" : undefined}>
                    {icsView ? <span className="block">{r.trust.name}</span> : null}
                    {r.author.name}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {page.pageCount > 1 ? (
        <nav aria-label="Pages of decisions" className="mt-6 flex flex-wrap items-center justify-between gap-4">
          {page.page > 1 ? (
            <Link href={registerHref({ ...f, page: page.page - 1 })} rel="prev">
              <span aria-hidden="true">‹ </span>Previous page
            </Link>
          ) : (
            <span />
          )}
          <span>
            Page {page.page} of {page.pageCount}
          </span>
          {page.page < page.pageCount ? (
            <Link href={registerHref({ ...f, page: page.page + 1 })} rel="next">
              Next page<span aria-hidden="true"> ›</span>
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
      {f.factor ? <p className="sr-only">Filtered by the factor {FACTOR_LABELS[f.factor]}.</p> : null}
    </div>
  );
}

function Filter({ label, name, value, options }: { label: string; name: string; value?: string; options: [string, string][] }) {
  return (
    <div>
      <label htmlFor={name} className="nhs-label">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value ?? ""} className="nhs-input">
        <option value="">Any</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}
