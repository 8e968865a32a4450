/** Small DOM builders for the extension's pages. Text from pages and the server only ever goes in textContent. */

/** Create an element with a class and text. */
export function el(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/**
 * Return a sentence as nodes, its evidence in <strong>: spans [start, end) in Unicode code points
 * (the server's offsets), so the sentence is cut as an array of code points, never as UTF-16.
 */
export function withEvidence(sentence, evidence = []) {
  const points = Array.from(sentence);
  const spans = (Array.isArray(evidence) ? evidence : [])
    .filter((span) => Array.isArray(span) && Number.isInteger(span[0]) && Number.isInteger(span[1]))
    .map(([start, end]) => [Math.max(0, start), Math.min(points.length, end)])
    .filter(([start, end]) => start < end)
    .sort((a, b) => a[0] - b[0]);
  const nodes = [];
  let at = 0;
  for (const [start, end] of spans) {
    const from = Math.max(start, at);  // overlapping spans: bold what is left
    if (from >= end) continue;
    if (from > at) nodes.push(document.createTextNode(points.slice(at, from).join("")));
    nodes.push(el("strong", "evidence", points.slice(from, end).join("")));
    at = end;
  }
  if (at < points.length) nodes.push(document.createTextNode(points.slice(at).join("")));
  return nodes;
}
