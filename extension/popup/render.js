/* Build the popup's DOM from an analysis. Text from pages and the server only ever goes in textContent. */
import {SEVERITY_LABELS} from "../shared/constants.js";
import {el, withEvidence} from "../shared/dom.js";
import {groupFlags, groupGoodPoints, plural} from "../shared/findings.js";

const FIRST = 3;  // sentences shown before "Show all N"

/** A quoted sentence, its evidence in bold, that marks itself in the page when clicked (plain text when it cannot). */
function quote(sentence, onPick, evidence) {
  const node = el(onPick ? "button" : "blockquote", "quote");
  node.append("“", ...withEvidence(sentence, evidence), "”");
  if (onPick) {
    node.type = "button";
    node.title = "Show this sentence in the page";
    node.addEventListener("click", () => onPick(sentence));
  }
  return node;
}

/** A list of quotes showing the first three, with a button that shows all of them. */
function quotes(entries, onPick, id = "") {
  const list = el("ul", "quotes");
  if (id) list.id = id;
  entries.forEach((entry, index) => {
    const li = el("li");
    li.append(quote(entry.sentence, onPick, entry.evidence));
    li.hidden = index >= FIRST;
    list.append(li);
  });
  if (entries.length <= FIRST) return [list];
  const more = el("button", "link show-all", `Show all ${entries.length}`);
  more.type = "button";
  more.setAttribute("aria-expanded", "false");
  more.addEventListener("click", () => {
    const open = more.getAttribute("aria-expanded") !== "true";
    [...list.children].forEach((li, index) => { li.hidden = !open && index >= FIRST; });
    more.setAttribute("aria-expanded", String(open));
    more.textContent = open ? `Show the first ${FIRST}` : `Show all ${entries.length}`;
    if (open) list.children[FIRST]?.querySelector(".quote")?.focus();
  });
  return [list, more];
}

/** One red flag or good point: a line that opens to its explanation and its sentences. */
function card(group, kind, onPick, isNew) {
  const {label, shape} = SEVERITY_LABELS[kind];
  const li = el("li", `item ${kind}`);
  li.dataset.rule = group.rule;
  li.dataset.category = group.category;
  const details = el("details");
  const summary = el("summary");
  const mark = el("span", "mark-shape", shape);
  mark.setAttribute("aria-hidden", "true");
  const title = el("span", "item-title", group.title);
  title.title = group.title;  // one line when closed; the whole title on hover and when open
  summary.append(mark, title);
  const fresh = group.findings.some(isNew);
  if (fresh) summary.append(el("span", "new", "New"));
  const count = el("span", "count", String(group.findings.length));
  count.title = `${plural(group.findings.length, "sentence")} state this`;
  summary.append(count);
  summary.setAttribute("aria-label", `${group.title}: ${label}${fresh ? ", new" : ""}, ${plural(group.findings.length, "sentence")}`);
  const body = el("div", "item-body");
  body.append(el("p", "explanation", group.explanation), ...quotes(group.findings, onPick));
  details.append(summary, body);
  li.append(details);
  return li;
}

/** Return the one line that sums a policy up. */
function verdict(result, flags, good) {
  if (!result.grade) return "Not graded: see the note below.";
  if (flags.length) return `Most serious: ${flags[0].title}${flags.length > 1 ? `, and ${plural(flags.length - 1, "more red flag")}` : ""}.`;
  return good.length ? `No red flags found, and ${plural(good.length, "good point")}.` : "No red flags or good points found.";
}

/** A section with a heading and a list of cards. */
function section(heading, id, groups, kindOf, onPick, isNew = () => false) {
  const box = el("section", "group");
  box.setAttribute("aria-labelledby", `${id}-heading`);
  const h2 = el("h2", "with-hint", `${heading} (${groups.length})`);
  h2.id = `${id}-heading`;
  const hint = el("span", "hint", "sentences");  // heads the column of counts on the right
  hint.setAttribute("aria-hidden", "true");
  h2.append(hint);
  const list = el("ul", "cards");
  list.id = id;
  list.append(...groups.map((group) => card(group, kindOf(group), onPick, isNew)));
  box.append(h2, list);
  return box;
}

/** Close the open card around the focus on Escape, and put the focus back on its line. */
function closeOnEscape(root) {
  if (root.dataset.escapeCloses) return;  // once per root, however often it is rendered
  root.dataset.escapeCloses = "true";
  root.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const details = event.target.closest?.("details[open]");
    if (!details) return;
    event.preventDefault();
    details.open = false;
    details.querySelector("summary").focus();
  });
}

/** Render an analysis at a glance: grade, verdict, counts, then one line per flag and good point. */
export function renderResult(root, result, settings, onPick, {change = null, url = null, onReport = null} = {}) {
  root.replaceChildren();
  const added = new Set((change?.newFlags || []).map((flag) => `${flag.rule}\n${flag.sentence}`));
  const isNew = (flag) => added.has(`${flag.rule}\n${flag.sentence}`);
  const flags = groupFlags(result.red_flags.filter((flag) => settings.severities.includes(flag.severity)));
  const good = groupGoodPoints(result.good_points);

  const summary = el("section", "summary");
  const grade = el("div", `grade grade-${result.grade || "none"}`, result.grade || "–");
  grade.setAttribute("role", "img");
  grade.setAttribute("aria-label", result.grade ? `Grade ${result.grade}` : "No grade");
  grade.id = "grade";
  const text = el("div", "summary-text");
  const line = el("p", "verdict", verdict(result, flags, good));
  line.id = "verdict";
  const counts = el("p", "counts", `${plural(flags.length, "red flag")} · ${plural(good.length, "good point")}`);
  counts.id = "counts";
  text.append(line, counts,
    el("p", "reading", `Whole policy: ${result.stats.reading_minutes} min to read · key sentences: ${result.stats.summary_reading_minutes} min`));
  summary.append(grade, text);
  root.append(summary);
  if (onReport) {
    const open = el("button", "primary", "Open full report");
    open.type = "button";
    open.id = "open-report";
    open.addEventListener("click", onReport);
    root.append(open);
  }
  if (url) root.append(el("p", "note", `Analysed the linked page ${url}`));
  if (change) {
    const banner = el("p", "change", `This policy has changed since you last analysed it on ${new Date(change.since).toLocaleDateString()}. ` +
      (added.size ? `New red flags: ${added.size}.` : "No new red flags."));
    banner.id = "change";
    banner.setAttribute("role", "status");
    root.append(banner);
  }
  for (const note of result.notes || []) root.append(el("p", "note", note));

  if (flags.length) root.append(section("Red flags", "red-flags", flags, (group) => group.severity, onPick, isNew));
  if (good.length) root.append(section("Good points", "good-points", good, () => "good", onPick));
  if (result.highlights.length) {
    const box = el("section", "group");
    const h2 = el("h2", "", `Key sentences (${result.highlights.length})`);
    h2.id = "highlights-heading";
    box.setAttribute("aria-labelledby", h2.id);
    box.append(h2, ...quotes(result.highlights, onPick, "highlights"));
    root.append(box);
  }
  closeOnEscape(root);
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
