// The object page: TLP banner, readable fields, MO cluster, versions, related objects, raw STIX.

import { api } from "./api.js";
import { download, formatDate, h } from "./dom.js";
import { link, status } from "./nav.js";
import { bundleOf, extension, nameOf, tlpClass, tlpOf } from "./stix.js";

const HIDDEN = new Set(["type", "id", "spec_version", "extensions", "object_marking_refs", "name"]);
const STIX_ID = /^[a-z0-9][a-z0-9-]*--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function label(name) {
  const text = name.replace(/_refs?$/, (m) => (m === "_refs" ? " (links)" : " (link)")).replace(/_/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A value as readable nodes: ids become links, lists become lists, objects nested fields. */
function readable(value) {
  if (typeof value === "string") {
    return STIX_ID.test(value) ? h("a", { href: link("object", null, value) }, value) : value;
  }
  if (Array.isArray(value)) {
    if (!value.length) return "—";
    if (value.every((item) => typeof item !== "object" || item === null) && !value.some((v) => STIX_ID.test(String(v)))) {
      return value.join(", ");
    }
    return h("ul", null, value.map((item) => h("li", null, readable(item))));
  }
  if (value && typeof value === "object") return Object.keys(value).length ? fields(value) : "—";
  return String(value);
}

function fields(obj, skip = new Set()) {
  const entries = Object.entries(obj).filter(([name]) => !skip.has(name));
  return h("dl", { class: "fields" }, entries.map(([name, value]) => [h("dt", null, label(name)), h("dd", null, readable(value))]));
}

function tlpBanner(level) {
  const text = level ? `TLP:${level.toUpperCase()}` : "TLP: not marked";
  return h("p", { class: `${tlpClass(level || "amber")} tlp-banner`, id: "tlp-banner", role: "note", "aria-label": `Traffic Light Protocol ${text.slice(4)}` }, text);
}

function clusterPanel(answer) {
  // Shown when the API gives the object's MO cluster (enrichment's mo_cluster.canonical_ref).
  const cluster = answer.cluster || extension(answer.object).mo_cluster?.canonical_ref;
  if (!cluster) return null;
  const members = Array.isArray(answer.cluster_members) ? answer.cluster_members : [];
  return h("section", { class: "panel", id: "cluster", "aria-labelledby": "cluster-title" },
    h("h3", { id: "cluster-title" }, "MO cluster"),
    h("p", null, "Canonical: ", h("a", { href: link("object", null, cluster) }, cluster)),
    h("p", null, h("a", { href: link("search", { cluster }) }, "Everything in this cluster"), " · ",
      h("a", { href: link("trends", { group_by: "mo", cluster }) }, "Its trend")),
    members.length ? h("ul", { id: "cluster-members", "aria-label": "Other members you may read" },
      members.map((m) => h("li", { dataset: { id: m.id } }, h("a", { href: link("object", null, m.id) }, nameOf(m))))) : null);
}

function versionsPanel(answer, shown) {
  const versions = answer.versions || [];
  return h("section", { class: "panel", "aria-labelledby": "versions-title" },
    h("h3", { id: "versions-title" }, `Versions (${versions.length})`),
    h("ol", { id: "versions" }, versions.map((v) => {
      const version = v.modified || v.created || "";
      const text = version.replace("T", " ").replace("Z", " UTC");
      return h("li", null, version === (shown.modified || shown.created)
        ? h("strong", { "aria-current": "true" }, text)
        : h("a", { href: link("object", { version }, shown.id) }, text));
    })));
}

function relatedPanel(related) {
  const byType = new Map();
  for (const obj of related) byType.set(obj.type, [...(byType.get(obj.type) || []), obj]);
  return h("section", { class: "panel", "aria-labelledby": "related-title" },
    h("h3", { id: "related-title" }, `Related objects (${related.length})`),
    related.length ? [...byType.entries()].sort().map(([type, objs]) => h("details", { open: type !== "relationship" || undefined },
      h("summary", null, `${type} (${objs.length})`),
      h("ul", null, objs.map((o) => h("li", null, h("a", { href: link("object", null, o.id) }, nameOf(o))))))) : h("p", { class: "muted" }, "None you may read."));
}

function rawPanel(obj, related) {
  const json = JSON.stringify(obj, null, 2);
  const copy = h("button", { type: "button" }, "Copy STIX");
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(json);
      status("The object's STIX is on the clipboard.");
    } catch {
      status("The browser refused the clipboard: select the text below and copy it.");
    }
  });
  const save = h("button", { type: "button", id: "export-object" }, "Export with related objects (STIX bundle)");
  save.addEventListener("click", () => download(`${obj.id}.json`, bundleOf([obj, ...related])));
  return h("section", { "aria-labelledby": "raw-title" },
    h("h3", { id: "raw-title" }, "Raw STIX"),
    h("div", { class: "actions" }, copy, save),
    h("pre", { class: "raw", id: "raw", tabindex: "0", "aria-label": "The object as STIX 2.1 JSON" }, json));
}

export async function renderObject(view, { arg, params }) {
  const answer = await api.object(arg, { version: "all" });
  const wanted = params.get("version");
  const shown = (wanted && answer.versions.find((v) => (v.modified || v.created) === wanted)) || answer.object;
  const ext = extension(shown);
  const tlp = tlpOf(shown);
  const related = answer.related || [];
  view.append(
    tlpBanner(tlp),
    h("h2", { id: "object-title" }, nameOf(shown)),
    h("p", { class: "meta" }, h("span", { class: "type" }, shown.type), h("span", null, shown.id),
      shown.modified ? h("span", null, `changed ${formatDate(shown.modified)}`) : null),
    h("div", { class: "object-grid" },
      h("div", null,
        h("section", { "aria-labelledby": "fields-title" }, h("h3", { id: "fields-title" }, "Fields"), fields(shown, HIDDEN)),
        Object.keys(ext).length ? h("section", { "aria-labelledby": "ext-title" },
          h("h3", { id: "ext-title" }, "crimefeed enrichment"), fields(ext, new Set(["extension_type"]))) : null,
        rawPanel(shown, related)),
      h("div", null, clusterPanel(answer), versionsPanel(answer, shown), relatedPanel(related))));
}
