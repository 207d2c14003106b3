// The options page: validates what the user enters before saving it to chrome.storage.local.
const $ = (sel) => document.querySelector(sel);
// What each platform shows as the account being posted as, as config.schema.json allows it:
// X and Instagram show handles; LinkedIn shows a display name or a Page name.
const ACCOUNT_FORMS = {
  x: { valid: /^@?[A-Za-z0-9_]{1,15}$/, says: "an X handle (@ and up to 15 letters, digits or _)" },
  linkedin: { valid: /^(?=.*\S)[^\u0000-\u001f\u007f]{1,100}$/, says: "a LinkedIn name or Page name (up to 100 characters)" },
  instagram: { valid: /^@?[A-Za-z0-9_.]{1,30}$/, says: "an Instagram username (up to 30 letters, digits, _ or .)" },
};

function problem(settings) {
  let url;
  try {
    url = new URL(settings.serviceUrl);
  } catch (err) {
    return "The service address is not a URL; it looks like http://127.0.0.1:8765";
  }
  if (url.protocol !== "http:" || url.hostname !== "127.0.0.1") return "The service address must be http://127.0.0.1:<port>: Clearpost never sends drafts anywhere else";
  for (const [platform, handles] of Object.entries(settings.officialHandles)) {
    const form = ACCOUNT_FORMS[platform];
    const bad = handles.find((h) => !form.valid.test(h));
    if (bad !== undefined) return `"${bad.slice(0, 40)}" is not ${form.says}`;
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

// The composers Clearpost recognised in open tabs, newest first: what it knows in each.
async function showComposers() {
  const { composers } = await chrome.storage.session.get("composers");
  const list = document.querySelector("#composers");
  list.replaceChildren();
  const tabs = Object.values(composers || {}).sort((a, b) => b.at - a.at);
  if (!tabs.length) {
    list.append(Object.assign(document.createElement("li"), { textContent: "None yet: type in a post box on X, LinkedIn or Instagram." }));
    return;
  }
  const yes = (known, what) => (known ? what : `${what} unknown`);
  for (const tab of tabs) {
    for (const c of tab.composers) {
      const item = document.createElement("li");
      item.setAttribute("data-clearpost", "recognised-composer");
      item.textContent = `${PLATFORM_NAMES[c.platform]}: ${c.composer} (${c.editor}); ${yes(c.author, "author")}, ${yes(c.postButton, "post button")}`;
      list.append(item);
    }
  }
}
const PLATFORM_NAMES = { x: "X", linkedin: "LinkedIn", instagram: "Instagram" };

load();
showComposers();
chrome.storage.session.onChanged.addListener(showComposers);
