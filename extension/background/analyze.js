/* What the popup asks for: read a tab's page, or download a linked policy, and analyse it. */
import {FORMATS, SOURCES} from "../shared/constants.js";
import {UserError, analyzeText} from "./client.js";
import {record} from "./history.js";
import {remember} from "./results.js";

/** Read the main text of a tab's page with the content script. */
async function extract(tabId) {
  try {
    const [{result}] = await chrome.scripting.executeScript({target: {tabId}, files: ["extension/content/extract.js"]});
    return result;
  } catch {
    throw new UserError("unreadable", "PolicyLens cannot read this page: browsers keep their own pages and the extension stores out of reach. Open the policy itself and try again.");
  }
}

/** Analyse the page in a tab; a page that does not look like a policy is only analysed on request. */
export async function analyzeTab(tabId, force) {
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
  const result = await analyzeText(page.text, FORMATS.TEXT);
  const change = await record(page.url, page.text, result);
  await remember(tabId, result, SOURCES.PAGE, {change, url: page.url, title: page.title});
  return {result, source: SOURCES.PAGE, change};
}

/** Download a linked policy (a page the user chose) and analyse it as HTML: the server drops the markup. */
export async function analyzeUrl(tabId, url) {
  let html;
  try {
    const response = await fetch(url, {credentials: "omit", redirect: "follow"});
    if (!response.ok) throw new Error(String(response.status));
    html = await response.text();
  } catch {
    throw new UserError("unreachable_page", `PolicyLens could not download ${url}. Open it and click the PolicyLens icon there.`);
  }
  const result = await analyzeText(html, FORMATS.HTML);
  await remember(tabId, result, SOURCES.LINKED, {url});
  return {result, source: SOURCES.LINKED, url};
}

/** Analyse a selection (from the context menu or a page of the extension) and keep it for the tab. */
export async function analyzeSelection(tabId, text) {
  const result = await analyzeText(text, FORMATS.TEXT);
  if (tabId != null) await remember(tabId, result, SOURCES.SELECTION);
  return {result, source: SOURCES.SELECTION};
}
