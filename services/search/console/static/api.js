// The REST API with the reader's key: the console shows what the API returns for that key, nothing more.

const KEY = "crimefeed.console.key";

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** Query parameters as the API takes them: arrays repeat the parameter, blanks are dropped. */
export function queryString(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null && String(item).trim() !== "") search.append(name, String(item));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/**
 * GET an API path with the session's key (or the given one, when signing in); ApiError if not 2xx.
 * A 401 with the session's key means it was revoked meanwhile: the reader is signed out.
 */
export async function get(path, params = {}, candidate = null) {
  const key = candidate || session.key();
  const response = await fetch(`${path}${queryString(params)}`, {
    headers: { Authorization: `Bearer ${key || ""}`, Accept: "application/json" },
    cache: "no-store",
    credentials: "omit",
  });
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    const detail = body && typeof body.detail === "string" ? body.detail : `HTTP ${response.status}`;
    if (response.status === 401 && !candidate) window.dispatchEvent(new CustomEvent("console:unauthorized"));
    throw new ApiError(response.status, detail);
  }
  return body;
}

export const api = {
  search: (params) => get("/api/v1/search", params),
  trends: (params) => get("/api/v1/trends", params),
  object: (id, params = {}) => get(`/api/v1/objects/${encodeURIComponent(id)}`, params),
};
