// The options page: validates what the user enters before saving it to chrome.storage.local.
const $ = (sel) => document.querySelector(sel);
const HANDLE = /^@?[A-Za-z0-9_.-]{1,100}$/;

function problem(settings) {
  let url;
  try {
    url = new URL(settings.serviceUrl);
  } catch (err) {
    return "The service address is not a URL; it looks like http://127.0.0.1:8765";
  }
  if (url.protocol !== "http:" || url.hostname !== "127.0.0.1") return "The service address must be http://127.0.0.1:<port>: Clearpost never sends drafts anywhere else";
  for (const [platform, handles] of Object.entries(settings.officialHandles)) {
    const bad = handles.find((h) => !HANDLE.test(h));
    if (bad !== undefined) return `"${bad.slice(0, 40)}" is not a ${platform} handle (letters, digits, _ . - only)`;
  }
  return null;
}

function read() {
  const officialHandles = {};
  for (const box of document.querySelectorAll("[data-clearpost-handles]")) {
    officialHandles[box.dataset.clearpostHandles] = box.value.split(/\n/).map((h) => h.trim()).filter(Boolean);
  }
  const sites = {};
  for (const box of document.querySelectorAll("[data-clearpost-site]")) sites[box.dataset.clearpostSite] = box.checked;
  return {
    serviceUrl: $("#serviceUrl").value.trim() || "http://127.0.0.1:8765",
    token: $("#token").value.trim(),
    org: $("#org").value,
    profileDisclaimer: $("#profileDisclaimer").checked,
    officialHandles,
    sites,
  };
}

async function load() {
  const s = await chrome.storage.local.get(["serviceUrl", "token", "org", "profileDisclaimer", "officialHandles", "sites"]);
  $("#serviceUrl").value = s.serviceUrl || "http://127.0.0.1:8765";
  $("#token").value = s.token || "";
  $("#org").value = s.org || "";
  $("#profileDisclaimer").checked = Boolean(s.profileDisclaimer);
  for (const box of document.querySelectorAll("[data-clearpost-handles]")) box.value = ((s.officialHandles || {})[box.dataset.clearpostHandles] || []).join("\n");
  for (const box of document.querySelectorAll("[data-clearpost-site]")) box.checked = (s.sites || {})[box.dataset.clearpostSite] !== false;
  try {
    const managed = await chrome.storage.managed.get(["org", "officialHandles"]);
    if (managed.org || managed.officialHandles) $("#managed").textContent = "Your organisation sets the organisation and official accounts; its settings win.";
  } catch (err) {
    // no managed policy
  }
}

$("#save").addEventListener("click", async () => {
  const settings = read();
  const bad = problem(settings);
  $("#saved").className = bad ? "error" : "good";
  if (bad) {
    $("#saved").textContent = bad;
    return;
  }
  await chrome.storage.local.set(settings);
  $("#saved").textContent = "Saved.";
});

$("#test").addEventListener("click", async () => {
  const settings = read();
  const bad = problem(settings);
  const status = $("#status");
  if (bad) {
    status.className = "error";
    status.textContent = bad;
    return;
  }
  status.className = "";
  status.textContent = "Testing…";
  const answer = await chrome.runtime.sendMessage({ type: "test-connection", serviceUrl: settings.serviceUrl, token: settings.token });
  status.className = answer.ok ? "good" : "error";
  status.textContent = answer.message;
});

load();
