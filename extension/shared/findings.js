/** Group red flags by category and good points by rule, the way the popup and the report show them. */
import {severityRank} from "./constants.js";

/**
 * Return one group per value of `key` ("category" for red flags: one card per practice, as the
 * grade counts them; "rule" for good points, whose rules promise different things): the facts of
 * its most serious finding, and its findings with each distinct sentence once (a policy that
 * repeats a sentence shows it once), worst severity first, then by first position.
 */
export function groupFindings(findings, key) {
  const groups = new Map();
  for (const finding of findings) {
    const {rule, category, severity, title, explanation, position} = finding;
    const group = groups.get(finding[key]);
    if (!group) {
      groups.set(finding[key], {rule, category, severity, title, explanation, position, findings: [finding], seen: new Set([finding.sentence])});
      continue;
    }
    if (severityRank(severity) < severityRank(group.severity)) Object.assign(group, {rule, severity, title, explanation});
    group.position = Math.min(group.position, position);
    if (group.seen.has(finding.sentence)) continue;
    group.seen.add(finding.sentence);
    group.findings.push(finding);
  }
  return [...groups.values()]
    .map(({seen, ...group}) => group)
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.position - b.position);
}

/** Return the red flags' groups: one per category. */
export function groupFlags(flags) {
  return groupFindings(flags, "category");
}

/** Return the good points' groups: one per rule. */
export function groupGoodPoints(points) {
  return groupFindings(points, "rule");
}

/** Return "1 thing" or "N things". */
export function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
