/*
 * The change history: for each policy address, its last few versions, kept in the browser's local
 * storage. A version holds a fingerprint of the text, one short fingerprint per sentence, the grade
 * and the red flags and good points (their rule, title and quoted sentence), never the whole text.
 */
import {digestOf, sentenceFingerprints} from "../shared/fingerprint.js";

const PREFIX = "seen:";
const MAX_VERSIONS = 3;  // per address
const MAX_ADDRESSES = 20;  // the least recently seen are forgotten first
const MAX_SENTENCES = 5_000;  // fingerprints kept per version (a long policy has about 1,000)

/** Return the storage key of a policy address (query and fragment ignored). */
export function historyKey(url) {
  const address = new URL(url);
  return `${PREFIX}${address.origin}${address.pathname}`;
}

/** Return the part of a finding that a version keeps. */
function kept({rule, severity, category, title, sentence}) {
  return {rule, severity, category, title, sentence};
}

/** Return a policy's stored versions, oldest first (an entry from before versions were kept is one version). */
export async function versionsOf(url) {
  const key = historyKey(url);
  const entry = (await chrome.storage.local.get(key))[key];
  if (!entry) return [];
  return entry.versions || [{digest: entry.digest, at: entry.at, seen: entry.at, flags: entry.flags || [], good: [], sentences: []}];
}

/** Forget the least recently seen addresses beyond MAX_ADDRESSES. */
async function prune() {
  const everything = await chrome.storage.local.get(null);
  const addresses = Object.entries(everything).filter(([key]) => key.startsWith(PREFIX));
  if (addresses.length <= MAX_ADDRESSES) return;
  const lastSeen = ([, entry]) => Math.max(...(entry.versions || [entry]).map((v) => v.seen || v.at || 0));
  addresses.sort((a, b) => lastSeen(a) - lastSeen(b));
  await chrome.storage.local.remove(addresses.slice(0, addresses.length - MAX_ADDRESSES).map(([key]) => key));
}

/**
 * Record an analysis of the policy at url as its newest version; return what changed since the
 * last visit ({since, newFlags}), or null when it is the first visit or the text is the same.
 */
export async function record(url, text, result) {
  const versions = await versionsOf(url);
  const digest = await digestOf(text);
  const now = Date.now();
  const prior = versions.at(-1);
  if (prior?.digest === digest) {
    prior.seen = now;
  } else {
    versions.push({
      digest, at: now, seen: now, grade: result.grade ?? null,
      flags: result.red_flags.map(kept), good: result.good_points.map(kept),
      sentences: await sentenceFingerprints((result.sentences || []).slice(0, MAX_SENTENCES)),
    });
  }
  await chrome.storage.local.set({[historyKey(url)]: {versions: versions.slice(-MAX_VERSIONS)}});
  await prune();
  if (!prior || prior.digest === digest) return null;
  const before = new Set(prior.flags.map((flag) => `${flag.rule}\n${flag.sentence}`));
  const added = result.red_flags.filter((flag) => !before.has(`${flag.rule}\n${flag.sentence}`)).map(kept);
  return {since: prior.seen || prior.at, newFlags: added};
}
