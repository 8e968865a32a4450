/*
 * The service worker: wires the browser's events to the dispatcher. It is the only part of the
 * extension that talks to the server (client.js) and owns storage (results.js, history.js).
 */
import {MESSAGES} from "../shared/messages.js";
import {dispatch} from "./dispatcher.js";
import {rememberError} from "./results.js";

const MENU_ID = "policylens-analyze-selection";

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
    await rememberError(tab.id, error);
  }
});
