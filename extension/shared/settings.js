/** Settings: their defaults, and reading them from the browser's own storage. */
import {SEVERITIES} from "./constants.js";

export const DEFAULTS = Object.freeze({
  serverUrl: "http://127.0.0.1:8765",
  maxHighlights: 7,
  severities: [...SEVERITIES],
  token: "",
  timeoutSeconds: 20,
});

export const START_COMMAND = "bin/serve";

/** Return the settings, defaults filled in. */
export async function getSettings() {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
  return {...DEFAULTS, ...stored};
}

/** Return the origin pattern that host permissions use for a server URL. */
export function originPattern(serverUrl) {
  const url = new URL(serverUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
