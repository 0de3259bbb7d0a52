// Entry point: sign-in, sign-out and the hash router (#/search, #/object/<id>, #/trends).

import { ApiError, get, session } from "./api.js";
import { clear, h } from "./dom.js";
import { renderObject } from "./object.js";
import { renderSearch } from "./search.js";
import { route, status } from "./nav.js";
import { loadReference } from "./stix.js";
import { renderTrends } from "./trends.js";

const $ = (id) => document.getElementById(id);
const REJECTED = "This key was not accepted: it is wrong, or it has been revoked. Check it with your crimefeed administrator.";
const EXPIRED = "Your key is no longer accepted (it may have been revoked). Sign in again.";

function showSignIn(message) {
  $("nav").hidden = true;
  clear($("view"));
  $("sign-in").hidden = false;
  $("sign-in-error").textContent = message || "";
  $("key").value = "";
  $("key").focus();
}

async function signIn(event) {
  event.preventDefault();
  const key = $("key").value.trim();
  if (!key) return;
  try {
    // Any authenticated call tells a good key from a bad one; ask for nothing to count.
    await get("/api/v1/search", { limit: 1, facets: "" }, key);
  } catch (error) {
    $("sign-in-error").textContent = error instanceof ApiError && error.status === 401
      ? REJECTED : `The search service did not answer as expected (${error.message}).`;
    $("key").select();
    return;
  }
  session.signIn(key);
  $("sign-in").hidden = true;
  $("sign-in-error").textContent = "";
  status("");
  await render();
}

function signOut() {
  session.signOut();
  status("Signed out.");
  showSignIn("");
}

async function render() {
  if (!session.key()) {
    showSignIn($("sign-in-error").textContent);
    return;
  }
  $("sign-in").hidden = true;
  $("nav").hidden = false;
  const current = route();
  for (const link of document.querySelectorAll("#nav a")) {
    if (link.dataset.section === current.section) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const view = clear($("view"));
  delete view.dataset.ready;
  const renderers = { search: renderSearch, object: renderObject, trends: renderTrends };
  const renderer = renderers[current.section] || renderSearch;
  view.setAttribute("aria-busy", "true");
  try {
    await renderer(view, current);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    // Keep what was drawn (the query form, to correct a filter the API refused) and say why.
    if (!view.querySelector("h2")) view.append(h("h2", null, "This page cannot be shown"));
    view.append(h("p", { class: "error", role: "alert" }, error instanceof ApiError ? error.message : String(error)));
  } finally {
    view.removeAttribute("aria-busy");
  }
  const heading = view.querySelector("h2");
  if (heading && document.activeElement === document.body) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }
  document.title = `${heading ? heading.textContent : "crimefeed"} · crimefeed console`;
  // Tests and scripts wait on these (the page drawn for this very address) rather than on time.
  view.dataset.hash = location.hash;
  view.dataset.ready = current.section;
}

window.addEventListener("console:unauthorized", () => {
  session.signOut();
  showSignIn(EXPIRED);
});
window.addEventListener("hashchange", () => render());
document.addEventListener("keydown", (event) => {
  // "/" jumps to the query box, as in most search tools.
  const typing = ["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement?.tagName);
  if (event.key === "/" && !typing) {
    const box = document.getElementById("q");
    if (box) {
      event.preventDefault();
      box.focus();
    }
  }
});

$("sign-in-form").addEventListener("submit", signIn);
$("sign-out").addEventListener("click", signOut);
loadReference().finally(render);
