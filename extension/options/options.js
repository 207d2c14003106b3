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
  askPack(); // perhaps another service now: ask it what it has in force
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
  if (answer.ok) askPack();
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

// The policy pack the service has in force, as the service worker last heard it (session
// storage), and the trusted keys IT pushed through managed storage: those sent, those dropped.
const li = (text, attrs = {}) => {
  const item = Object.assign(document.createElement("li"), { textContent: text });
  for (const [k, v] of Object.entries(attrs)) item.setAttribute(k, v);
  return item;
};
let packAnswer = null; // the service worker's answer to "pack-status": null while asking

async function showPack() {
  const { packStatus: heard, trust } = await chrome.storage.session.get(["packStatus", "trust"]);
  const { serviceUrl } = await chrome.storage.local.get("serviceUrl");
  // What another service had in force says nothing about this one.
  const packStatus = heard && heard.serviceUrl === (serviceUrl || "http://127.0.0.1:8765") ? heard : null;
  const box = $("#pack");
  box.replaceChildren();
  const refused = $("#pack-refused");
  refused.hidden = true;
  refused.textContent = "";
  if (!packStatus) {
    const why = packAnswer === null ? "Asking the service…"
      : !packAnswer.ok ? `Not known: ${packAnswer.message}`
        : packAnswer.packKnown === false ? "Not known: this Clearpost service does not report its policy pack; update it." : "Not known yet.";
    box.append(Object.assign(document.createElement("p"), { className: "hint", textContent: why }));
  } else if (!packStatus.pack) {
    box.append(Object.assign(document.createElement("p"), { textContent: "The service has no policy pack of its own: drafts are checked with the built-in pack chosen under Organisation above." }));
  } else {
    const p = packStatus.pack;
    const dl = Object.assign(document.createElement("dl"), { className: "facts" });
    const fact = (name, value, key) => {
      const dd = Object.assign(document.createElement("dd"), { textContent: value });
      dd.setAttribute("data-clearpost-pack", key);
      dl.append(Object.assign(document.createElement("dt"), { textContent: name }), dd);
    };
    fact("Organisation", p.name === p.id ? p.name : `${p.name} (${p.id})`, "organisation");
    fact("Version", p.version === null ? "not given" : String(p.version), "version");
    const unsigned = p.source === "built-in" ? "Not signed: a built-in pack that ships with Clearpost" : "Unsigned";
    fact("Signed by", p.signed ? `${p.signer || "a trusted key"}${p.key_id ? ` (key ${p.key_id})` : ""}` : unsigned, "signer");
    fact("Issued", p.issued || "not given", "issued");
    fact("Expires", p.expires || "no expiry date", "expires");
    fact("From", p.source || "not given", "source");
    box.append(dl);
  }
  const r = packStatus && packStatus.pack_refused;
  if (r) {
    const reason = r.reason.trim();
    const kept = r.kept || (packStatus.pack ? packStatus.pack.name : "the last good pack");
    refused.textContent = `Your organisation's new policy pack was refused: ${reason}${/[.!?]$/.test(reason) ? "" : "."} Still checking with ${kept}.`
      + (r.file ? ` (file: ${r.file})` : "");
    refused.hidden = false;
  }

  const keys = $("#trusted-keys");
  keys.replaceChildren();
  const invalid = $("#invalid-keys");
  invalid.replaceChildren();
  if (!trust || !trust.set) keys.append(li("None set by your organisation."));
  else if (!trust.keys.length) keys.append(li("None: your organisation trusts no signing key here."));
  for (const k of (trust && trust.keys) || []) keys.append(li(`key ${k.id}`, { "data-clearpost": "trusted-key" }));
  for (const bad of (trust && trust.invalid) || []) {
    invalid.append(li(bad.key ? `"${bad.key}" was dropped, not sent: ${bad.why}.` : `Dropped: ${bad.why}.`, { "data-clearpost": "invalid-key" }));
  }
  const sent = $("#keys-sent");
  sent.textContent = trust && trust.push ? trust.push.message : "";
  sent.className = trust && trust.push && !trust.push.ok ? "error" : "hint";
}

async function askPack() {
  packAnswer = null;
  await showPack();
  try {
    packAnswer = await chrome.runtime.sendMessage({ type: "pack-status" });
  } catch (err) {
    packAnswer = { ok: false, message: "the extension did not answer; reload this page" };
  }
  await showPack();
}

load();
showComposers();
askPack();
chrome.storage.session.onChanged.addListener(showComposers);
chrome.storage.session.onChanged.addListener((changes) => {
  if ("packStatus" in changes || "trust" in changes) showPack();
});
