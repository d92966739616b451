// Bar charts rendered to an SVG string on the server with ECharts, so pages
// ship a static image and no charting JavaScript. Every chart is meant to sit
// beside a data table (UI.md), which carries the exact figures; the chart is
// the overview.
//
// Labels and series names come from user data. ECharts' SVG serialiser
// escapes text content but writes attribute values verbatim, so anything we
// put into an attribute (colours, the aria-label) is validated or escaped
// here.
import * as echarts from "echarts";

export const NHS_CHART_COLOURS = {
  system: "#005EB8", // NHS Blue
  trust: "#330072", // NHS Purple
  green: "#007F3B",
  red: "#D5281B",
  warmYellow: "#FFB81C",
  darkBlue: "#003087",
  secondaryText: "#4C6272",
} as const;

// Series without an explicit colour take these in order: blue for the system
// side and purple for the trust side, as in the rest of the app.
const DEFAULT_SERIES_COLOURS = [
  NHS_CHART_COLOURS.system,
  NHS_CHART_COLOURS.trust,
  NHS_CHART_COLOURS.green,
  NHS_CHART_COLOURS.red,
  NHS_CHART_COLOURS.warmYellow,
  NHS_CHART_COLOURS.darkBlue,
  NHS_CHART_COLOURS.secondaryText,
];

// No quotes inside: ECharts writes this into a double-quoted style attribute.
const FONT_FAMILY = "Arial, Helvetica, sans-serif";
const TEXT_COLOUR = "#212B32";
const RULE_COLOUR = "#D8DDE0";
const HEX_COLOUR = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

const DEFAULT_WIDTH = 640;
const DEFAULT_HEIGHT = 360;
// Room for the title, legend and value axis around the plotted rows.
const HORIZONTAL_CHROME = 110;
const ROW_HEIGHT = 28;
const GROUPED_BAR_HEIGHT = 14;
const MAX_LABEL_WIDTH = 200;

export type BarSeries = { name: string; values: number[]; color?: string };

export type BarChartOptions = {
  title: string;
  categories: string[];
  series: BarSeries[];
  horizontal?: boolean;
  stacked?: boolean;
  width?: number;
  /** For horizontal charts a minimum: the chart grows to fit its categories. */
  height?: number;
  ariaLabel: string;
};

function escapeAttribute(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

function assertPositiveSize(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
}

function horizontalHeight(opts: BarChartOptions): number {
  const groupedSeries = opts.stacked ? 1 : opts.series.length;
  const perCategory = Math.max(ROW_HEIGHT, groupedSeries * GROUPED_BAR_HEIGHT + 10);
  const needed = HORIZONTAL_CHROME + opts.categories.length * perCategory;
  return Math.max(opts.height ?? 0, needed);
}

export function renderBarChart(opts: BarChartOptions): string {
  const { title, categories, series, horizontal = false, stacked = false, ariaLabel } = opts;
  if (series.length === 0) throw new RangeError("a bar chart needs at least one series");
  for (const s of series) {
    if (s.values.length !== categories.length) {
      throw new RangeError(
        `series "${s.name}" has ${s.values.length} values for ${categories.length} categories`,
      );
    }
    if (s.color !== undefined && !HEX_COLOUR.test(s.color)) {
      throw new TypeError(`series colour must be a hex colour like #005EB8, got ${s.color}`);
    }
  }
  const width = opts.width ?? DEFAULT_WIDTH;
  const height = horizontal ? horizontalHeight(opts) : (opts.height ?? DEFAULT_HEIGHT);
  assertPositiveSize("width", width);
  assertPositiveSize("height", height);

  const showLegend = series.length > 1;
  const textStyle = { fontFamily: FONT_FAMILY, color: TEXT_COLOUR, fontSize: 13 };

  const categoryAxis = {
    type: "category" as const,
    data: categories,
    // First category at the top when horizontal, matching the table's order.
    inverse: horizontal,
    axisTick: { show: false },
    axisLine: { lineStyle: { color: RULE_COLOUR } },
    axisLabel: {
      // Every category labelled: ECharts otherwise silently skips labels that
      // would overlap, which hides data.
      interval: 0,
      ...textStyle,
      width: horizontal ? MAX_LABEL_WIDTH : undefined,
      overflow: horizontal ? ("truncate" as const) : undefined,
      ellipsis: "…",
      rotate: !horizontal && categories.length > 6 ? 40 : 0,
    },
  };
  const valueAxis = {
    type: "value" as const,
    // Counts (and whole £k): never a tick at 1.5 decisions.
    minInterval: 1,
    axisLabel: textStyle,
    splitLine: { lineStyle: { color: RULE_COLOUR } },
  };

  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      // A no-op in SSR as of ECharts 6.1 (it sets attributes on a DOM node we
      // do not have); kept so a client-side render of the same option works.
      aria: { enabled: true, label: { description: ariaLabel } },
      textStyle,
      color: series.map((s, i) => s.color ?? DEFAULT_SERIES_COLOURS[i % DEFAULT_SERIES_COLOURS.length]),
      title: {
        text: title,
        left: 0,
        top: 0,
        textStyle: { ...textStyle, fontSize: 16, fontWeight: "bold" },
      },
      legend: showLegend
        ? {
            top: 28,
            left: 0,
            selectedMode: false,
            textStyle,
            itemWidth: 14,
            itemHeight: 14,
          }
        : undefined,
      grid: {
        left: 16,
        right: 32,
        top: showLegend ? 64 : 40,
        bottom: 8,
      },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: series.map((s) => ({
        type: "bar" as const,
        name: s.name,
        data: s.values,
        stack: stacked ? "total" : undefined,
        // Static image: no hover states, which would otherwise add CSS classes
        // that can clash between several charts inlined on one page.
        silent: true,
        emphasis: { disabled: true },
        barMaxWidth: 40,
        label: {
          // Values at the bar ends only where they cannot overlap.
          show: series.length === 1,
          position: horizontal ? ("right" as const) : ("top" as const),
          ...textStyle,
        },
      })),
    });
    const svg = chart.renderToSVGString();
    if (!svg.startsWith("<svg ")) throw new Error("ECharts did not return an SVG document");
    // ECharts sets role/aria-label only on a live DOM node, so add them here.
    return `<svg role="img" aria-label="${escapeAttribute(ariaLabel)}" ${svg.slice("<svg ".length)}`;
  } finally {
    chart.dispose();
  }
}
