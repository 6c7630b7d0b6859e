// The article page: clean text (the cited span highlighted), provenance, dropped lines.
import { api, el, empty, href, link, markedText, section, short, table } from "./dom.js";
import { copyList } from "./parts.js";

/** The cited span from the page's query (?start=&end=), if valid for this text. */
function citedSpan(params, length) {
  const start = Number.parseInt(params.get("start"), 10);
  const end = Number.parseInt(params.get("end"), 10);
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > length) {
    return null;
  }
  return { start, end };
}

function articleText(article, cited) {
  const cps = Array.from(article.text); // offsets are code points
  const marks = cited ? [{ ...cited, attrs: { id: "cited", class: "cited" } }] : [];
  const blocks = article.paragraphs.length
    ? article.paragraphs : [{ start: 0, end: cps.length, heading: false }];
  return el("div", { class: "article-text" },
    blocks.map((p) => el(p.heading ? "h3" : "p", null, markedText(cps, p.start, p.end, marks))));
}

// The title; for an untitled article its opening words, marked (as the report does).
function headingOf(a, words = 10) {
  if (a.title) return a.title;
  const opening = a.text.split(/\s+/).filter(Boolean);
  if (!opening.length) return "(untitled)";
  return `“${opening.slice(0, words).join(" ")}${opening.length > words ? "…" : ""}” (untitled)`;
}

export async function articlePage(id, params) {
  const a = await api(`/api/articles/${encodeURIComponent(id)}`);
  const cited = citedSpan(params, Array.from(a.text).length);
  const citedText = cited ? Array.from(a.text).slice(cited.start, cited.end).join("") : null;
  const source = a.source.offset === null ? a.source.path : `${a.source.path} @ ${a.source.offset}`;
  const content = [
    el("p", { class: "meta" }, "Article ", el("code", null, short(a.id))),
    el("h1", { id: "article-title" }, headingOf(a)),
    table(["outlet", "published", "author", "language", "source", "url"], [[
      a.outlet || "unknown", a.date, a.author || "–", a.language || "unknown",
      el("span", { class: "mono" }, `${source} (${a.source.format})`),
      a.url ? link(a.url, a.url, { rel: "noopener noreferrer", target: "_blank" }) : "–",
    ]]),
    a.events.length
      ? el("p", null, "In event: ", a.events.map((e, i) => [i ? "; " : "",
          link(href.event(e.id), e.label), ` (${e.decision})`]))
      : null,
    cited
      ? el("div", { class: "cited-box", id: "cited-box" },
          el("strong", null, `Cited span ${cited.start}–${cited.end}: `), el("q", null, citedText))
      : null,
    section("Clean text", articleText(a, cited)),
    section(`Dropped lines (${a.dropped.length})`,
      a.dropped.length
        ? table(["line", "reason", "text"], a.dropped.map((d) => [
            String(d.lineno + 1), el("span", { class: "reason" }, d.reason), d.line]),
          { id: "dropped" })
        : empty("Cleaning dropped no lines of this article.")),
    section(`Copies (${a.copies.length})`,
      a.copies.length ? copyList(a.copies, {}) : empty("No copy relations with other articles.")),
  ];
  return { title: a.title || short(a.id), content };
}
