// Storylines, a storyline, an event and the cited brief.
import {
  api, dateSpan, el, empty, href, link, section, short, spanLink, statusBadge, table,
} from "./dom.js";
import {
  articleName, claimsTable, copyGraph, copyList, quotesTable, timelineTable,
} from "./parts.js";

const ALL = { limit: 1000 };

export async function storylinesPage() {
  const [health, storylines] = await Promise.all([api("/api/health"), api("/api/storylines")]);
  const content = [el("h1", null, "Storylines")];
  if (!health.counts.articles) {
    content.push(empty("This store holds no articles yet."),
      el("p", null, "Add some with ", el("code", null, "newsfuse run PATH --db " + health.store),
         ", then reload this page."));
  } else if (!storylines.length) {
    content.push(empty(`${health.counts.articles} article(s) stored, but the events stage has not ` +
                       "run yet (newsfuse run, or newsfuse ingest without --clean-only)."),
                 link("#/articles", "See the articles"));
  } else {
    content.push(el("p", { class: "meta" }, `${storylines.length} storyline(s) over ` +
                    `${health.counts.articles} article(s) in ${health.store}`));
    content.push(el("ul", { class: "cards", id: "storylines" }, storylines.map((s) => el("li", null,
      link(href.storyline(s.id), s.label, { class: "title" }),
      el("div", { class: "meta" }, `${dateSpan(s.start, s.end)} · ${s.event_count} event(s) · ` +
         `${s.article_count} article(s)` + (s.key_entities.length ? ` · ${s.key_entities.join(", ")}` : ""))))));
  }
  return { title: "Storylines", content };
}

export async function storylinePage(id) {
  const s = await api(`/api/storylines/${encodeURIComponent(id)}`);
  const content = [
    el("p", { class: "meta" }, link("#/", "Storylines"), " › storyline ", el("code", null, short(s.id))),
    el("h1", null, s.label),
    el("p", { class: "meta" }, `${dateSpan(s.start, s.end)} · ${s.event_count} event(s) · ` +
       `${s.article_count} article(s) · key terms: ${s.key_terms.join(", ") || "–"}`),
    s.brief ? el("p", null, link(href.brief("storyline", s.id), "Read the storyline brief"),
                 el("span", { class: "muted" }, ` (${s.brief.origins} independent origin(s))`)) : null,
    section("Events, in time order", table(["when", "event", "articles", "independent origins"],
      s.event_records.map((e) => [dateSpan(e.start, e.end), link(href.event(e.id), e.label),
                                  String(e.article_count), String(e.independent_origins ?? "–")]),
      { id: "events" })),
  ];
  return { title: s.label, content };
}

function citationLink(c, labels) {
  const n = labels.get(c.article);
  return spanLink(c.span, n ? `[${n}]` : `[${short(c.article)}]`, {
    class: "cite", "data-article": c.article, "data-start": c.span.start, "data-end": c.span.end,
    title: `${c.outlet || "outlet unknown"}: ${c.span.text}`,
  });
}

function sentenceItem(s, labels) {
  return el("li", { class: "sentence" }, s.text,
    s.attributions.length ? el("span", { class: "attr" }, ` (according to ${s.attributions.join(", ")})`) : null,
    " ", statusBadge(s.status),
    s.origins ? el("span", { class: "muted" }, ` ${s.origins} origin(s) `) : " ",
    s.citations.map((c) => [citationLink(c, labels), " "]));
}

function discrepancyItem(d, labels) {
  return el("li", null, el("strong", null, d.kind), ` — ${d.subject}: ${d.note}`,
    el("ul", null, d.sides.map((side) => el("li", null, el("strong", null, side.value),
      side.attribution ? ` — ${side.attribution}` : "", side.day ? ` (${side.day})` : "", ": ",
      el("q", null, side.sentence.text), " ",
      citationLink({ article: side.sentence.article, outlet: null, span: side.sentence }, labels)))));
}

/** The cited brief: every sentence links to the exact spans it rests on. */
export function renderBrief(b, shownTitle) {
  const labels = new Map(b.sources.map((s, i) => [s.article, i + 1]));
  const list = (items, render) => el("ul", null, items.map((x) => render(x, labels)));
  const parts = [
    el("h2", null, "Brief"),
    b.headline !== shownTitle ? el("p", { class: "headline" }, el("strong", null, b.headline)) : null,
    el("p", { class: "meta" }, `${b.level} brief · ${b.article_count} article(s) · ` +
       `${b.origins} independent origin(s) · `, link(`/api/briefs/${b.level}/${b.subject}?format=md`, "Markdown")),
    el("h3", null, "Summary"),
    b.summary.length ? el("ul", { class: "summary" }, b.summary.map((s) => sentenceItem(s, labels)))
      : empty("No claim is corroborated enough for a summary."),
  ];
  const blocks = [
    ["Corroborated", b.corroborated, sentenceItem], ["Disputed", b.disputed, discrepancyItem],
    ["Changes over time", b.changes, discrepancyItem], ["Differing wordings", b.wordings, discrepancyItem],
  ];
  for (const [title, items, render] of blocks) {
    if (items.length) parts.push(el("h3", null, title), list(items, render));
  }
  if (b.single_source.length) {
    parts.push(el("details", null, el("summary", null, `Single source (${b.single_source.length})`),
                  list(b.single_source, sentenceItem)));
  }
  if (b.statements.length) {
    parts.push(el("h3", null, "Key statements"), el("ul", null, b.statements.map((st) => el("li", null,
      el("strong", null, st.speaker), `: “${st.text}”`, el("ul", null, st.variants.map((v) =>
        el("li", null, `${v.outlet || "outlet unknown"}: `, el("q", null, v.span.text), " ",
           citationLink(v, labels))))))));
  }
  if (b.timeline.length) {
    parts.push(el("h3", null, "Timeline"), el("ul", null, b.timeline.map((t) => el("li", null,
      el("time", null, dateSpan(t.start, t.end)), ` ${t.what} `,
      t.citations.slice(0, 1).map((c) => citationLink(c, labels))))));
  }
  parts.push(el("h3", null, "Sources"), el("ol", { class: "sources" }, b.sources.map((s) =>
    el("li", null, link(href.article(s.article), `${s.outlet || "outlet unknown"}: ${s.title || short(s.article)}`),
       s.published ? ` (${s.published})` : "",
       s.origin !== s.article ? el("span", { class: "muted" }, ` · a copy of ${short(s.origin)}`) : "",
       s.copies.length ? el("span", { class: "muted" }, ` · copies: ${s.copies.join(", ")}`) : ""))));
  return el("section", { class: "brief", id: "brief" }, parts);
}

export async function briefPage(level, id) {
  const b = await api(`/api/briefs/${level}/${encodeURIComponent(id)}`);
  const back = level === "event" ? href.event(b.subject) : href.storyline(b.subject);
  return { title: b.headline, content: [
    el("p", { class: "meta" }, link(back, `Back to the ${level}`)), el("h1", null, b.headline),
    renderBrief(b, b.headline)] };
}

function whyRow(m, i, why) {
  const w = why[m.id] || {};
  const score = w.score === null || w.score === undefined ? "–" : `${w.score} (threshold ${w.threshold})`;
  return [`[${i + 1}]`, link(href.article(m.id), articleName(m)), m.date, w.decision || "–",
          w.tier || "–", score, (w.shared_entities || []).join(", "), (w.shared_terms || []).join(", "),
          w.copy_of ? link(href.article(w.copy_of), short(w.copy_of)) : "–"];
}

export async function eventPage(id) {
  const e = await api(`/api/events/${encodeURIComponent(id)}`);
  const [brief, claims, quotes, timeline] = await Promise.all([
    e.brief ? api(`/api/briefs/event/${e.id}`) : null, api("/api/claims", { event: e.id, ...ALL }),
    api("/api/quotes", { event: e.id, ...ALL }), api("/api/timeline", { event: e.id, ...ALL })]);
  const names = Object.fromEntries(e.members.map((m, i) => [m.id, `[${i + 1}] ${articleName(m)}`]));
  const canonical = new Set(e.copy_groups.map((g) => g.canonical));
  const counts = Object.entries(e.claims_by_status).map(([k, v]) => `${v} ${k}`).join(", ");
  const content = [
    el("p", { class: "meta" }, link("#/", "Storylines"), " › ",
       link(href.storyline(e.storyline), e.storyline_label || short(e.storyline)), " › event ",
       el("code", null, short(e.id))),
    el("h1", { id: "event-label" }, e.label),
    el("p", { class: "meta" }, `${dateSpan(e.start, e.end)} · ${e.article_count} article(s) · ` +
       `${e.independent_origins ?? "?"} independent origin(s) · claims: ${counts || "none"}`),
    brief ? renderBrief(brief, e.label) : section("Brief", empty("No brief yet: the crosscheck stage writes it.")),
    section("Articles, and why they are together", table(
      ["", "article", "published", "decision", "tier", "score", "shared entities", "shared terms", "copy of"],
      e.members.map((m, i) => whyRow(m, i, e.why || {})), { id: "members" })),
    section("Copies", e.copies.length
      ? [copyGraph(e.copies, e.members, canonical),
         el("p", { class: "muted" }, "Arrows point from the original to its copy; a dashed line is a " +
            "copy whose direction is unknown; a shaded node is the original of its copy group."),
         copyList(e.copies, names),
         el("p", { class: "muted" }, e.copy_groups.map((g) =>
           `Copy group of ${g.members.length}, original ${names[g.canonical] || short(g.canonical)}. `))]
      : empty(`No copy relations among these articles: ${e.article_count} independent report(s).`)),
    section(`Claims (${claims.total})`, claims.total ? claimsTable(claims.items) : empty("No claims.")),
    section(`Who said what (${quotes.total} quotes)`,
      quotes.total ? quotesTable(quotes.items) : empty("No quotes found in these articles.")),
    section(`Timeline (${timeline.total})`,
      timeline.total ? timelineTable(timeline.items) : empty("No dated happenings found.")),
  ];
  return { title: e.label, content };
}
