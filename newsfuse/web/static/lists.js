// List pages: articles, claims, statements, quotes, timeline, entities, copies, runs.
import {
  api, el, empty, href, link, markedText, pager, section, short, spanLink, table,
} from "./dom.js";
import { articleName, claimsTable, copyList, quotesTable, timelineTable } from "./parts.js";

const PAGE = 50;

/** A filter form: fields [name, label, kind, options]; submitting reloads with the values. */
function filters(path, params, fields) {
  const inputs = fields.map(([name, label, kind, options]) => {
    const value = params.get(name) || "";
    const input = kind === "select"
      ? el("select", { name }, options.map((o) => el("option", { value: o, selected: o === value }, o || "any")))
      : el("input", { name, type: "search", value });
    return el("label", null, label, input);
  });
  const form = el("form", { class: "filters", role: "search" }, inputs, el("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of new FormData(form)) if (value) query.set(key, value);
    window.location.hash = `#${path}${query.toString() ? "?" + query : ""}`;
  });
  return form;
}

function paged(path, params, data) {
  return pager(data, (offset) => {
    const query = new URLSearchParams(params);
    query.set("offset", offset);
    window.location.hash = `#${path}?${query}`;
  });
}

function query(params, names) {
  const out = { offset: params.get("offset") || 0, limit: PAGE };
  for (const name of names) out[name] = params.get(name);
  return out;
}

export async function articlesPage(params) {
  const data = await api("/api/articles", query(params, ["q", "outlet"]));
  return { title: "Articles", content: [
    el("h1", null, "Articles"),
    filters("/articles", params, [["q", "text"], ["outlet", "outlet"]]),
    data.total ? table(["article", "published", "words", "dropped lines", "id"], data.items.map((a) => [
      link(href.article(a.id), articleName(a)), a.date, String(a.words), String(a.dropped_count),
      el("code", null, short(a.id))]), { id: "articles" }) : empty("No articles match."),
    paged("/articles", params, data)] };
}

export async function claimsPage(params) {
  const data = await api("/api/claims", query(params, ["status", "event", "storyline"]));
  return { title: "Claims", content: [
    el("h1", null, "Claims"),
    el("p", { class: "meta" }, "Corroborated: two or more independent origins (copies count once). " +
       "Conflicting: reports disagree on an amount, a role or a negation."),
    filters("/claims", params, [["status", "status", "select", ["", "corroborated", "single-source", "conflicting"]]]),
    data.total ? claimsTable(data.items) : empty("No claims match."), paged("/claims", params, data)] };
}

export async function quotesPage(params) {
  const data = await api("/api/quotes", query(params, ["speaker", "mode"]));
  return { title: "Quotes", content: [
    el("h1", null, "Quotes"),
    filters("/quotes", params, [["speaker", "speaker"], ["mode", "mode", "select", ["", "direct", "partial", "indirect"]]]),
    data.total ? quotesTable(data.items) : empty("No quotes match."), paged("/quotes", params, data)] };
}

function variantText(v) {
  const cps = Array.from(v.content.text);
  const marks = v.differences.map((d) => ({ start: d.start - v.content.start, end: d.end - v.content.start,
                                            attrs: { class: "diff", title: "only in this wording" } }));
  return markedText(cps, 0, cps.length, marks);
}

export async function statementsPage(params) {
  const data = await api("/api/statements", query(params, ["speaker", "q"]));
  return { title: "Who said what", content: [
    el("h1", null, "Who said what"),
    el("p", { class: "meta" }, "Each statement with every outlet's wording; marked words are those the other wordings lack."),
    filters("/statements", params, [["speaker", "speaker"], ["q", "text"]]),
    data.total ? el("ul", { class: "cards" }, data.items.map((s) => el("li", null,
      el("strong", null, s.speaker.name || "(unnamed)"), s.said_on ? ` (${s.said_on})` : "", ": “", s.text, "”",
      el("ul", null, s.variants.map((v) => el("li", null, `${v.outlet || "outlet unknown"} (${v.mode}): `,
        el("q", null, variantText(v)), " ", spanLink(v.content, "[source]", { class: "cite" }))))))) : empty("No statements match."),
    paged("/statements", params, data)] };
}

export async function timelinePage(params) {
  const data = await api("/api/timeline", query(params, []));
  return { title: "Timeline", content: [el("h1", null, "Timeline"),
    data.total ? timelineTable(data.items) : empty("No dated happenings stored."), paged("/timeline", params, data)] };
}

export async function entitiesPage(params) {
  const data = await api("/api/entities", query(params, ["q", "label"]));
  return { title: "Entities", content: [
    el("h1", null, "Entities"),
    filters("/entities", params, [["q", "name"], ["label", "label", "select", ["", "PERSON", "ORG", "GPE", "LOC", "NORP"]]]),
    data.total ? table(["name", "kind", "aliases", "roles", "mentions", "articles"], data.items.map((e) => [
      e.name, e.label, e.aliases.filter((a) => a !== e.name).join(", ") || "–",
      e.roles.map((r) => `${r.title}${r.date ? " (" + r.date + ")" : ""}`).filter((x, i, all) => all.indexOf(x) === i).join("; ") || "–",
      e.mentions.length ? spanLink(e.mentions[0], String(e.mentions.length)) : "0", String(e.articles)]))
      : empty("No entities match."),
    paged("/entities", params, data)] };
}

export async function copiesPage() {
  const data = await api("/api/copies");
  const content = [el("h1", null, "Copies")];
  if (!data.checked) content.push(empty("The copies stage has not run on this store yet."));
  else if (!data.copies.length) content.push(empty("No article copies another: every article is an independent report."));
  else {
    content.push(copyList(data.copies, {}), section("Copy groups", table(["original", "members"],
      data.copy_groups.map((g) => [link(href.article(g.canonical), short(g.canonical)),
        g.members.map((m, i) => [i ? ", " : "", link(href.article(m), short(m))])]))));
  }
  return { title: "Copies", content };
}

export async function runsPage() {
  const runs = await api("/api/runs");
  return { title: "Runs", content: [el("h1", null, "Runs"), runs.length ? runs.map((r) => el("section", null,
    el("h2", null, `Run ${r.id} · ${r.status}`),
    el("p", { class: "meta" }, `started ${r.started}, finished ${r.finished || "–"} · config ${r.config_hash} · ` +
       `inputs: ${r.inputs.join(", ")}`),
    table(["stage", "in", "out", "seconds", "counters"], r.stages.map((s) => [s.stage, String(s.items_in),
      String(s.items_out), String(s.seconds), Object.entries(s.counters).filter(([, v]) => v).map(([k, v]) => `${k} ${v}`).join(", ")])),
    el("details", null, el("summary", null, "versions"), el("p", { class: "mono" },
      Object.entries(r.versions).map(([k, v]) => `${k} ${v}`).join(" · ")))))
    : empty("No runs recorded.")] };
}
