/* The full report of a tab's last analysis: load it from the service worker, render, filter, export, compare. */
import {SOURCES} from "../shared/constants.js";
import {el} from "../shared/dom.js";
import {sentenceFingerprints} from "../shared/fingerprint.js";
import {MESSAGES} from "../shared/messages.js";
import {renderComparison} from "./compare.js";
import {download, toJson, toMarkdown} from "./export.js";
import {applyFilter, renderJumpList, renderOverview, renderPolicy} from "./policy.js";

const main = document.getElementById("report");

/** Send a message to the service worker; return its value or throw its error. */
async function ask(message) {
  const answer = await chrome.runtime.sendMessage(message);
  if (!answer?.ok) throw answer?.error || {message: "The extension did not answer. Reload it and try again."};
  return answer.value;
}

/** Return a file name for an export, from the policy's host and the date. */
function fileName(stored, extension) {
  let host = "policy";
  try { host = new URL(stored.url).hostname; } catch { /* a selection has no address */ }
  return `policylens-${host}-${new Date(stored.at).toISOString().slice(0, 10)}.${extension}`;
}

/** Wire the filters of the side list. */
function wireFilters(result) {
  const category = document.getElementById("filter-category");
  const severity = document.getElementById("filter-severity");
  const onlyMarked = document.getElementById("only-marked");
  const categories = [...new Set([...result.red_flags, ...result.good_points].map((f) => f.category))].sort();
  for (const name of categories) {
    const option = el("option", "", name);
    option.value = name;
    category.append(option);
  }
  const update = () => applyFilter(category.value, severity.value, onlyMarked.checked);
  for (const control of [category, severity, onlyMarked]) control.addEventListener("change", update);
}

/** Offer the comparison of two stored versions of this policy, newest two first. */
async function wireComparison(stored, section) {
  const versions = stored.source === SOURCES.PAGE && stored.url ? await ask({type: MESSAGES.HISTORY, url: stored.url}) : [];
  if (versions.length < 2) return;
  const current = stored.result.sentences?.length
    ? {sentences: stored.result.sentences, fingerprints: await sentenceFingerprints(stored.result.sentences)} : null;
  const heading = el("h2", "", "Compare versions of this policy");
  const pickers = el("p", "pickers");
  const selects = ["older", "newer"].map((id, which) => {
    const select = el("select");
    select.id = id;
    versions.forEach((version, index) => {
      const option = el("option", "", `${new Date(version.at).toLocaleString()} (grade ${version.grade || "–"})`);
      option.value = String(index);
      select.append(option);
    });
    select.value = String(versions.length - 2 + which);
    const label = el("label", "", `${id === "older" ? "Older" : "Newer"} `);
    label.append(select);
    pickers.append(label);
    return select;
  });
  const output = el("div");
  output.id = "comparison";
  const update = () => {
    const [older, newer] = selects.map((select) => Number(select.value));
    for (const node of document.querySelectorAll(".sentence.new-text")) node.classList.remove("new-text");
    const positions = renderComparison(output, versions, Math.min(older, newer), Math.max(older, newer), current);
    for (const position of positions) document.getElementById(`s-${position}`)?.classList.add("new-text");
  };
  for (const select of selects) select.addEventListener("change", update);
  section.append(heading, pickers, output);
  section.hidden = false;
  update();
}

/** Load the tab's last analysis and build the page. */
async function start() {
  const params = new URLSearchParams(location.search);
  const stored = await ask({type: MESSAGES.LAST_RESULT, tabId: Number(params.get("tab"))});
  if (!stored?.result) {
    main.replaceChildren(el("p", "note", "There is no analysis for this tab any more (it was closed, or the browser restarted). Open the policy and click the PolicyLens icon again."));
    return;
  }
  const {result} = stored;
  document.getElementById("title").textContent = stored.title ? `PolicyLens report: ${stored.title}` : "PolicyLens report";
  document.getElementById("address").textContent = stored.url
    ? `${stored.source === SOURCES.LINKED ? "Linked policy" : "Page"}: ${stored.url}` : "A selection of text";
  document.title = stored.title ? `PolicyLens report: ${stored.title}` : "PolicyLens report";
  const compare = el("section", "compare");
  compare.id = "compare";
  compare.hidden = true;
  main.replaceChildren(renderOverview(result), compare, renderPolicy(result));
  document.getElementById("jump").replaceChildren(...renderJumpList(result, Boolean(result.sentences?.length)));
  wireFilters(result);
  document.getElementById("export-json").addEventListener("click", () => download(toJson(stored), fileName(stored, "json"), "application/json"));
  document.getElementById("export-markdown").addEventListener("click", () => download(toMarkdown(stored), fileName(stored, "md"), "text/markdown"));
  document.getElementById("print").addEventListener("click", () => window.print());
  await wireComparison(stored, compare);
}

start()
  .catch((error) => main.replaceChildren(el("p", "note", error.message || "The report could not be built.")))
  .finally(() => { document.body.dataset.ready = "true"; });
