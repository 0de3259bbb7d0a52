// The search page: query, filters, facets to click, highlighted results, cursor paging, sort, export.

import { api } from "./api.js";
import { download, formatDate, h, highlight, labelled } from "./dom.js";
import { activeFilters, apiFilters, FILTERS, filterFieldset, paramsOfForm } from "./filters.js";
import { go, link, status } from "./nav.js";
import { bundleOf, dateOf, extension, nameOf, regionName, tlpClass, tlpOf } from "./stix.js";

const PAGE_SIZE = 20;
const EXPORT_PAGE = 200;
const EXPORT_MAX = 2000;
const FACET_VALUES = 12;
const SORTS = [
  ["relevance", "Relevance (newest without a query)"],
  ["-date", "Date, newest first"],
  ["date", "Date, oldest first"],
  ["-modified", "Last changed, newest first"],
  ["modified", "Last changed, oldest first"],
];
const FACET_LABELS = {
  type: "Type", category: "Crime category", tag: "Tag", technique: "ATT&CK technique",
  country: "Country", region: "Region", sector: "Sector", tlp: "TLP", cluster: "MO cluster",
};

function searchParams(params) {
  return { q: params.get("q") || "", sort: params.get("sort") || "relevance", ...apiFilters(params) };
}

function queryForm(params) {
  const form = h("form", { class: "query", role: "search", "aria-label": "Search objects" },
    h("div", { class: "row" },
      h("div", { class: "grow" }, labelled("Words to find", h("input", {
        id: "q", name: "q", type: "search", value: params.get("q") || "", autocomplete: "off",
        placeholder: "e.g. parcel smishing  (press / to come back here)",
      }))),
      labelled("Sort", h("select", { id: "sort", name: "sort" },
        SORTS.map(([value, label]) => h("option", { value, selected: value === (params.get("sort") || "relevance") }, label)))),
      h("button", { type: "submit" }, "Search")),
    h("details", { open: FILTERS.some((f) => params.get(f.name)) || undefined },
      h("summary", null, "Filters"), filterFieldset(params, "search")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    go("search", paramsOfForm(form, params, ["q", "sort", ...FILTERS.map((f) => f.name)]));
  });
  return form;
}

function facetList(facets, params) {
  const groups = Object.entries(facets || {}).filter(([, counts]) => Object.keys(counts).length);
  if (!groups.length) return h("p", { class: "muted" }, "No facets.");
  return groups.map(([field, counts]) => {
    const values = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, FACET_VALUES);
    const label = FACET_LABELS[field] || field;
    return h("section", { class: "facet", "aria-label": `${label} counts` },
      h("h3", null, label),
      h("ul", null, values.map(([value, count]) => {
        const next = new URLSearchParams(params);
        next.set(field, value);
        next.delete("cursor");
        return h("li", null, h("button", {
          type: "button", class: "facet-value", dataset: { field, value, count: String(count) },
          "aria-label": `Filter by ${label} ${value} (${count})`, onclick: () => go("search", next),
        }, h("span", null, field === "region" ? regionName(value) : value), h("span", { class: "count" }, String(count))));
      })));
  });
}

function resultItem(obj, fragments) {
  const ext = extension(obj);
  const tlp = tlpOf(obj);
  const snippet = fragments && fragments.length
    ? h("p", { class: "snippet" }, fragments.map((f, i) => [i ? " … " : "", highlight(f)]))
    : typeof obj.description === "string" && obj.description
      ? h("p", { class: "snippet" }, obj.description.length > 260 ? `${obj.description.slice(0, 260)}…` : obj.description)
      : null;
  return h("li", { class: "result", dataset: { id: obj.id } },
    h("h3", null, h("a", { href: link("object", null, obj.id) }, nameOf(obj))),
    h("div", { class: "meta" },
      h("span", { class: "type" }, obj.type),
      tlp ? h("span", { class: tlpClass(tlp) }, `TLP:${tlp.toUpperCase()}`) : null,
      dateOf(obj) ? h("span", null, formatDate(dateOf(obj))) : null,
      ext.crime_category ? h("span", null, ext.crime_category) : null,
      ext.country ? h("span", null, ext.country) : null),
    snippet);
}

async function exportResults(params, button) {
  button.disabled = true;
  const objects = [];
  let cursor = null;
  try {
    do {
      const page = await api.search({ ...searchParams(params), limit: EXPORT_PAGE, facets: "", cursor });
      objects.push(...page.results);
      cursor = page.next;
      status(`Exporting… ${objects.length} objects`);
    } while (cursor && objects.length < EXPORT_MAX);
    download(`crimefeed-results-${new Date().toISOString().slice(0, 10)}.json`, bundleOf(objects));
    status(`Exported ${objects.length} objects as a STIX bundle${cursor ? ` (the first ${EXPORT_MAX})` : ""}.`);
  } finally {
    button.disabled = false;
  }
}

export async function renderSearch(view, { params }) {
  const started = performance.now();
  view.append(h("h2", null, "Search"), queryForm(params));
  const chips = activeFilters(params, (name) => {
    const next = new URLSearchParams(params);
    next.delete(name);
    next.delete("cursor");
    go("search", next);
  });
  if (chips) view.append(chips);
  const answer = await api.search({ ...searchParams(params), limit: PAGE_SIZE, cursor: params.get("cursor") });
  const exportButton = h("button", { type: "button", id: "export" }, "Export result set (STIX bundle)");
  exportButton.addEventListener("click", () => exportResults(params, exportButton));
  const results = h("ol", { class: "results", "aria-label": "Results" },
    answer.results.map((obj) => resultItem(obj, answer.highlights?.[obj.id])));
  const pager = h("nav", { class: "pager", "aria-label": "Pages" });
  if (params.get("cursor")) {
    const first = new URLSearchParams(params);
    first.delete("cursor");
    pager.append(h("a", { href: link("search", first) }, "First page"),
      h("button", { type: "button", onclick: () => history.back() }, "Previous page"));
  }
  if (answer.next) {
    const next = new URLSearchParams(params);
    next.set("cursor", answer.next);
    pager.append(h("a", { href: link("search", next), id: "next-page", rel: "next" }, "Next page"));
  }
  view.append(h("div", { class: "layout" },
    h("aside", { class: "facets", "aria-label": "Facets" }, facetList(answer.facets, params)),
    h("section", { "aria-label": "Results" },
      h("div", { class: "summary" },
        h("p", { id: "total", "aria-live": "polite" }, `${answer.total} result${answer.total === 1 ? "" : "s"}`),
        answer.total ? exportButton : null),
      answer.results.length ? results : h("p", { class: "muted" }, "Nothing you may read matches."),
      pager)));
  view.dataset.loadMs = String(Math.round(performance.now() - started));
}
