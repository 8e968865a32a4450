/* The options page: read and save the settings; ask for a new server's host permission on save. */
import {SEVERITIES, SEVERITY_LABELS} from "../shared/constants.js";
import {DEFAULTS, getSettings, originPattern} from "../shared/settings.js";

const form = document.getElementById("form");
const status = document.getElementById("status");

/** Add one check box per severity, worst first. */
function severityBoxes() {
  for (const severity of SEVERITIES) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    Object.assign(box, {type: "checkbox", name: "severities", value: severity});
    label.append(box, ` ${SEVERITY_LABELS[severity].label}`);
    document.getElementById("severities").append(label);
  }
}

/** Fill the form from the stored settings. */
async function load() {
  severityBoxes();
  const settings = await getSettings();
  form.serverUrl.value = settings.serverUrl;
  form.maxHighlights.value = settings.maxHighlights;
  form.token.value = settings.token;
  for (const box of form.querySelectorAll("[name=severities]")) box.checked = settings.severities.includes(box.value);
  document.body.dataset.ready = "true";
}

/** Save the form; a server on a host the extension may not reach yet needs the user's permission. */
async function save(event) {
  event.preventDefault();
  document.body.dataset.saved = "false";
  const serverUrl = form.serverUrl.value.trim().replace(/\/+$/, "");
  let origin;
  try {
    origin = originPattern(serverUrl);
  } catch {
    status.textContent = "The server address must be a full URL, like http://127.0.0.1:8765.";
    return;
  }
  // Ask inside the click, as browsers require; the loopback hosts are granted at install.
  const granted = await chrome.permissions.contains({origins: [origin]}) || await chrome.permissions.request({origins: [origin]});
  if (!granted) {
    status.textContent = `PolicyLens needs your permission to reach ${new URL(serverUrl).host}; the settings were not saved.`;
    return;
  }
  const severities = [...form.querySelectorAll("[name=severities]:checked")].map((box) => box.value);
  const maxHighlights = Math.min(20, Math.max(1, Number(form.maxHighlights.value) || DEFAULTS.maxHighlights));
  await chrome.storage.local.set({serverUrl, maxHighlights, severities, token: form.token.value});
  status.textContent = "Saved.";
  document.body.dataset.saved = "true";
}

form.addEventListener("submit", save);
load();
