/* Two versions of a policy from the change history, side by side: what the newer one added and dropped. */
import {SEVERITY_LABELS} from "../shared/constants.js";
import {el} from "../shared/dom.js";
import {plural} from "../shared/findings.js";

/** Return the identity of a finding across versions: its rule and its sentence. */
function keyOf(finding) {
  return `${finding.rule}\n${finding.sentence}`;
}

/** Return how many of each item of one list are missing from another (a multiset difference). */
function missing(items, from) {
  const counts = new Map();
  for (const item of from) counts.set(item, (counts.get(item) || 0) + 1);
  return items.filter((item) => {
    const left = counts.get(item) || 0;
    if (left) counts.set(item, left - 1);
    return !left;
  });
}

/** One version's column: when, grade, its red flags and good points, each marked added or dropped. */
function column(version, heading, other, change) {
  const box = el("section", "version");
  const others = new Set([...other.flags, ...other.good].map(keyOf));
  box.append(el("h3", "", `${heading}: ${new Date(version.at).toLocaleString()}`),
    el("p", "", `Grade ${version.grade || "–"} · ${plural(new Set(version.flags.map((f) => f.category)).size, "red flag")} · ${plural(new Set(version.good.map((f) => f.rule)).size, "good point")}`));
  const list = el("ul", "findings");
  for (const [finding, kind] of [...version.flags.map((f) => [f, f.severity]), ...version.good.map((f) => [f, "good"])]) {
    const li = el("li", `finding ${kind}`);
    const changed = !others.has(keyOf(finding));
    if (changed) li.classList.add(change);
    const title = el("p", "finding-title", `${SEVERITY_LABELS[kind]?.shape || ""} ${finding.title}`);
    if (changed) title.append(el("span", `badge ${change}`, change === "added" ? "Added" : "Dropped"));
    li.append(title, el("blockquote", "", finding.sentence));
    list.append(li);
  }
  box.append(list);
  return box;
}

/**
 * Render the comparison of versions[older] and versions[newer]; when the newer one is the analysis on
 * this page (same sentence fingerprints), list its new sentences and return their positions.
 */
export function renderComparison(root, versions, older, newer, current) {
  const [before, after] = [versions[older], versions[newer]];
  const box = el("div", "comparison");
  const summary = el("p", "compare-summary");
  summary.id = "compare-summary";
  const addedFlags = [...after.flags, ...after.good].filter((f) => !new Set([...before.flags, ...before.good].map(keyOf)).has(keyOf(f)));
  const droppedFlags = [...before.flags, ...before.good].filter((f) => !new Set([...after.flags, ...after.good].map(keyOf)).has(keyOf(f)));
  const newSentences = missing(after.sentences || [], before.sentences || []);
  const goneSentences = missing(before.sentences || [], after.sentences || []);
  const sentenceNote = after.sentences?.length && before.sentences?.length
    ? ` The text gained ${plural(newSentences.length, "sentence")} and lost ${goneSentences.length}.` : "";
  summary.textContent = `The newer version added ${addedFlags.length} and dropped ${droppedFlags.length} red flags and good points.${sentenceNote}`;
  const columns = el("div", "columns");
  columns.append(column(before, "Older", after, "dropped"), column(after, "Newer", before, "added"));
  box.append(summary, columns);
  let positions = [];
  if (current && newSentences.length && current.fingerprints.join() === (after.sentences || []).join()) {
    const fresh = new Set(newSentences);
    const added = current.sentences.filter((sentence, index) => fresh.has(current.fingerprints[index]));
    positions = added.map((sentence) => sentence.position);
    const list = el("ul", "new-sentences");
    list.id = "new-sentences";
    for (const sentence of added) {
      const li = el("li");
      const link = el("a", "", sentence.text);
      link.href = `#s-${sentence.position}`;
      li.append(link);
      list.append(li);
    }
    box.append(el("h3", "", "Sentences the newer version added"), list);
  }
  root.replaceChildren(box);
  return positions;
}
