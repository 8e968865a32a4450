/* The HTTP client: the one place that sends a policy to the PolicyLens server. */
import {START_COMMAND, getSettings} from "../shared/settings.js";

/** An error the popup shows as it is: a code, a message, and what to do. */
export class UserError extends Error {
  constructor(code, message, extra = {}) {
    super(message);
    Object.assign(this, {code, ...extra});
  }
}

/**
 * Send text to the server and return its analysis, every sentence included (the report shows
 * them); format says whether it is a page's visible text or an HTML document (FORMATS).
 */
export async function analyzeText(text, format) {
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
      body: JSON.stringify({text, format, max_highlights: settings.maxHighlights, sentences: true}),
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
