/* Export a report: the analysis as JSON, a readable Markdown file, both saved through a Blob URL. */
import {SEVERITY_LABELS} from "../shared/constants.js";
import {groupFlags, groupGoodPoints} from "../shared/findings.js";

/** Save text as a file the browser downloads; nothing leaves the machine. */
export function download(text, name, type) {
  const url = URL.createObjectURL(new Blob([text], {type}));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Return the stored analysis as JSON, with where and when it was made. */
export function toJson(stored) {
  const {result, source, url = null, title = null, at} = stored;
  return `${JSON.stringify({policylens_report: 1, url, title, source, analysed_at: new Date(at).toISOString(), analysis: result}, null, 2)}\n`;
}

/** Escape the characters Markdown would read as markup, so policy text stays text. */
function escape(text) {
  return text.replace(/[\\`*_[\]{}<>#|~!]/g, "\\$&").replace(/^(\s*)([-+]|\d+\.)(\s)/, "$1\\$2$3");
}

/** Return a Markdown report: grade, red flags and good points with their sentences, key sentences, the whole text. */
export function toMarkdown(stored) {
  const {result, url, title} = stored;
  const flags = groupFlags(result.red_flags);
  const good = groupGoodPoints(result.good_points);
  const lines = [`# PolicyLens report${title ? `: ${escape(title)}` : ""}`, ""];
  if (url) lines.push(`Address: <${url.replace(/>/g, "%3E")}>`, "");
  lines.push(`Grade: **${result.grade || "none"}** · ${flags.length} red flags · ${good.length} good points`,
    `Analysed ${new Date(stored.at).toISOString()} · ${result.stats.sentences} sentences · ${result.stats.reading_minutes} min to read`, "");
  const groups = (heading, list, kindOf) => {
    if (!list.length) return;
    lines.push(`## ${heading}`, "");
    for (const group of list) {
      const {label, shape} = SEVERITY_LABELS[kindOf(group)];
      lines.push(`### ${shape} ${escape(group.title)} (${label}, ${escape(group.category)})`, "", escape(group.explanation), "");
      for (const finding of group.findings) lines.push(`> ${escape(finding.sentence)}`, "");
    }
  };
  groups("Red flags", flags, (group) => group.severity);
  groups("Good points", good, () => "good");
  if (result.highlights.length) {
    lines.push("## Key sentences", "");
    for (const highlight of result.highlights) lines.push(`- ${escape(highlight.sentence)}`);
    lines.push("");
  }
  if (result.sentences?.length) {
    const notes = new Map();
    for (const item of [...result.red_flags, ...result.good_points]) {
      const kind = result.good_points.includes(item) ? "good point" : `${item.severity} red flag`;
      notes.set(item.position, [...(notes.get(item.position) || []), `${kind}: ${item.title}`]);
    }
    lines.push("## The policy, sentence by sentence", "");
    for (const sentence of result.sentences) {
      const note = notes.get(sentence.position);
      lines.push(`${sentence.position + 1}. ${escape(sentence.text)}${note ? ` **[${escape(note.join("; "))}]**` : ""}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
