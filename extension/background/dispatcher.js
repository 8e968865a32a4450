/* The one dispatcher: answer each message type an extension page may send; refuse the rest. */
import {MESSAGES} from "../shared/messages.js";
import {analyzeSelection, analyzeTab, analyzeUrl} from "./analyze.js";
import {UserError} from "./client.js";
import {versionsOf} from "./history.js";
import {lastResult} from "./results.js";

/** Run one inserted script function in a tab, after its content script. */
async function inTab(tabId, file, func, args = []) {
  await chrome.scripting.executeScript({target: {tabId}, files: [file]});
  const [{result}] = await chrome.scripting.executeScript({target: {tabId}, func, args});
  return result;
}

/** Answer one message from the popup, the report page or the options page. */
export async function dispatch(message) {
  switch (message.type) {
    case MESSAGES.ANALYZE_TAB:
      return analyzeTab(message.tabId, Boolean(message.force));
    case MESSAGES.ANALYZE_URL:
      return analyzeUrl(message.tabId, message.url);
    case MESSAGES.ANALYZE_TEXT:
      return analyzeSelection(message.tabId, message.text);
    case MESSAGES.LAST_RESULT:
      return lastResult(message.tabId);
    case MESSAGES.HISTORY:
      return versionsOf(message.url);
    case MESSAGES.MARK_SENTENCE:
      return {found: await inTab(message.tabId, "extension/content/mark.js", (s) => globalThis.policyLensMarker.mark(s), [message.sentence])};
    case MESSAGES.CLEAR_MARKS:
      return {cleared: await inTab(message.tabId, "extension/content/mark.js", () => globalThis.policyLensMarker.clear() ?? true)};
    default:
      throw new UserError("unknown_message", `Unknown message type: ${message.type}`);
  }
}
