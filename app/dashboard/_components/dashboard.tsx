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
import { PageHeading } from "../../_components/ui";
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

function Streamed({ title, children }: { title: string; children: ReactNode }) {
  return <Suspense fallback={<PanelSkeleton title={title} />}>{children}</Suspense>;
}

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
  return (
    <>
      <PageHeading caption={caption}>{heading}</PageHeading>
      <div className="mb-6 max-w-prose">{intro}</div>
      <FilterForm context={context} filters={filters} path={path} />
      {view.kind !== "national" ? (
        <Streamed key={`r${k}`} title="Register of decisions">
          <RegisterPanelView {...props} />
        </Streamed>
      ) : null}
      <Streamed key={`b${k}`} title="Balance between system and trust">
        <BalancePanelView {...props} />
      </Streamed>
      <Streamed key={`o${k}`} title="Outcomes by side">
        <OutcomesBySidePanelView {...props} />
      </Streamed>
      <Streamed key={`f${k}`} title="Factors weighed">
        <FactorsPanelView {...props} />
      </Streamed>
      <Streamed key={`w${k}`} title="Word pairs">
        <WordPairsPanelView {...props} />
      </Streamed>
      {view.kind === "ics" ? (
        <Streamed key={`x${k}`} title="Reciprocity: who helped whom">
          <ReciprocityPanelView {...props} />
        </Streamed>
      ) : null}
      <Streamed key={`s${k}`} title="Sign-off">
        <SignOffSummaryPanelView {...props} />
      </Streamed>
      <Streamed key={`r${k}`} title="Chair's action and ratification">
        <RatificationPanelView {...props} />
      </Streamed>
      <Streamed key={`a${k}`} title="Decisions outside the board's risk appetite">
        <RiskAppetitePanelView {...props} />
      </Streamed>
    </>
  );
}
