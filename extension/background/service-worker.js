/* The service worker: the only part that talks to the server, owns storage and sets the badge. */
import {MESSAGES} from "../shared/messages.js";
import {START_COMMAND, getSettings} from "../shared/settings.js";

const MENU_ID = "policylens-analyze-selection";
const BADGE_COLORS = {high: "#b91c1c", medium: "#b45309", low: "#4b5563", none: "#15803d"};

/** An error the popup shows as it is: a code, a message, and what to do. */
class UserError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    Object.assign(this, {code, ...extra});
  }
}

/** Send text to the server; return its analysis or throw a UserError that says what to do. */
async function analyzeText(text) {
  const settings = await getSettings();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeoutSeconds * 1000);
  const headers = {"Content-Type": "application/json"};
  if (settings.token) headers.Authorization = `Bearer ${settings.token}`;
  let response;
  try {
    response = await fetch(new URL("/api/v1/analyze", settings.serverUrl), {
      method: "POST",
      headers,
      body: JSON.stringify({text, max_highlights: settings.maxHighlights}),
      signal: controller.signal,
      credentials: "omit",
    });
  } catch (error) {
    if (error.name === "AbortError") {
      throw new UserError("timeout", `The PolicyLens server at ${settings.serverUrl} did not answer within ${settings.timeoutSeconds} seconds. Try again, or raise the time limit in the options.`);
    }
    throw new UserError("unreachable", `The PolicyLens server at ${settings.serverUrl} is not answering.`, {
      command: START_COMMAND, serverUrl: settings.serverUrl,
    });
  } finally {
    clearTimeout(timer);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body?.error?.message || `The server answered with status ${response.status}.`;
    throw new UserError(body?.error?.code || "server_error", message);
  }
  return body;
}

/** Read the main text of a tab's page with the content script. */
async function extract(tabId) {
  try {
    const [{result}] = await chrome.scripting.executeScript({target: {tabId}, files: ["extension/content/extract.js"]});
    return result;
  } catch {
    throw new UserError("unreadable", "PolicyLens cannot read this page: browsers keep their own pages and the extension stores out of reach. Open the policy itself and try again.");
  }
}

/** Show the number of red flags (distinct practices) on the toolbar icon for a tab. */
async function setBadge(tabId, result) {
  const {severities} = await getSettings();
  const shown = result.red_flags.filter((flag) => severities.includes(flag.severity));
  const worst = ["high", "medium", "low"].find((s) => shown.some((flag) => flag.severity === s)) || "none";
  await chrome.action.setBadgeText({tabId, text: String(new Set(shown.map((flag) => flag.rule)).size)});
  await chrome.action.setBadgeBackgroundColor({tabId, color: BADGE_COLORS[worst]});
}

/** Keep a tab's last result for the popup, in session storage (memory only, never on disk). */
async function remember(tabId, result, source, extra = {}) {
  await chrome.storage.session.set({[`result:${tabId}`]: {result, source, at: Date.now(), ...extra}});
  await setBadge(tabId, result);
}

/** Return the hex SHA-256 of a text. */
async function digestOf(text) {
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Compare a policy with the last analysis of the same address, kept in the browser's local
 * storage (a fingerprint of the text and its red flags, nothing else); return what changed.
 */
async function compareWithLastVisit(url, text, result) {
  const address = new URL(url);
  const key = `seen:${address.origin}${address.pathname}`;
  const digest = await digestOf(text);
  const prior = (await chrome.storage.local.get(key))[key];
  const flags = result.red_flags.map(({rule, sentence}) => ({rule, sentence}));
  await chrome.storage.local.set({[key]: {digest, flags, at: Date.now()}});
  if (!prior || prior.digest === digest) return null;
  const before = new Set(prior.flags.map((flag) => `${flag.rule}\n${flag.sentence}`));
  const added = flags.filter((flag) => !before.has(`${flag.rule}\n${flag.sentence}`));
  return {since: prior.at, newFlags: added};
}

/** Analyse the page in a tab; a page that does not look like a policy is only analysed on request. */
async function analyzeTab(tabId, force) {
  const page = await extract(tabId);
  if (page?.tooLong) {
    throw new UserError("too_large", `This page holds ${page.length.toLocaleString("en")} characters of text, more than any policy (PolicyLens reads up to ${page.limit.toLocaleString("en")}). Select the policy's own text and choose "Analyze selection with PolicyLens" from the context menu.`);
  }
  if (!page?.text?.trim()) {
    throw new UserError("no_text", "This page has no text to analyse. Open the policy's own page, or select its text and use the context menu.");
  }
  if (!page.isPolicy && !force) {
    return {notPolicy: true, policyLinks: page.policyLinks, title: page.title};
  }
  const result = await analyzeText(page.text);
  const change = await compareWithLastVisit(page.url, page.text, result);
  await remember(tabId, result, "page", {change});
  return {result, source: "page", change};
}

/** Fetch a linked policy (a page the user chose) and analyse its HTML; the server drops the markup. */
async function analyzeUrl(tabId, url) {
  let html;
  try {
    const response = await fetch(url, {credentials: "omit", redirect: "follow"});
    if (!response.ok) throw new Error(String(response.status));
    html = await response.text();
  } catch {
    throw new UserError("unreachable_page", `PolicyLens could not download ${url}. Open it and click the PolicyLens icon there.`);
  }
  const result = await analyzeText(html);
  await remember(tabId, result, "linked", {url});
  return {result, source: "linked", url};
}

/** Run one inserted script function in a tab, after its content script. */
async function inTab(tabId, file, func, args = []) {
  await chrome.scripting.executeScript({target: {tabId}, files: [file]});
  const [{result}] = await chrome.scripting.executeScript({target: {tabId}, func, args});
  return result;
}

/** Answer one message from the popup or the options page. */
async function dispatch(message) {
  switch (message.type) {
    case MESSAGES.ANALYZE_TAB:
      return analyzeTab(message.tabId, Boolean(message.force));
    case MESSAGES.ANALYZE_URL:
      return analyzeUrl(message.tabId, message.url);
    case MESSAGES.ANALYZE_TEXT: {
      const result = await analyzeText(message.text);
      if (message.tabId != null) await remember(message.tabId, result, "selection");
      return {result, source: "selection"};
    }
    case MESSAGES.LAST_RESULT: {
      const key = `result:${message.tabId}`;
      return (await chrome.storage.session.get(key))[key] || null;
    }
    case MESSAGES.MARK_SENTENCE:
      return {found: await inTab(message.tabId, "extension/content/mark.js", (s) => globalThis.policyLensMarker.mark(s), [message.sentence])};
    case MESSAGES.CLEAR_MARKS:
      return {cleared: await inTab(message.tabId, "extension/content/mark.js", () => globalThis.policyLensMarker.clear() ?? true)};
    default:
      throw new UserError("unknown_message", `Unknown message type: ${message.type}`);
  }
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only the extension's own pages may ask; web pages and content scripts send nothing here.
  if (sender.id !== chrome.runtime.id || !sender.url?.startsWith(chrome.runtime.getURL(""))) return false;
  dispatch(message).then(
    (value) => sendResponse({ok: true, value}),
    (error) => sendResponse({ok: false, error: {code: error.code || "error", message: error.message, command: error.command, serverUrl: error.serverUrl}}),
  );
  return true;  // the answer comes asynchronously
});

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({id: MENU_ID, title: "Analyze selection with PolicyLens", contexts: ["selection"]});
});

chrome.contextMenus.onClicked.addListener(async (info, tab) => {
  if (info.menuItemId !== MENU_ID || !info.selectionText) return;
  try {
    await dispatch({type: MESSAGES.ANALYZE_TEXT, text: info.selectionText, tabId: tab.id});
    await chrome.action.openPopup?.().catch(() => {});
  } catch (error) {
    await chrome.storage.session.set({[`result:${tab.id}`]: {error: {code: error.code, message: error.message}, at: Date.now()}});
    await chrome.action.setBadgeText({tabId: tab.id, text: "!"});
  }
});
