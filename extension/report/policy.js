/* Build the report's overview, the whole policy with its findings marked in place, and the side list. */
import {SEVERITIES, SEVERITY_LABELS} from "../shared/constants.js";
import {el, withEvidence} from "../shared/dom.js";
import {groupFlags, groupGoodPoints, plural} from "../shared/findings.js";

/** Return a finding's kind: its severity for a red flag, "good" for a good point. */
function kindOf(finding, result) {
  return result.good_points.includes(finding) ? "good" : finding.severity;
}

/** Return the findings of the analysis by sentence position. */
function findingsByPosition(result) {
  const byPosition = new Map();
  for (const finding of [...result.red_flags, ...result.good_points]) {
    byPosition.set(finding.position, [...(byPosition.get(finding.position) || []), finding]);
  }
  return byPosition;
}

/** The grade and how it was computed: the server's own details when it sends them, else the counts. */
export function renderOverview(result) {
  const box = el("section", "overview");
  box.id = "overview";
  const grade = el("div", `grade grade-${result.grade || "none"}`, result.grade || "–");
  grade.id = "grade";
  grade.setAttribute("role", "img");
  grade.setAttribute("aria-label", result.grade ? `Grade ${result.grade}` : "No grade");
  const flags = groupFlags(result.red_flags);
  const good = groupGoodPoints(result.good_points);
  const text = el("div");
  const bySeverity = SEVERITIES.map((s) => [s, flags.filter((group) => group.severity === s).length]).filter(([, n]) => n);
  text.append(el("p", "counts", `${plural(flags.length, "red flag")}${bySeverity.length ? ` (${bySeverity.map(([s, n]) => `${n} ${s}`).join(", ")})` : ""} · ${plural(good.length, "good point")}`),
    el("p", "muted", `${plural(result.stats.sentences, "sentence")} · ${result.stats.words.toLocaleString("en")} words · ${result.stats.reading_minutes} min to read`));
  const how = el("div", "how");
  how.id = "grade-details";
  how.append(el("h3", "", "How the grade was computed"));
  if (result.grade_details && typeof result.grade_details === "object") {
    const list = el("dl");
    for (const [key, value] of Object.entries(result.grade_details)) {
      list.append(el("dt", "", key.replace(/_/g, " ")), el("dd", "", typeof value === "object" ? JSON.stringify(value) : String(value)));
    }
    how.append(list);
  } else {
    how.append(el("p", "", result.grade
      ? `The server graded this policy ${result.grade} from its red flags and good points, each practice counted once however many sentences state it.`
      : "The server gave no grade (red flags and good points are only detected in English)."));
  }
  text.append(how);
  box.append(grade, text);
  for (const note of result.notes || []) box.append(el("p", "note", note));
  return box;
}

/** One sentence of the policy, with the tags of what it states and its evidence in bold. */
function sentenceItem(sentence, findings, result) {
  const li = el("li", "sentence");
  li.id = `s-${sentence.position}`;
  li.value = sentence.position + 1;  // keeps its number when others are filtered out
  li.dataset.position = String(sentence.position);
  if (findings.length) {
    const kinds = findings.map((finding) => kindOf(finding, result));
    li.classList.add("marked", SEVERITIES.find((severity) => kinds.includes(severity)) || "good");
    li.dataset.kinds = kinds.join(" ");
    li.dataset.categories = findings.map((finding) => finding.category).join(" ");
    const tags = el("span", "tags");
    findings.forEach((finding, index) => {
      const {label, shape} = SEVERITY_LABELS[kinds[index]];
      const tag = el("span", `tag ${kinds[index]}`, `${shape} ${finding.category} · ${finding.title}`);
      tag.title = label;
      Object.assign(tag.dataset, {kind: kinds[index], category: finding.category});
      tags.append(tag);
    });
    li.append(tags);
  }
  const evidence = findings.flatMap((finding) => finding.evidence || []);
  const text = el("span", "text");
  text.append(...withEvidence(sentence.text, evidence));
  li.append(text);
  return li;
}

/** The whole policy in order, every sentence, its red flags and good points marked in place. */
export function renderPolicy(result) {
  const box = el("section", "policy");
  box.append(el("h2", "", "The policy, sentence by sentence"));
  if (!result.sentences?.length) {
    box.append(el("p", "note", "This analysis holds no sentences (the server did not send them): only the red flags and good points are listed."));
    return box;
  }
  const byPosition = findingsByPosition(result);
  const list = el("ol", "sentences");
  list.id = "sentences";
  list.append(...result.sentences.map((sentence) => sentenceItem(sentence, byPosition.get(sentence.position) || [], result)));
  box.append(list);
  return box;
}

/** The side list: one link per finding's sentence, grouped by rule, to jump to it in the text. */
export function renderJumpList(result, hasSentences) {
  const items = [];
  for (const [findings, kind] of [[groupFlags(result.red_flags), null], [groupGoodPoints(result.good_points), "good"]]) {
    for (const group of findings) {
      const li = el("li", `jump ${kind || group.severity}`);
      li.dataset.kind = kind || group.severity;
      li.dataset.category = group.category;
      const {shape, label} = SEVERITY_LABELS[kind || group.severity];
      const title = el("p", "jump-title", `${shape} ${group.title}`);
      title.title = `${label} · ${group.category}`;
      li.append(title);
      const links = el("p", "jump-links");
      group.findings.forEach((finding, index) => {
        const link = el(hasSentences ? "a" : "span", "", `sentence ${finding.position + 1}`);
        if (hasSentences) link.href = `#s-${finding.position}`;
        links.append(index ? ", " : "", link);
      });
      li.append(links);
      items.push(li);
    }
  }
  return items;
}

/** Show only what matches the category and the severity (empty: any); dim the other marks in the text. */
export function applyFilter(category, kind, onlyMarked) {
  for (const item of document.querySelectorAll("#jump .jump")) {
    item.hidden = Boolean((category && item.dataset.category !== category) || (kind && item.dataset.kind !== kind));
  }
  for (const sentence of document.querySelectorAll("#sentences .sentence")) {
    const categories = (sentence.dataset.categories || "").split(" ");
    const kinds = (sentence.dataset.kinds || "").split(" ");
    const matches = sentence.classList.contains("marked") && (!category || categories.includes(category)) && (!kind || kinds.includes(kind));
    sentence.classList.toggle("dimmed", sentence.classList.contains("marked") && !matches);
    sentence.hidden = onlyMarked && !matches;
    for (const tag of sentence.querySelectorAll(".tag")) {
      tag.classList.toggle("off", Boolean((category && tag.dataset.category !== category) || (kind && tag.dataset.kind !== kind)));
    }
  }
}
