/** Facts every part of the extension shares: where a result came from, severities, text formats. */

/** Where a stored analysis came from: the tab's own page, a policy it links to, or a selection. */
export const SOURCES = Object.freeze({PAGE: "page", LINKED: "linked", SELECTION: "selection"});

/** Red-flag severities, worst first, as the server names them. */
export const SEVERITIES = Object.freeze(["high", "medium", "low"]);

/** How each severity (and a good point) is labelled and marked: a shape as well as a colour. */
export const SEVERITY_LABELS = Object.freeze({
  high: {label: "High risk", shape: "▲"},
  medium: {label: "Medium risk", shape: "◆"},
  low: {label: "Low risk", shape: "●"},
  good: {label: "Good point", shape: "✓"},
});

/** What the server is told the text is: a page's visible text, or a downloaded HTML document. */
export const FORMATS = Object.freeze({TEXT: "text", HTML: "html"});

/** Return the rank of a severity (0 is the worst); unknown ones sort last. */
export function severityRank(severity) {
  const rank = SEVERITIES.indexOf(severity);
  return rank < 0 ? SEVERITIES.length : rank;
}
