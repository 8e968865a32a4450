/* The popup: find the tab, ask the service worker for its analysis, and wire the clicks. */
import {SOURCES} from "../shared/constants.js";
import {MESSAGES} from "../shared/messages.js";
import {getSettings} from "../shared/settings.js";
import {renderError, renderNotPolicy, renderResult, renderWorking} from "./render.js";

const content = document.getElementById("content");
const clearButton = document.getElementById("clear");

/** Send a message to the service worker; return its value or throw its error. */
async function ask(message) {
  const answer = await chrome.runtime.sendMessage(message);
  if (!answer?.ok) throw answer?.error || {code: "error", message: "The extension did not answer. Reload it and try again."};
  return answer.value;
}

/** Return the id of the tab to analyse: the one named in the address (tests), else the active tab. */
async function targetTab() {
  const named = new URLSearchParams(location.search).get("tab");
  if (named) return Number(named);
  const [tab] = await chrome.tabs.query({active: true, currentWindow: true});
  return tab?.id;
}

/** Mark a sentence in the page. */
async function pick(tabId, sentence) {
  const {found} = await ask({type: MESSAGES.MARK_SENTENCE, tabId, sentence});
  clearButton.hidden = false;
  document.body.dataset.marked = String(found);
}

/** Show one state and tell tests the page is ready. */
function done() {
  document.body.dataset.ready = "true";
}

/** Open the full report of the tab's last analysis in a tab of its own. */
function openReport(tabId) {
  chrome.tabs.create({url: chrome.runtime.getURL(`extension/report/report.html?tab=${tabId}`)});
}

/** Render an outcome; sentences of a linked policy are not in this page, so they mark nothing. */
function show(tabId, outcome, settings) {
  const onPick = outcome.source === SOURCES.LINKED ? null : (sentence) => pick(tabId, sentence);
  renderResult(content, outcome.result, settings, onPick, {change: outcome.change, url: outcome.url, onReport: () => openReport(tabId)});
}

/** Fetch and analyse a policy linked from the page; another site needs the user's permission first. */
async function analyzeLinked(tabId, url) {
  const origin = `${new URL(url).origin}/*`;
  // Asked inside the click, as browsers require.
  const granted = await chrome.permissions.contains({origins: [origin]}) || await chrome.permissions.request({origins: [origin]});
  document.body.dataset.ready = "false";
  try {
    if (!granted) throw {code: "permission", message: `PolicyLens needs your permission to download ${url}.`};
    renderWorking(content, "Downloading and reading the linked policy…");
    show(tabId, await ask({type: MESSAGES.ANALYZE_URL, tabId, url}), await getSettings());
  } catch (error) {
    renderError(content, error, () => chrome.runtime.openOptionsPage());
  }
  done();
}

/** Analyse the tab (or show its last selection or linked analysis) and render the outcome. */
async function run(tabId, force = false) {
  document.body.dataset.ready = "false";
  const settings = await getSettings();
  const openOptions = () => chrome.runtime.openOptionsPage();
  try {
    const last = force ? null : await ask({type: MESSAGES.LAST_RESULT, tabId});
    if (last?.error) {
      renderError(content, last.error, openOptions);
    } else if (last?.result && last.source !== SOURCES.PAGE) {
      show(tabId, last, settings);
    } else {
      const outcome = await ask({type: MESSAGES.ANALYZE_TAB, tabId, force});
      if (outcome.notPolicy) {
        renderNotPolicy(content, outcome, () => run(tabId, true), (url) => analyzeLinked(tabId, url));
      } else {
        show(tabId, outcome, settings);
      }
    }
  } catch (error) {
    renderError(content, error, openOptions);
  }
  done();
}

document.getElementById("options").addEventListener("click", () => chrome.runtime.openOptionsPage());
targetTab().then((tabId) => {
  clearButton.addEventListener("click", async () => {
    await ask({type: MESSAGES.CLEAR_MARKS, tabId});
    clearButton.hidden = true;
  });
  return run(tabId);
});
