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

// Two renderings of every chart (see renderChartPair): "wide" beside its table on a desktop, "narrow"
// on a phone. Sizes and fonts are chosen so that, scaled into the column the page gives them (down to
// 254 px at 320 px wide, about 455 px in a two-column pair at 1024 px), no text falls below 12 px.
export const CHART_LAYOUTS = {
  wide: { width: 460, fontSize: 13, titleSize: 16, labelWidth: 150 },
  narrow: { width: 300, fontSize: 15, titleSize: 17, labelWidth: 110 },
} as const;
export type ChartLayout = keyof typeof CHART_LAYOUTS;

const DEFAULT_WIDTH = 640;
const DEFAULT_HEIGHT = 360;
// Room for the title, legend and value axis around the plotted rows.
const HORIZONTAL_CHROME = 110;
const ROW_HEIGHT = 28;
const GROUPED_BAR_HEIGHT = 14;
const MAX_LABEL_WIDTH = 200;
// Arial's widest common letters are about 0.6 em; used to estimate how many lines a label wraps to.
const CHAR_WIDTH_EM = 0.6;
/** The length of the hatched mark that stands for a hidden ("not shown") figure. */
const NOT_SHOWN_MARK = 14;

/** A value per category; `null` is a figure that is hidden (suppressed): drawn as a hatched "not shown" mark, never as nought. */
export type BarSeries = { name: string; values: (number | null)[]; color?: string };

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
  /** Font size of labels (13 by default) and of the title (16). */
  fontSize?: number;
  titleSize?: number;
  /** Horizontal charts: the width category labels wrap within (never cut short). */
  labelWidth?: number;
};

/** Legend text for the hatched mark. */
export const NOT_SHOWN_LEGEND = "Hatched: not shown";

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

/** How many lines a label wraps to within `width` px (words kept whole where they fit). */
export function wrappedLines(label: string, width: number, fontSize: number): number {
  const perLine = Math.max(1, Math.floor(width / (fontSize * CHAR_WIDTH_EM)));
  let lines = 1;
  let used = 0;
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const len = word.length;
    if (used === 0) {
      lines += Math.ceil(len / perLine) - 1;
      used = len % perLine || perLine;
    } else if (used + 1 + len <= perLine) {
      used += 1 + len;
    } else {
      lines += Math.ceil(len / perLine);
      used = len % perLine || perLine;
    }
  }
  return lines;
}

function horizontalHeight(opts: BarChartOptions, fontSize: number, labelWidth: number, legendRows: number): number {
  const groupedSeries = opts.stacked ? 1 : opts.series.length;
  const lineHeight = Math.ceil(fontSize * 1.25);
  const perCategory = opts.categories.map((c) => Math.max(ROW_HEIGHT, groupedSeries * GROUPED_BAR_HEIGHT + 10, wrappedLines(c, labelWidth, fontSize) * lineHeight + 8));
  const needed = HORIZONTAL_CHROME + legendRows * (lineHeight + 6) + perCategory.reduce((a, b) => a + b, 0);
  return Math.max(opts.height ?? 0, needed);
}

/** A diagonal hatch in the series' colour on white, for a figure that is not shown. */
function hatch(colour: string) {
  return {
    color: "#FFFFFF",
    borderColor: colour,
    borderWidth: 1,
    borderType: "dashed" as const,
    decal: { symbol: "rect", symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -Math.PI / 4, color: colour },
  };
}

let chartCounter = 0;
/** ECharts numbers its ids (clip paths, patterns) per instance from zero: several charts inlined on one page would share them. */
function uniqueIds(svg: string): string {
  const prefix = `c${(++chartCounter).toString(36)}${Math.random().toString(36).slice(2, 6)}-`;
  return svg.replace(/\bid="zr(\d+)-/g, `id="${prefix}zr$1-`).replace(/url\(#zr(\d+)-/g, `url(#${prefix}zr$1-`);
}

/**
 * ECharts' SVG as a static image, without what only a live chart uses: the ecmeta_* attributes (for
 * hydrating an interactive chart), pointer-events on hit areas, the hover-only classes and their style
 * rules, and the font family repeated on every text (set once on the root, which each text inherits).
 * Half the size or less: a dashboard inlines a dozen charts twice over (HTML and the page's payload).
 * Only attribute patterns ECharts writes are removed: in text content a quote is always escaped.
 */
export function compactSvg(svg: string): string {
  let out = svg
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, "")
    .replace(/ pointer-events="visible"/g, "")
    // Hit areas that draw nothing: a path with no fill and no stroke, or a transparent box with no stroke width.
    .replace(/<path d="[^"]*"(?: transform="[^"]*")? fill="none"><\/path>\n?/g, "")
    .replace(/<path d="[^"]*"(?: transform="[^"]*")? fill="rgb\(0,0,0\)" fill-opacity="0" stroke="#[0-9a-fA-F]{3,6}" stroke-width="0"><\/path>\n?/g, "");
  // The style block: removed with its classes only when every rule in it is a hover rule.
  const style = /<style\s*><!\[CDATA\[([\s\S]*?)\]\]>\s*<\/style>/.exec(out);
  const rules = style ? style[1].trim().split("}").map((r) => r.trim()).filter(Boolean) : [];
  if (style && rules.every((r) => /^\.zr\d+-cls-\d+:hover\s*\{\s*pointer-events:\s*none;?\s*$/.test(r))) {
    out = out.replace(style[0], "").replace(/ class="zr\d+-cls-\d+"/g, "");
  }
  const family = `font-family:${FONT_FAMILY};`;
  if (out.startsWith("<svg ") && out.includes(family)) {
    out = `<svg font-family="${escapeAttribute(FONT_FAMILY)}" ${out.slice("<svg ".length).split(family).join("")}`;
  }
  return out;
}

/** `as.compact: false` (tests only): ECharts' SVG as it comes, to compare with the compact one. */
export function renderBarChart(opts: BarChartOptions, as: { compact?: boolean } = {}): string {
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
  const fontSize = opts.fontSize ?? 13;
  const labelWidth = opts.labelWidth ?? MAX_LABEL_WIDTH;
  const colours = series.map((s, i) => s.color ?? DEFAULT_SERIES_COLOURS[i % DEFAULT_SERIES_COLOURS.length]);
  const anyHidden = series.some((s) => s.values.some((v) => v === null));
  // A hidden figure's mark has a nominal length (about 6% of the largest bar), so that two hidden
  // figures stacked in one bar sit side by side instead of on top of each other. It stands for no number.
  const largest = Math.max(1, ...categories.map((_, i) => (stacked ? series.reduce((a, s) => a + (s.values[i] ?? 0), 0) : Math.max(0, ...series.map((s) => s.values[i] ?? 0)))));
  const nominal = largest * 0.06;
  const legendNames = [...(series.length > 1 ? series.map((s) => s.name) : []), ...(anyHidden ? [NOT_SHOWN_LEGEND] : [])];
  const showLegend = legendNames.length > 0;
  // The legend wraps onto further rows on a narrow chart: estimate them to leave room.
  // On a narrow chart one legend item per row (ECharts wraps them unpredictably otherwise).
  const verticalLegend = width < 400;
  const legendWidth = legendNames.reduce((a, n) => a + 14 + 5 + n.length * fontSize * CHAR_WIDTH_EM + 10, 0);
  const legendRows = !showLegend ? 0 : verticalLegend ? legendNames.length : Math.ceil(legendWidth / (width - 8));
  const lineHeight = Math.ceil(fontSize * 1.25);
  const titleHeight = Math.ceil((opts.titleSize ?? 16) * 1.25) + 6;
  const legendTop = titleHeight + 4;
  const plotTop = legendTop + legendRows * (lineHeight + 6) + 8;
  const height = horizontal ? horizontalHeight(opts, fontSize, labelWidth, legendRows) : (opts.height ?? DEFAULT_HEIGHT) + Math.max(0, legendRows - 1) * (lineHeight + 6);
  assertPositiveSize("width", width);
  assertPositiveSize("height", height);

  const textStyle = { fontFamily: FONT_FAMILY, color: TEXT_COLOUR, fontSize };

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
      // Long names wrap onto more lines (the chart grows to fit them); they are never cut short.
      width: horizontal ? labelWidth : undefined,
      overflow: horizontal ? ("break" as const) : undefined,
      lineHeight,
      rotate: !horizontal && (categories.length > 6 || categories.length * 8 * fontSize * CHAR_WIDTH_EM > width) ? 40 : 0,
    },
  };
  const valueAxis = {
    type: "value" as const,
    // Counts (and whole £k): never a tick at 1.5 decisions.
    minInterval: 1,
    // Room past the longest bar for a hatched mark stacked at its end.
    ...(anyHidden ? { max: (v: { max: number }) => Math.max(1, Math.ceil(v.max * 1.15 + 1)) } : {}),
    // On a narrow horizontal chart the value axis is about 150 px long: three or four ticks, and a label
    // that would touch its neighbour is left out (its gridline stays), never run together ("100150200").
    ...(horizontal && width < 400 ? { splitNumber: 3 } : {}),
    axisLabel: { ...textStyle, hideOverlap: true },
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
      color: [...colours, TEXT_COLOUR],
      title: {
        text: title,
        left: 0,
        top: 0,
        textStyle: { ...textStyle, fontSize: opts.titleSize ?? 16, fontWeight: "bold", width: width - 8, overflow: "break" as const },
      },
      legend: showLegend
        ? {
            top: legendTop,
            left: 0,
            width: width - 8,
            orient: verticalLegend ? ("vertical" as const) : ("horizontal" as const),
            itemGap: verticalLegend ? 6 : 10,
            data: legendNames,
            selectedMode: false,
            textStyle,
            itemWidth: 14,
            itemHeight: 14,
          }
        : undefined,
      grid: {
        left: 16,
        right: 32,
        top: plotTop,
        bottom: 8,
        containLabel: true,
      },
      xAxis: horizontal ? valueAxis : categoryAxis,
      yAxis: horizontal ? categoryAxis : valueAxis,
      series: [
        ...series.map((s, si) => ({
        type: "bar" as const,
        name: s.name,
        // A nought draws nothing; a hidden figure draws a short hatched mark (barMinHeight), never a nought.
        data: s.values.map((v) => (v === null ? { value: nominal, itemStyle: hatch(colours[si]), label: { show: false } } : v === 0 ? "-" : v)),
        barMinHeight: anyHidden ? NOT_SHOWN_MARK : 0,
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
        // An empty series whose legend entry explains the hatched mark.
        ...(anyHidden ? [{ type: "bar" as const, name: NOT_SHOWN_LEGEND, data: [], itemStyle: hatch(TEXT_COLOUR), silent: true }] : []),
      ],
    });
    const svg = chart.renderToSVGString();
    if (!svg.startsWith("<svg ")) throw new Error("ECharts did not return an SVG document");
    // ECharts sets role/aria-label only on a live DOM node, so add them here.
    const labelled = `<svg role="img" aria-label="${escapeAttribute(ariaLabel)}" ${svg.slice("<svg ".length)}`;
    return uniqueIds(as.compact === false ? labelled : compactSvg(labelled));
  } finally {
    chart.dispose();
  }
}

/** The wide and the narrow rendering of one chart (CHART_LAYOUTS); the page shows the one that fits. */
export function renderChartPair(opts: Omit<BarChartOptions, "width" | "fontSize" | "titleSize" | "labelWidth">): Record<ChartLayout, string> {
  // A chart is a pure function of its options (titles, labels, figures): the same dashboard opened
  // again, by anyone, until a figure changes, draws the same SVG. ECharts takes tens of milliseconds a
  // chart, most of a dashboard's own time, so the last few hundred drawn are kept (keyed by the whole
  // input, so a changed figure or label is simply a new entry: never stale).
  return chartMemo.get(JSON.stringify(opts), () => {
    const render = (layout: ChartLayout) => {
      const l = CHART_LAYOUTS[layout];
      return renderBarChart({ ...opts, width: l.width, fontSize: l.fontSize, titleSize: l.titleSize, labelWidth: l.labelWidth, height: opts.horizontal ? opts.height : Math.round(l.width * 0.62) });
    };
    return { wide: render("wide"), narrow: render("narrow") };
  });
}

/** A least-recently-used memo of at most `size` values by key (exported for its unit test). */
export function lruMemo<V>(size: number) {
  const kept = new Map<string, V>();
  return {
    get(key: string, make: () => V): V {
      const hit = kept.get(key);
      if (hit !== undefined) {
        kept.delete(key);
        kept.set(key, hit);
        return hit;
      }
      const v = make();
      kept.set(key, v);
      if (kept.size > size) kept.delete(kept.keys().next().value!);
      return v;
    },
    get size() {
      return kept.size;
    },
  };
}

/** The last 300 chart pairs drawn: a few MB at most. */
const chartMemo = lruMemo<Record<ChartLayout, string>>(300);
