/* Each tab's last result, kept in session storage (memory only, never on disk), and its badge. */
import {SEVERITIES} from "../shared/constants.js";
import {getSettings} from "../shared/settings.js";

const BADGE_COLORS = {high: "#b91c1c", medium: "#b45309", low: "#4b5563", none: "#15803d"};

/** Return the storage key of a tab's last result: the only place that spells it. */
export function resultKey(tabId) {
  return `result:${tabId}`;
}

/** Show the number of red flags (distinct practices) on the toolbar icon for a tab. */
async function setBadge(tabId, result) {
  const {severities} = await getSettings();
  const shown = result.red_flags.filter((flag) => severities.includes(flag.severity));
  const worst = SEVERITIES.find((s) => shown.some((flag) => flag.severity === s)) || "none";
  await chrome.action.setBadgeText({tabId, text: String(new Set(shown.map((flag) => flag.category)).size)});
  await chrome.action.setBadgeBackgroundColor({tabId, color: BADGE_COLORS[worst]});
}

/** Keep a tab's last result (with its source, one of SOURCES) and show its badge. */
export async function remember(tabId, result, source, extra = {}) {
  const entry = {[resultKey(tabId)]: {result, source, at: Date.now(), ...extra}};
  try {
    await chrome.storage.session.set(entry);
  } catch {
    // Session storage is bounded (10 MB) and results hold every sentence: forget the other
    // tabs' results (their popups analyse again, from the server's cache) and try once more.
    const others = Object.keys(await chrome.storage.session.get(null)).filter((key) => key.startsWith("result:"));
    await chrome.storage.session.remove(others);
    await chrome.storage.session.set(entry);
  }
  await setBadge(tabId, result);
}

/** Keep an error for a tab's popup to show (an analysis started from the context menu failed). */
export async function rememberError(tabId, error) {
  await chrome.storage.session.set({[resultKey(tabId)]: {error: {code: error.code, message: error.message}, at: Date.now()}});
  await chrome.action.setBadgeText({tabId, text: "!"});
}

/** Return a tab's last result, or null. */
export async function lastResult(tabId) {
  const key = resultKey(tabId);
  return (await chrome.storage.session.get(key))[key] || null;
}
