// newsfuse web UI: a hash router over the pages; every page reads the HTTP API (/api).
import { add, el, empty } from "./dom.js";
import { articlePage } from "./article.js";
import { briefPage, eventPage, storylinePage, storylinesPage } from "./story.js";
import {
  articlesPage, claimsPage, copiesPage, entitiesPage, quotesPage, runsPage, statementsPage,
  timelinePage,
} from "./lists.js";

const routes = [
  [/^\/?$/, storylinesPage],
  [/^\/storyline\/([^/]+)$/, storylinePage],
  [/^\/event\/([^/]+)$/, eventPage],
  [/^\/brief\/(event|storyline)\/([^/]+)$/, briefPage],
  [/^\/article\/([^/]+)$/, articlePage],
  [/^\/articles$/, articlesPage],
  [/^\/claims$/, claimsPage],
  [/^\/statements$/, statementsPage],
  [/^\/quotes$/, quotesPage],
  [/^\/timeline$/, timelinePage],
  [/^\/entities$/, entitiesPage],
  [/^\/copies$/, copiesPage],
  [/^\/runs$/, runsPage],
];

const main = document.getElementById("main");
let current = 0; // a newer navigation discards the result of an older, slower one

/** Parse "#/path?query" into the path and its parameters. */
function location_() {
  const hash = window.location.hash.replace(/^#/, "") || "/";
  const [path, query] = hash.split("?", 2);
  return { path, params: new URLSearchParams(query || "") };
}

async function render() {
  const token = ++current;
  const { path, params } = location_();
  main.setAttribute("aria-busy", "true");
  main.replaceChildren();
  let content;
  let title = "newsfuse";
  try {
    const found = routes.find(([pattern]) => pattern.test(path));
    if (!found) {
      content = [el("h1", null, "Page not found"), empty(`Nothing at #${path}.`)];
    } else {
      const args = path.match(found[0]).slice(1).map(decodeURIComponent);
      const page = await found[1](...args, params, () => render());
      content = page.content;
      title = page.title ? `${page.title} · newsfuse` : title;
    }
  } catch (error) {
    content = [el("h1", null, "Could not load this page"),
               el("p", { class: "error", role: "alert" }, String(error.message || error))];
  }
  if (token !== current) return;
  main.replaceChildren();
  add(main, content);
  document.title = title;
  main.setAttribute("aria-busy", "false");
  main.dataset.path = path;
  const mark = document.getElementById("cited");
  if (mark) mark.scrollIntoView({ block: "center" });
  else window.scrollTo(0, 0);
}

window.addEventListener("hashchange", render);
render();
