// Where the reader is: the location's hash (#/section/arg?params), and the status line.

/** The current route: section, path argument and parameters. */
export function route() {
  const hash = location.hash.replace(/^#\/?/, "");
  const cut = hash.indexOf("?");
  const path = cut < 0 ? hash : hash.slice(0, cut);
  const query = cut < 0 ? "" : hash.slice(cut + 1);
  const [section, ...rest] = path.split("/");
  return { section: section || "search", arg: decodeURIComponent(rest.join("/")), params: new URLSearchParams(query) };
}

export function link(section, params, arg) {
  const query = params ? new URLSearchParams(params).toString() : "";
  return `#/${section}${arg ? `/${encodeURIComponent(arg)}` : ""}${query ? `?${query}` : ""}`;
}

export function go(section, params, arg) {
  location.hash = link(section, params, arg);
}

export function status(message) {
  document.getElementById("status").textContent = message || "";
}
