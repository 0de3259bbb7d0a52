// The trends page: sightings per period stacked by group, first-seen and spike markers, a table by country.

import { api } from "./api.js";
import { h, labelled } from "./dom.js";
import { activeFilters, apiFilters, FILTERS, filterFieldset, paramsOfForm } from "./filters.js";
import { go } from "./nav.js";
import { markerKey, OTHER, OTHER_COLOUR, PALETTE, stackedBars, swatch } from "./chart.js";
import { nameOf, regionName } from "./stix.js";

const INTERVALS = [["week", "Week"], ["day", "Day"], ["month", "Month"]];
const GROUPS = [["category", "Crime category"], ["mo", "MO cluster"], ["country", "Country"], ["region", "Region"]];
const GROUP_PHRASES = { category: "crime category", mo: "MO cluster", country: "country", region: "region" };
const STIX_ID = /^[a-z0-9][a-z0-9-]*--[0-9a-f-]{36}$/;
const names = new Map();
const countryNames = typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames(["en"], { type: "region" }) : null;

function countryName(code) {
  try {
    return countryNames?.of(code) || code;
  } catch {
    return code;
  }
}

/** Readable names of MO keys (canonical reports or attack-patterns), read through the API like any object. */
async function resolveNames(keys) {
  const unknown = keys.filter((key) => STIX_ID.test(key) && !names.has(key));
  await Promise.all(unknown.map(async (key) => {
    try {
      names.set(key, nameOf((await api.object(key, { related: false })).object));
    } catch {
      names.set(key, key);
    }
  }));
}

function keyLabel(groupBy) {
  return (key) => {
    if (key === OTHER) return "other";
    if (groupBy === "country") return `${countryName(key)} (${key})`;
    if (groupBy === "region") return regionName(key);
    return names.get(key) || key;
  };
}

function trendForm(params) {
  const choose = (name, options, value) => h("select", { id: `trend-${name}`, name },
    options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)));
  const form = h("form", { class: "query", "aria-label": "Trend options" },
    h("div", { class: "row" },
      labelled("Per", choose("interval", INTERVALS, params.get("interval") || "week")),
      labelled("Grouped by", choose("group_by", GROUPS, params.get("group_by") || "category")),
      h("button", { type: "submit" }, "Show")),
    h("details", { open: FILTERS.some((f) => params.get(f.name)) || undefined },
      h("summary", null, "Filters"), filterFieldset(params, "trends", ["type"])));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go("trends", paramsOfForm(form, params, ["interval", "group_by", ...FILTERS.map((f) => f.name)]));
  });
  return form;
}

/** The top keys by total keep their own series; the rest are summed into one "other" series. */
function fold(buckets, shown) {
  const kept = new Set(shown);
  const other = new Map();
  const result = [];
  for (const b of buckets) {
    if (kept.has(b.key)) {
      result.push(b);
      continue;
    }
    const sum = other.get(b.period) || { period: b.period, key: OTHER, count: 0, first_seen: false, spike: false };
    sum.count += b.count;
    sum.first_seen ||= b.first_seen;
    sum.spike ||= b.spike;
    other.set(b.period, sum);
  }
  return [...result, ...other.values()];
}

function totalsByKey(buckets) {
  const totals = new Map();
  for (const b of buckets) totals.set(b.key, (totals.get(b.key) || 0) + b.count);
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function dataTable(buckets, label) {
  return h("details", null, h("summary", null, "The chart's data as a table"),
    h("div", { class: "table-wrap" }, h("table", { id: "trend-data" },
      h("caption", { class: "muted" }, "Sightings per period and group, as the API returned them"),
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "Period"), h("th", { scope: "col" }, "Group"),
        h("th", { scope: "col", class: "num" }, "Sightings"), h("th", { scope: "col" }, "Markers"))),
      h("tbody", null, buckets.map((b) => h("tr", null, h("td", null, b.period), h("td", null, label(b.key)),
        h("td", { class: "num" }, String(b.count)),
        h("td", null, [b.first_seen ? "first seen" : "", b.spike ? "spike" : ""].filter(Boolean).join(", "))))))));
}

function countryTable(buckets, params) {
  const rows = new Map();
  for (const b of buckets) {
    const row = rows.get(b.key) || { code: b.key, count: 0, spikes: 0, firstSeen: 0, last: "" };
    row.count += b.count;
    row.spikes += b.spike ? 1 : 0;
    row.firstSeen += b.first_seen ? 1 : 0;
    row.last = b.period > row.last ? b.period : row.last;
    rows.set(b.key, row);
  }
  const sorted = [...rows.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  return h("section", { "aria-labelledby": "countries-title" },
    h("h3", { id: "countries-title" }, "By country"),
    sorted.length ? h("div", { class: "table-wrap" }, h("table", { id: "country-table" },
      h("thead", null, h("tr", null, h("th", { scope: "col" }, "Country"), h("th", { scope: "col", class: "num" }, "Sightings"),
        h("th", { scope: "col", class: "num" }, "Periods with a spike"), h("th", { scope: "col", class: "num" }, "First-seen MOs"),
        h("th", { scope: "col" }, "Last period"))),
      h("tbody", null, sorted.map((row) => {
        const filtered = new URLSearchParams(params);
        filtered.set("country", row.code);
        return h("tr", { dataset: { country: row.code, count: String(row.count) } },
          h("th", { scope: "row" }, h("a", { href: `#/trends?${filtered}` }, `${countryName(row.code)} (${row.code})`)),
          h("td", { class: "num" }, String(row.count)), h("td", { class: "num" }, String(row.spikes)),
          h("td", { class: "num" }, String(row.firstSeen)), h("td", null, row.last));
      })))) : h("p", { class: "muted" }, "No sightings you may read."));
}

export async function renderTrends(view, { params }) {
  const started = performance.now();
  const interval = params.get("interval") || "week";
  const groupBy = params.get("group_by") || "category";
  const filters = apiFilters(params);
  delete filters.type;
  view.append(h("h2", null, "Trends"), trendForm(params));
  const chips = activeFilters(params, (name) => {
    const next = new URLSearchParams(params);
    next.delete(name);
    go("trends", next);
  });
  if (chips) view.append(chips);
  const [answer, byCountry] = await Promise.all([
    api.trends({ ...filters, interval, group_by: groupBy }),
    groupBy === "country" ? null : api.trends({ ...filters, interval, group_by: "country" }),
  ]);
  const buckets = answer.buckets;
  const ranked = totalsByKey(buckets);
  const shown = ranked.slice(0, PALETTE.length).map(([key]) => key);
  if (groupBy === "mo") await resolveNames(shown);
  const label = keyLabel(groupBy);
  const colours = new Map(shown.map((key, i) => [key, PALETTE[i]]));
  colours.set(OTHER, OTHER_COLOUR);
  const keys = ranked.length > shown.length ? [...shown, OTHER] : shown;
  const groupText = GROUP_PHRASES[groupBy] || groupBy;
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  const width = Math.min(view.clientWidth || 960, 1360);
  view.append(
    h("p", { id: "trend-total" }, `${total} sightings you may read, per ${interval}, by ${groupText}`,
      groupBy === "region" ? " (a sighting counts in each region its country belongs to: region, sub-region, intermediate region)." : "."),
    buckets.length ? stackedBars({
      buckets: fold(buckets, shown), keys, colours, label, width,
      title: `Sightings per ${interval} by ${groupText}`,
      description: `Stacked bars, one per ${interval}; ${keys.length} groups; a dot marks an MO seen for the first time, a triangle a spike.`,
    }) : h("p", { class: "muted" }, "No sightings you may read match."),
    h("ul", { class: "legend", "aria-label": "Legend" },
      keys.map((key) => h("li", null, swatch(colours.get(key)),
        `${label(key)} (${key === OTHER ? ranked.slice(shown.length).reduce((a, [, c]) => a + c, 0) : ranked.find(([k]) => k === key)[1]})`)),
      h("li", null, markerKey()[0], "MO first seen"), h("li", null, markerKey()[1], "spike")),
    dataTable(buckets, label),
    countryTable(byCountry ? byCountry.buckets : buckets, params));
  view.dataset.loadMs = String(Math.round(performance.now() - started));
}
