// Pieces shared by the pages: article names, copy graph and list, claim/quote/timeline tables.
import { dateSpan, el, href, link, short, spanLink, statusBadge, svg, table } from "./dom.js";

/** How an article is named in lists: its title (else its file) and outlet. */
export function articleName(a) {
  const file = a.source ? String(a.source.path).split("/").pop() : short(a.id);
  return `${a.outlet || "outlet unknown"}: ${a.title || file}`;
}

/** The copy graph: articles as nodes, copy links as edges (arrow: original → copy). */
export function copyGraph(links, members, canonical) {
  const ids = [...new Set([...members.map((m) => m.id), ...links.flatMap((l) => [l.a, l.b])])];
  const names = new Map(members.map((m, i) => [m.id, `[${i + 1}]`]));
  const size = 360;
  const r = ids.length > 1 ? 130 : 0;
  const pos = new Map(ids.map((id, i) => {
    const angle = (2 * Math.PI * i) / ids.length - Math.PI / 2;
    return [id, [size / 2 + r * Math.cos(angle), size / 2 + r * Math.sin(angle)]];
  }));
  const edges = links.map((l) => {
    const [from, to] = l.direction === "b->a" ? [l.b, l.a] : [l.a, l.b];
    const [x1, y1] = pos.get(from);
    const [x2, y2] = pos.get(to);
    const shorten = (a, b) => a + (b - a) * 0.88;
    return svg("line", { x1, y1, x2: shorten(x1, x2), y2: shorten(y1, y2),
      class: l.direction === "undirected" ? "undirected" : "directed",
      "marker-end": l.direction === "undirected" ? null : "url(#arrow)" },
      svg("title", null, `${l.relation} (${l.score}): ${l.direction_evidence || l.direction}`));
  });
  const nodes = ids.map((id) => {
    const [x, y] = pos.get(id);
    return svg("a", { href: href.article(id) },
      svg("circle", { cx: x, cy: y, r: 16, class: canonical.has(id) ? "canonical" : null },
          svg("title", null, short(id))),
      svg("text", { x, y: y + 4, "text-anchor": "middle" }, names.get(id) || short(id).slice(0, 4)));
  });
  return svg("svg", { class: "copy-graph", viewBox: `0 0 ${size} ${size}`, width: size, height: size,
                      role: "img", "aria-label": "copy graph" },
    svg("defs", null, svg("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5,
      markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" }, svg("path", { d: "M 0 0 L 10 5 L 0 10 z" }))),
    edges, nodes);
}

/** Copy links in words: who copies whom, how, and the aligned evidence. */
export function copyList(links, names) {
  const name = (id) => link(href.article(id), names[id] || short(id));
  return el("ul", { class: "copies" }, links.map((l) => {
    const [copy, original] = l.direction === "b->a" ? [l.a, l.b] : [l.b, l.a];
    const [verb, tail] = l.direction === "undirected" ? [" and ", " copy each other"] : [" copies ", ""];
    return el("li", null, name(copy), verb, name(original), tail,
      ` — ${l.relation}, score ${l.score}, ${l.method}; ${l.direction_evidence || ""}`,
      l.evidence.length ? el("details", null, el("summary", null, `${l.evidence.length} aligned passage(s)`),
        el("ul", null, l.evidence.map((p) => el("li", null, spanLink(p.b, "“" + p.b.text + "”"), " ≈ ",
          spanLink(p.a, "“" + p.a.text + "”"), ` (${p.similarity})`)))) : null);
  }));
}

export function claimsTable(claims) {
  return table(["status", "claim", "origins", "why", "evidence"], claims.map((c) => [
    statusBadge(c.status), c.text, String(c.origins), c.reason,
    el("details", null, el("summary", null, `${c.evidence.length} sentence(s)`),
       el("ul", null, c.evidence.map((s) => el("li", null, spanLink(s, "“" + s.text + "”")))))]),
  { class: "claims" });
}

export function quotesTable(quotes) {
  return table(["speaker", "quote", "mode", "outlet", "said on"], quotes.map((q) => [
    q.speaker.name || "(unnamed)", spanLink(q.content, "“" + q.content.text + "”"), q.mode,
    q.outlet || "unknown", q.said_on || "–"]), { class: "quotes" });
}

export function timelineTable(entries) {
  return table(["when", "what", "who", "source"], entries.map((t) => [
    dateSpan(t.start, t.end) + (t.inferred ? " (inferred)" : ""), t.what,
    t.who.map((w) => w.name).filter(Boolean).join(", ") || "–",
    spanLink(t.sentence, "sentence", { class: "cite" })]), { class: "timeline" });
}
