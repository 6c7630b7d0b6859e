// DOM and API helpers of the newsfuse UI.
//
// Every piece of stored text reaches the page as a text node (el() never parses HTML),
// so article content, titles or outlet names cannot inject markup or script.

/** An element with attributes and children; strings become text nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  return add(node, ...children);
}

/** An SVG element (same rules as el). */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  setAttrs(node, attrs);
  return add(node, ...children);
}

function setAttrs(node, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "href") node.setAttribute("href", safeHref(value));
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
}

/** Append children (nested arrays are flattened; null, undefined and false are skipped). */
export function add(node, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Only in-app links and http(s) URLs: a stored "javascript:" URL must not become a link. */
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith("#") || (text.startsWith("/") && !text.startsWith("//"))) return text;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : "#";
  } catch {
    return "#";
  }
}

export class ApiError extends Error {
  constructor(message, code, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** GET an API path and return its JSON; errors carry the API's {error, code}. */
export async function api(path, params) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== "") query.set(key, value);
  }
  const url = query.toString() ? `${path}?${query}` : path;
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError((data && data.error) || `${response.status} ${response.statusText}`,
                       data && data.code, response.status);
  }
  return data;
}

/** In-app links. */
export const href = {
  storyline: (id) => `#/storyline/${encodeURIComponent(id)}`,
  event: (id) => `#/event/${encodeURIComponent(id)}`,
  brief: (level, id) => `#/brief/${level}/${encodeURIComponent(id)}`,
  article: (id, span) => `#/article/${encodeURIComponent(id)}` +
    (span ? `?start=${span.start}&end=${span.end}` : ""),
};

export const short = (id) => String(id || "").slice(0, 8);

export function link(url, text, attrs) {
  return el("a", { ...(attrs || {}), href: url }, text);
}

/** A link to a span of an article (opens the article with the span highlighted). */
export function spanLink(span, text, attrs) {
  return link(href.article(span.article, span), text, { title: span.text, ...(attrs || {}) });
}

export function statusBadge(status) {
  return status ? el("span", { class: `status ${status}` }, status) : null;
}

export function dateSpan(start, end) {
  if (!start) return "undated";
  return !end || end === start ? start : `${start} to ${end}`;
}

/** A table from column titles and rows of cells (each cell: text, a node or a list). */
export function table(headers, rows, attrs) {
  return el("table", attrs,
    el("thead", null, el("tr", null, headers.map((h) => el("th", { scope: "col" }, h)))),
    el("tbody", null, rows.map((cells) => el("tr", null, cells.map((c) => el("td", null, c))))));
}

export function empty(text) {
  return el("p", { class: "empty" }, text);
}

export function section(title, ...children) {
  return el("section", null, el("h2", null, title), ...children);
}

/** Previous / next buttons for a {total, offset, limit} page; go(offset) reloads. */
export function pager(pageData, go) {
  const { total, offset, limit } = pageData;
  const last = Math.min(offset + limit, total);
  return el("div", { class: "pager" },
    el("button", { type: "button", disabled: offset <= 0, onclick: () => go(Math.max(0, offset - limit)) },
       "Previous"),
    el("span", { class: "muted" }, total ? `${offset + 1}–${last} of ${total}` : "none"),
    el("button", { type: "button", disabled: last >= total, onclick: () => go(offset + limit) }, "Next"));
}

/**
 * Text with spans marked: ranges are [start, end) in Unicode code points (the API's
 * offsets), so the text is indexed by code point, never by UTF-16 unit.
 */
export function markedText(codepoints, start, end, marks) {
  const out = [];
  let at = start;
  const inside = marks
    .map((m) => [Math.max(start, m.start), Math.min(end, m.end), m])
    .filter(([s, e]) => s < e)
    .sort((x, y) => x[0] - y[0]);
  for (const [s, e, m] of inside) {
    if (s < at) continue; // overlapping marks: the first one wins
    if (s > at) out.push(codepoints.slice(at, s).join(""));
    out.push(el("mark", m.attrs || null, codepoints.slice(s, e).join("")));
    at = e;
  }
  if (at < end) out.push(codepoints.slice(at, end).join(""));
  return out;
}
