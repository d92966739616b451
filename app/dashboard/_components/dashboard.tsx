import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { Suspense, type ReactNode } from "react";
import type { Actor } from "@/lib/access";
import { getDashboardContext, type DashboardContext, type DashboardView } from "@/lib/dashboards";
import {
  CATEGORIES,
  CATEGORY_LABELS,
  FAVOURED,
  FAVOURED_LABELS,
  STATUSES,
  TRUST_TYPES,
  TRUST_TYPE_LABELS,
  parseDashboardFilters,
  quarterLabel,
  type DashboardFilters,
} from "@/lib/dashboards/filters";
import { isAppError } from "@/lib/errors";
import { STATUS_LABELS } from "@/lib/lifecycle";
import { OnThisPage, PageHeading } from "../../_components/ui";
import { PanelSkeleton } from "./bits";
import { BalancePanelView } from "./panels/balance-panel";
import { FactorsPanelView } from "./panels/factors-panel";
import { OutcomesBySidePanelView } from "./panels/outcomes-by-side-panel";
import { ReciprocityPanelView } from "./panels/reciprocity-panel";
import { RegisterPanelView } from "./panels/register-panel";
import { RiskAppetitePanelView } from "./panels/risk-appetite-panel";
import { SignOffSummaryPanelView } from "./panels/sign-off-summary-panel";
import { RatificationPanelView } from "./panels/ratification-panel";
import { WordPairsPanelView } from "./panels/word-pairs-panel";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Loads the page's context, answering 404 for a dashboard the actor may not open. */
export async function loadContext(actor: Actor, view: DashboardView): Promise<DashboardContext> {
  try {
    return await getDashboardContext(actor, view);
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
}

// A plain select for a GET form. (The shared form fields import a client module, so a server-rendered
// filter form keeps its own.)
function Select({ name, label, options, placeholder, defaultValue }: { name: string; label: string; options: { value: string; label: string }[]; placeholder: string; defaultValue?: string }) {
  const id = `filter-${name}`;
  return (
    <div className="mb-6">
      <label htmlFor={id} className="nhs-label">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue ?? ""} className="nhs-input">
        <option value="">{placeholder}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function FilterForm({ context, filters, path }: { context: DashboardContext; filters: DashboardFilters; path: string }) {
  const quarters = [...context.quarters].reverse().map((q) => ({ value: q, label: quarterLabel(q) }));
  const active = Object.keys(filters).length > 0;
  return (
    <form method="get" action={path} className="nhs-panel mb-8" aria-labelledby="filters-heading">
      <h2 id="filters-heading" className="mb-4 text-xl">
        Filter the decisions
      </h2>
      <div className="grid gap-x-6 sm:grid-cols-2 lg:grid-cols-4">
        <Select name="from" label="From quarter" options={quarters} placeholder="Earliest" defaultValue={filters.from} />
        <Select name="to" label="To quarter" options={quarters} placeholder="Latest" defaultValue={filters.to} />
        {context.kind === "national" ? (
          <Select
            name="ics"
            label="Integrated Care System"
            options={context.icss.map((i) => ({ value: i.ods, label: i.name }))}
            placeholder="All"
            defaultValue={filters.ics}
          />
        ) : null}
        {context.kind === "ics" ? (
          <Select name="trust" label="Trust" options={context.trusts.map((t) => ({ value: t.ods, label: t.name }))} placeholder="All" defaultValue={filters.trust} />
        ) : null}
        {context.kind !== "trust" ? (
          <Select name="trustType" label="Trust type" options={TRUST_TYPES.map((t) => ({ value: t, label: TRUST_TYPE_LABELS[t] }))} placeholder="All" defaultValue={filters.trustType} />
        ) : null}
        <Select name="category" label="Category" options={CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} placeholder="All" defaultValue={filters.category} />
        <Select name="favoured" label="Side favoured" options={FAVOURED.map((f) => ({ value: f, label: FAVOURED_LABELS[f] }))} placeholder="Both" defaultValue={filters.favoured} />
        <Select
          name="status"
          label="Status"
          options={STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          placeholder="All except withdrawn"
          defaultValue={filters.status}
        />
      </div>
      <div className="flex flex-wrap items-center gap-6">
        <button type="submit" className="nhs-button">
          Apply filters
        </button>
        {active ? <Link href={path}>Clear filters</Link> : null}
      </div>
    </form>
  );
}

/** A panel streamed in when its figures are ready; its anchor (the contents' target) is there from the start. */
function Streamed({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <div id={id} className="scroll-mt-4">
      <Suspense fallback={<PanelSkeleton title={title} />}>{children}</Suspense>
    </div>
  );
}

type PanelEntry = { id: string; title: string; body: ReactNode };

export async function DashboardPage({
  actor,
  view,
  context,
  searchParams,
  heading,
  caption,
  intro,
}: {
  actor: Actor;
  view: DashboardView;
  context: DashboardContext;
  searchParams: SearchParams;
  heading: string;
  caption: string;
  intro: ReactNode;
}) {
  const filters = parseDashboardFilters(view.kind, await searchParams);
  const path = view.kind === "national" ? "/dashboard/national" : `/dashboard/${view.kind}/${view.ods}`;
  const props = { actor, view, filters };
  // A key per filter set, so a new filter shows skeletons rather than stale panels.
  const k = JSON.stringify(filters);
  const panels: PanelEntry[] = [
    ...(view.kind !== "national" ? [{ id: "register", title: "Register of decisions", body: <RegisterPanelView {...props} /> }] : []),
    { id: "balance", title: "Balance between system and trust", body: <BalancePanelView {...props} /> },
    { id: "outcomes", title: "Outcomes by side", body: <OutcomesBySidePanelView {...props} /> },
    { id: "factors", title: "Factors weighed", body: <FactorsPanelView {...props} /> },
    { id: "word-pairs", title: "Word pairs", body: <WordPairsPanelView {...props} /> },
    ...(view.kind === "ics" ? [{ id: "reciprocity", title: "Reciprocity: who helped whom", body: <ReciprocityPanelView {...props} /> }] : []),
    { id: "sign-off", title: "Sign-off", body: <SignOffSummaryPanelView {...props} /> },
    { id: "ratification", title: "Chair's action and ratification", body: <RatificationPanelView {...props} /> },
    { id: "risk-appetite", title: "Decisions outside the board's risk appetite", body: <RiskAppetitePanelView {...props} /> },
  ];
  return (
    <>
      <PageHeading caption={caption}>{heading}</PageHeading>
      <div className="mb-6 max-w-prose">{intro}</div>
      <OnThisPage
        id="contents-heading"
        entries={[{ target: "filters-heading", label: "Filter the decisions" }, ...panels.map((p) => ({ target: p.id, label: p.title }))]}
      />
      <FilterForm context={context} filters={filters} path={path} />
      {panels.map((p) => (
        <Streamed key={`${p.id}${k}`} id={p.id} title={p.title}>
          {p.body}
        </Streamed>
      ))}
    </>
  );
}
