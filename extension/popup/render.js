/* Build the popup's DOM from an analysis. Text from pages and the server only ever goes in textContent. */
const SEVERITIES = [["high", "High risk", "▲"], ["medium", "Medium risk", "◆"], ["low", "Low risk", "●"]];

/** Create an element with a class and text. */
function el(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}

/** A quoted sentence that marks itself in the page when clicked (plain text when it cannot). */
function quote(sentence, onPick) {
  if (!onPick) return el("blockquote", "quote", `“${sentence}”`);
  const button = el("button", "quote", `“${sentence}”`);
  button.type = "button";
  button.title = "Show this sentence in the page";
  button.addEventListener("click", () => onPick(sentence));
  return button;
}

/** Group the entries of one rule together, in order of first appearance. */
function byRule(entries) {
  const groups = new Map();
  for (const entry of entries) {
    if (!groups.has(entry.rule)) groups.set(entry.rule, []);
    groups.get(entry.rule).push(entry);
  }
  return [...groups.values()];
}

/** One red flag or good point, with every sentence that shows it. */
function item(entries, kind, shape, onPick, isNew = () => false) {
  const [first] = entries;
  const li = el("li", `item ${kind}`);
  li.dataset.rule = first.rule;
  const title = el("p", "item-title");
  title.append(el("span", "mark-shape", shape), el("span", "", first.title));
  if (entries.some(isNew)) title.append(el("span", "new", "New"));
  if (kind !== "good") title.append(el("span", "severity", kind));
  li.append(title, el("p", "explanation", first.explanation), ...entries.map((entry) => quote(entry.sentence, onPick)));
  return li;
}

/** Render a full analysis: grade, counts, changes since the last visit, flags, good points, highlights. */
export function renderResult(root, result, settings, onPick, {change = null, url = null} = {}) {
  root.replaceChildren();
  const added = new Set((change?.newFlags || []).map((flag) => `${flag.rule}\n${flag.sentence}`));
  const shown = result.red_flags.filter((flag) => settings.severities.includes(flag.severity));
  const rules = (entries) => new Set(entries.map((entry) => entry.rule)).size;
  const isNew = (flag) => added.has(`${flag.rule}\n${flag.sentence}`);
  const summary = el("section", "summary");
  const grade = el("div", `grade grade-${result.grade || "none"}`, result.grade || "–");
  grade.setAttribute("role", "img");
  grade.setAttribute("aria-label", result.grade ? `Grade ${result.grade}` : "No grade");
  grade.id = "grade";
  const text = el("div");
  text.append(
    el("p", "counts", `${rules(shown)} red flag${rules(shown) === 1 ? "" : "s"} · ${rules(result.good_points)} good point${rules(result.good_points) === 1 ? "" : "s"}`),
    el("p", "reading", `Whole policy: ${result.stats.reading_minutes} min to read · these highlights: ${result.stats.summary_reading_minutes} min`),
  );
  summary.append(grade, text);
  root.append(summary);
  if (url) root.append(el("p", "note", `Analysed the linked page ${url}`));
  if (change) {
    const banner = el("p", "change", `This policy has changed since you last analysed it on ${new Date(change.since).toLocaleDateString()}. ` +
      (added.size ? `New red flags: ${added.size}.` : "No new red flags."));
    banner.id = "change";
    banner.setAttribute("role", "status");
    root.append(banner);
  }
  for (const note of result.notes || []) root.append(el("p", "note", note));

  for (const [severity, heading, shape] of SEVERITIES) {
    const groups = byRule(shown.filter((flag) => flag.severity === severity));
    if (!groups.length) continue;
    const list = el("ul");
    list.id = `flags-${severity}`;
    list.append(...groups.map((group) => item(group, severity, shape, onPick, isNew)));
    root.append(el("h2", "", `${heading} (${groups.length})`), list);
  }
  if (result.good_points.length) {
    const groups = byRule(result.good_points);
    const list = el("ul");
    list.id = "good-points";
    list.append(...groups.map((group) => item(group, "good", "✓", onPick)));
    root.append(el("h2", "", `Good points (${groups.length})`), list);
  }
  if (result.highlights.length) {
    const list = el("ul");
    list.id = "highlights";
    for (const highlight of result.highlights) {
      const li = el("li", "item highlight");
      li.append(quote(highlight.sentence, onPick));
      list.append(li);
    }
    root.append(el("h2", "", "Key sentences"), list);
  }
}

/** Render the progress state. */
export function renderWorking(root, text) {
  const working = el("p", "working");
  working.append(el("span", "spinner"), document.createTextNode(text));
  root.replaceChildren(working);
}

/** Render an error: what went wrong and what to do. */
export function renderError(root, error, openOptions) {
  root.replaceChildren();
  const box = el("section", "error");
  box.setAttribute("role", "alert");
  box.id = "error";
  box.append(el("h2", "", error.code === "unreachable" ? "The server is not running" : "Could not analyse this page"));
  box.append(el("p", "", error.message));
  if (error.code === "unreachable") {
    const start = el("p", "", "Start it from the PolicyLens folder with ");
    start.append(el("code", "", error.command), document.createTextNode(", or set another server in the options."));
    box.append(start);
  }
  const options = el("button", "link", "Open the options");
  options.type = "button";
  options.addEventListener("click", openOptions);
  box.append(options);
  root.append(box);
}

/** Render the "not a policy" state, offering to analyse anyway or open a linked policy. */
export function renderNotPolicy(root, page, analyzeAnyway, openLink) {
  root.replaceChildren();
  const box = el("section");
  box.id = "not-policy";
  box.append(el("p", "", "This page does not look like a privacy policy or terms of service."));
  const anyway = el("button", "primary", "Analyse it anyway");
  anyway.type = "button";
  anyway.id = "analyze-anyway";
  anyway.addEventListener("click", analyzeAnyway);
  box.append(anyway);
  if (page.policyLinks?.length) {
    box.append(el("h2", "", "Policies linked from this page"));
    const list = el("ul");
    for (const link of page.policyLinks) {
      const li = el("li");
      const button = el("button", "link", link.text || link.url);
      button.type = "button";
      button.title = link.url;
      button.addEventListener("click", () => openLink(link.url));
      li.append(button);
      list.append(li);
    }
    box.append(list);
  }
  root.append(box);
}
