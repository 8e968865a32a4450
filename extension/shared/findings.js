/** Group red flags and good points by rule, the way the popup and the report show them. */
import {severityRank} from "./constants.js";

/**
 * Return one group per rule: the rule's facts, and its findings with each distinct sentence once
 * (a policy that repeats a sentence shows it once), worst severity first, then by first position.
 */
export function groupByRule(findings) {
  const groups = new Map();
  for (const finding of findings) {
    if (!groups.has(finding.rule)) {
      const {rule, category, severity, title, explanation, position} = finding;
      groups.set(finding.rule, {rule, category, severity, title, explanation, position, findings: [], seen: new Set()});
    }
    const group = groups.get(finding.rule);
    if (group.seen.has(finding.sentence)) continue;
    group.seen.add(finding.sentence);
    group.findings.push(finding);
  }
  return [...groups.values()]
    .map(({seen, ...group}) => group)
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || a.position - b.position);
}

/** Return "1 thing" or "N things". */
export function plural(count, noun) {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
