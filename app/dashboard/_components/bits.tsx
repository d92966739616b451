import Link from "@/app/_components/link";
import type { ReactNode } from "react";
import type { Actor } from "@/lib/access";
import type { Cell, DashboardView } from "@/lib/dashboards";
import { NHS_CHART_COLOURS } from "@/lib/dashboards/charts";
import type { ChartPair } from "@/lib/dashboards/chart-specs";
import { registerHref, type DashboardFilters, type Drill } from "@/lib/dashboards/filters";

/** What every panel component (./panels/) is given. */
export type PanelProps = { actor: Actor; view: DashboardView; filters: DashboardFilters };

export const SYSTEM = NHS_CHART_COLOURS.system;
export const TRUST = NHS_CHART_COLOURS.trust;

/** Drill-down links exist for trust and ICS views; the national view has none. */
export function linker(view: DashboardView, filters: DashboardFilters) {
  return (drill: Drill = {}) => (view.kind === "national" ? null : registerHref(view, filters, drill));
}

export const NO_DECISIONS = (view: DashboardView) =>
  view.kind === "trust"
    ? "No decisions yet match these filters. Decisions appear here once the Chief Executive submits them for sign-off; try widening the filters."
    : "No decisions yet match these filters. Decisions appear here once a trust's Chief Executive submits them for sign-off; try widening the filters.";

/**
 * A count: a link to the decisions behind it when there is one, "fewer than 3" when suppressed, and
 * "not shown" when hidden so that a suppressed count elsewhere cannot be worked out.
 */
export function Num({ value, href, label }: { value: Cell; href?: string | null; label?: string }) {
  if (typeof value === "object") return <span className="whitespace-nowrap text-nhs-secondary">{value.secondary ? "not shown" : "fewer than 3"}</span>;
  const text = value.toLocaleString("en-GB");
  // A nought leads nowhere: plain text, not a link to an empty list.
  if (!href || value === 0) return <>{text}</>;
  // The label as the link's accessible name, beginning with the figure shown (WCAG 2.5.3), rather than
  // hidden text inside it: a dashboard holds hundreds of these, one element fewer each.
  return (
    <Link href={href} className="font-semibold" aria-label={label ? `${text} ${label}` : undefined}>
      {text}
    </Link>
  );
}

export function percent(share: number | null): string {
  if (share === null) return "–";
  return `${Math.round(share * 100)}%`;
}

export function Panel({ id, title, intro, children }: { id: string; title: string; intro: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="nhs-panel mb-8 min-w-0 p-4! sm:p-6!">
      <h2 id={`${id}-heading`} className="mb-2 text-2xl">
        {title}
      </h2>
      <div className="mb-4 max-w-prose text-nhs-secondary">{intro}</div>
      {children}
    </section>
  );
}

/**
 * An ECharts SVG pair from lib/dashboards/chart-specs.ts (renderChartPair): the narrow rendering on a
 * phone, the wide one from 640 px. Only that output is ever inlined: ECharts escapes text content and
 * charts.ts escapes the attributes it adds. The numbers are in the table beside it, so the figure is
 * hidden from nobody.
 */
export function Chart({ chart, caption }: { chart: ChartPair; caption: string }) {
  const hidden = chart.wide.includes("Hatched: not shown");
  return (
    <figure className="mb-4 max-w-3xl">
      <div className="w-full sm:hidden [&_svg]:h-auto [&_svg]:max-w-full" data-chart="narrow" dangerouslySetInnerHTML={{ __html: chart.narrow }} />
      <div className="hidden w-full sm:block [&_svg]:h-auto [&_svg]:max-w-full" data-chart="wide" dangerouslySetInnerHTML={{ __html: chart.wide }} />
      <figcaption className="mt-1 text-base text-nhs-secondary">
        {caption}
        {hidden ? " A hatched mark stands for a figure that is not shown (fewer than 3, or hidden so that one cannot be worked out): it is never drawn as nought." : ""}
      </figcaption>
    </figure>
  );
}

/** A table that scrolls sideways on a phone instead of squashing. `relative`: screen-reader text inside stays inside. */
export function TableWrap({ children, label }: { children: ReactNode; label: string }) {
  return (
    <div className="relative mb-6 overflow-x-auto" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** National view: the filters match too few trusts for any figure to be shown. */
export function TooFewTrusts() {
  return (
    <Empty>
      Fewer than 3 trusts match these filters, so figures are not shown, to protect individual trusts. Try widening the
      filters, for example choosing all trust types or all Integrated Care Systems.
    </Empty>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="nhs-inset max-w-prose">{children}</p>;
}

export function PanelSkeleton({ title }: { title: string }) {
  return (
    <section className="nhs-panel mb-8" aria-busy="true" aria-label={`${title} (loading)`}>
      <h2 className="mb-2 text-2xl">{title}</h2>
      <p className="sr-only">Loading…</p>
      <div className="mb-3 h-4 w-2/3 animate-pulse bg-nhs-pale-grey" />
      <div className="mb-3 h-40 w-full animate-pulse bg-nhs-pale-grey" />
      <div className="h-4 w-1/2 animate-pulse bg-nhs-pale-grey" />
    </section>
  );
}

/** A chart and its table side by side on wide screens, one above the other on a phone. */
export function Pair({ children }: { children: ReactNode }) {
  return <div className="grid items-start gap-x-8 lg:grid-cols-2 [&>*]:min-w-0">{children}</div>;
}
