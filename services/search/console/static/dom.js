// DOM building without HTML parsing: partner content only ever becomes text nodes.

const SVG_NS = "http://www.w3.org/2000/svg";

function setAttributes(el, attrs) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") el.addEventListener(name.slice(2), value);
    else if (name === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(name === "className" ? "class" : name, value === true ? "" : String(value));
  }
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** h("a", {href: "#/x"}, "text", otherNode): an HTML element; strings become text nodes. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttributes(el, attrs);
  return append(el, children);
}

/** The same for SVG elements. */
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttributes(el, attrs);
  return append(el, children);
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Character references back to characters (as text, never parsed as markup). */
export function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/** A search highlight: only <mark>...</mark> is markup; the rest is text (escaped by the API). */
export function highlight(fragment) {
  const parts = String(fragment).split(/<mark>([\s\S]*?)<\/mark>/);
  return parts.map((part, index) =>
    index % 2 ? h("mark", null, decodeEntities(part)) : document.createTextNode(decodeEntities(part)));
}

export function clear(el) {
  while (el.firstChild) el.firstChild.remove();
  return el;
}

export function labelled(label, control, hint) {
  return h("label", { class: "field" }, h("span", null, label), control, hint ? h("span", { class: "muted" }, hint) : null);
}

export function formatDate(value) {
  if (typeof value !== "string" || value.length < 10) return "";
  return value.slice(0, 10);
}

/** Save a JSON value as a file through a Blob (no server round trip, no URL with content). */
export function download(filename, value) {
  const blob = new Blob([JSON.stringify(value, null, 2)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
