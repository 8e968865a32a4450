/** Message types between the popup, the options page, the service worker and the content scripts. */
export const MESSAGES = Object.freeze({
  ANALYZE_TAB: "analyze-tab",
  ANALYZE_TEXT: "analyze-text",
  ANALYZE_URL: "analyze-url",
  LAST_RESULT: "last-result",
  MARK_SENTENCE: "mark-sentence",
  CLEAR_MARKS: "clear-marks",
});
