// The filters of the search API, shared by the search and trends pages (same names as the API's).

import { h, labelled } from "./dom.js";

export const TLP_LEVELS = ["clear", "green", "amber", "amber+strict", "red"];

export const FILTERS = [
  { name: "type", label: "Type", hint: "report, attack-pattern…" },
  { name: "category", label: "Crime category", hint: "e.g. fraud" },
  { name: "technique", label: "ATT&CK technique", hint: "e.g. T1660" },
  { name: "country", label: "Country", hint: "ISO code, e.g. NL" },
  { name: "region", label: "Region", hint: "UN M49 code, e.g. 155" },
  { name: "sector", label: "Sector", hint: "e.g. finance" },
  { name: "tag", label: "Tag", hint: 'e.g. rsit:fraud="phishing"' },
  { name: "tlp", label: "TLP", choices: TLP_LEVELS },
  { name: "date_from", label: "From (date)", input: "date" },
  { name: "date_to", label: "Until (date, excluded)", input: "date" },
];

/** Parameters that only appear when set from elsewhere (an object's MO cluster link). */
export const LINKED_FILTERS = [{ name: "cluster", label: "MO cluster" }];

export const FILTER_NAMES = [...FILTERS, ...LINKED_FILTERS].map((f) => f.name);

function control(filter, value, prefix) {
  const id = `${prefix}-${filter.name}`;
  if (filter.choices) {
    return h("select", { id, name: filter.name },
      h("option", { value: "" }, "any"),
      filter.choices.map((choice) => h("option", { value: choice, selected: choice === value }, choice.toUpperCase())));
  }
  return h("input", { id, name: filter.name, type: filter.input || "text", value: value || "", autocomplete: "off", spellcheck: "false" });
}

/** A fieldset with one labelled control per filter, filled from the route's parameters. */
export function filterFieldset(params, prefix, skip = []) {
  return h("fieldset", { class: "filters" },
    h("legend", null, "Filters (several values: separate with commas)"),
    FILTERS.filter((f) => !skip.includes(f.name)).map((f) => labelled(f.label, control(f, params.get(f.name), prefix), f.hint)));
}

/** The parameters a submitted form stands for (blank fields left out), keeping linked filters. */
export function paramsOfForm(form, params, names) {
  const next = new URLSearchParams();
  const data = new FormData(form);
  for (const name of names) {
    const value = String(data.get(name) ?? "").trim();
    if (value) next.set(name, value);
  }
  for (const { name } of LINKED_FILTERS) {
    if (params.get(name)) next.set(name, params.get(name));
  }
  return next;
}

/** Buttons that each remove one active filter. */
export function activeFilters(params, onRemove) {
  const active = [...FILTERS, ...LINKED_FILTERS].filter((f) => params.get(f.name));
  if (!active.length) return null;
  return h("ul", { class: "chips", "aria-label": "Active filters" },
    active.map((f) => h("li", null,
      h("button", { type: "button", "aria-label": `Remove filter ${f.label}: ${params.get(f.name)}`, onclick: () => onRemove(f.name) },
        `${f.label}: ${params.get(f.name)} ✕`))));
}

/** The API parameters of a route: the filters, each value list split on commas. */
export function apiFilters(params) {
  const result = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name);
    if (value) result[name] = value.split(",").map((v) => v.trim()).filter(Boolean);
  }
  return result;
}
