// Stacked bar charts drawn as inline SVG: one bar per period, one segment per group key.

import { s } from "./dom.js";

// Okabe–Ito colours (distinguishable with the common colour-vision deficiencies), then grey for the rest.
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#332288"];
export const OTHER = "(other)";
export const OTHER_COLOUR = "#8c959f";
const HEIGHT = 340;
const MARGIN = { left: 46, right: 30, top: 30, bottom: 46 };

function niceMax(value) {
  if (value <= 5) return Math.max(1, value);
  const step = 10 ** Math.floor(Math.log10(value));
  return Math.ceil(value / step) * step;
}

/**
 * buckets: [{period, key, count, first_seen, spike}] (keys already folded into the shown series);
 * keys: the series in stacking order; colours: key -> colour; label: key -> readable text.
 */
export function stackedBars({ buckets, keys, colours, label, width, title, description }) {
  const periods = [...new Set(buckets.map((b) => b.period))].sort();
  const byPeriod = new Map(periods.map((p) => [p, []]));
  for (const bucket of buckets) byPeriod.get(bucket.period).push(bucket);
  const totals = periods.map((p) => byPeriod.get(p).reduce((sum, b) => sum + b.count, 0));
  const top = niceMax(Math.max(0, ...totals));
  const W = Math.max(320, Math.round(width));
  const plotW = W - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = periods.length ? plotW / periods.length : plotW;
  const barW = Math.max(2, Math.min(48, slot * 0.72));
  const y = (value) => MARGIN.top + plotH - (value / top) * plotH;
  const svg = s("svg", {
    class: "chart", id: "trend-chart", viewBox: `0 0 ${W} ${HEIGHT}`, width: W, height: HEIGHT,
    role: "img", "aria-labelledby": "chart-title chart-desc",
  }, s("title", { id: "chart-title" }, title), s("desc", { id: "chart-desc" }, description));
  for (const tick of [0, top / 2, top]) {
    svg.append(s("line", { class: tick ? "grid" : "axis", x1: MARGIN.left, x2: W - MARGIN.right, y1: y(tick), y2: y(tick) }),
      s("text", { x: MARGIN.left - 6, y: y(tick) + 4, "text-anchor": "end" }, Number.isInteger(tick) ? tick : tick.toFixed(1)));
  }
  const every = Math.max(1, Math.ceil(periods.length / Math.max(1, Math.floor(plotW / 64))));
  periods.forEach((period, index) => {
    const x = MARGIN.left + index * slot + (slot - barW) / 2;
    let base = 0;
    const inPeriod = byPeriod.get(period);
    for (const key of keys) {
      const bucket = inPeriod.find((b) => b.key === key);
      if (!bucket || !bucket.count) continue;
      const y0 = y(base + bucket.count);
      svg.append(s("rect", {
        class: "bar", x: x.toFixed(2), y: y0.toFixed(2), width: barW.toFixed(2), height: (y(base) - y0).toFixed(2),
        fill: colours.get(key) || OTHER_COLOUR, dataset: { period, key, count: String(bucket.count) },
      }, s("title", null, `${period} · ${label(key)}: ${bucket.count}`)));
      base += bucket.count;
    }
    const centre = x + barW / 2;
    const firstSeen = inPeriod.filter((b) => b.first_seen).map((b) => b.key);
    const spikes = inPeriod.filter((b) => b.spike).map((b) => b.key);
    if (firstSeen.length) {
      svg.append(s("circle", { class: "marker-first-seen", cx: centre, cy: y(base) - 7, r: 4, dataset: { period, keys: firstSeen.join(" ") } },
        s("title", null, `${period}: first seen: ${firstSeen.map(label).join(", ")}`)));
    }
    if (spikes.length) {
      const tipY = y(base) - (firstSeen.length ? 22 : 14);
      svg.append(s("path", { class: "marker-spike", d: `M${centre - 5},${tipY + 8} L${centre + 5},${tipY + 8} L${centre},${tipY} Z`, dataset: { period, keys: spikes.join(" ") } },
        s("title", null, `${period}: spike: ${spikes.map(label).join(", ")}`)));
    }
    if (index % every === 0) {
      svg.append(s("text", { x: centre, y: HEIGHT - MARGIN.bottom + 16, "text-anchor": "middle" }, period));
    }
  });
  svg.append(s("line", { class: "axis", x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: MARGIN.top + plotH }));
  return svg;
}

export function swatch(colour) {
  return s("svg", { width: 14, height: 14, "aria-hidden": "true", focusable: "false" }, s("rect", { width: 14, height: 14, rx: 2, fill: colour }));
}

export function markerKey() {
  return [
    s("svg", { width: 12, height: 12, "aria-hidden": "true" }, s("circle", { class: "marker-first-seen", cx: 6, cy: 6, r: 4, fill: "#6f42c1" })),
    s("svg", { width: 12, height: 12, "aria-hidden": "true" }, s("path", { d: "M1,11 L11,11 L6,2 Z", fill: "#cf222e" })),
  ];
}
