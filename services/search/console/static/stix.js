// Reading STIX objects for display: names, TLP, crimefeed's extension, bundles for export.

const EXTENSION_PREFIX = "extension-definition--";
let markings = {};
let regions = {};

/** Load what labels the API's values: TLP marking-definition ids, M49 region names. */
export async function loadReference() {
  const response = await fetch("reference.json", { cache: "no-cache" });
  if (response.ok) ({ markings, regions } = await response.json());
}

/** "155" -> "Western Europe (155)"; a region-ov term or unknown code as it is. */
export function regionName(code) {
  return regions[code] ? `${regions[code]} (${code})` : code;
}

/** crimefeed's property extension of an object (the one carrying tlp, country, tags...). */
export function extension(obj) {
  const blocks = obj && typeof obj.extensions === "object" && obj.extensions ? obj.extensions : {};
  for (const [id, block] of Object.entries(blocks)) {
    if (id.startsWith(EXTENSION_PREFIX) && block && typeof block === "object" && "tlp" in block) return block;
  }
  return {};
}

const ORDER = ["clear", "green", "amber", "amber+strict", "red"];

/** The TLP to show: the stricter of the marking and the extension's tlp (what the API enforces). */
export function tlpOf(obj) {
  const levels = [];
  for (const ref of Array.isArray(obj.object_marking_refs) ? obj.object_marking_refs : []) {
    if (markings[ref]) levels.push(markings[ref]);
  }
  const declared = extension(obj).tlp;
  if (typeof declared === "string" && ORDER.includes(declared)) levels.push(declared);
  if (!levels.length) return null;
  return levels.reduce((a, b) => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b));
}

export function tlpClass(level) {
  return `tlp tlp-${String(level).replace("+", "-")}`;
}

export function nameOf(obj) {
  for (const field of ["name", "value", "pattern", "path"]) {
    if (typeof obj[field] === "string" && obj[field]) return obj[field];
  }
  if (obj.type === "sighting") return `Sighting of ${obj.sighting_of_ref || "?"}`;
  if (obj.type === "relationship") return `${obj.source_ref} ${obj.relationship_type} ${obj.target_ref}`;
  return obj.id;
}

export function dateOf(obj) {
  return obj.first_seen || obj.published || obj.valid_from || obj.created || "";
}

function uuid4() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A STIX 2.1 bundle of the given objects, each once (by id and version). */
export function bundleOf(objects) {
  const seen = new Set();
  const unique = [];
  for (const obj of objects) {
    const key = `${obj.id}|${obj.modified || obj.created || ""}`;
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(obj);
    }
  }
  return { type: "bundle", id: `bundle--${uuid4()}`, objects: unique };
}
