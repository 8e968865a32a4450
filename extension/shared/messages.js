/** Message types that the extension's pages (popup, report) send to the service worker. */
export const MESSAGES = Object.freeze({
  ANALYZE_TAB: "analyze-tab",
  ANALYZE_TEXT: "analyze-text",
  ANALYZE_URL: "analyze-url",
  LAST_RESULT: "last-result",
  MARK_SENTENCE: "mark-sentence",
  CLEAR_MARKS: "clear-marks",
  HISTORY: "history",
});
