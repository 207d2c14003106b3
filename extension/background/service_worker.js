// Clearpost's service worker: the only part of the extension that talks to the local service.
// Content scripts cannot reach 127.0.0.1 from an https page (Chrome's local-network rules),
// so they send {type: "check", ...} here; this worker validates the message, adds the token
// and relays it to http://127.0.0.1:<port>. The draft goes nowhere else and is never stored.

// Settings live in chrome.storage.local (the options page writes them); an organisation can
// push org and officialHandles through managed storage (managed_schema.json), which wins.
const DEFAULTS = { serviceUrl: "http://127.0.0.1:8765", token: "", org: "", profileDisclaimer: false, officialHandles: {}, accounts: {}, sites: {} };
const PLATFORMS = ["x", "linkedin", "instagram"];
const MAX_CHARS = 20000;
const MAX_AUTHOR = 100; // the service's limit on account.handle
const MAX_COMPOSERS = 50;
const TIMEOUT_MS = 3000;

function validCheck(msg) {
  if (typeof msg.text !== "string" || msg.text.length > MAX_CHARS) return "text must be a string of at most 20,000 characters";
  if (!PLATFORMS.includes(msg.platform)) return "platform must be x, linkedin or instagram";
  if (msg.handle !== undefined && msg.handle !== null && (typeof msg.handle !== "string" || !msg.handle.trim() || msg.handle.length > MAX_AUTHOR)) return "handle must be a name of 1 to 100 characters";
  if (msg.accountType !== undefined && msg.accountType !== null && !["official", "personal"].includes(msg.accountType)) return "accountType must be official or personal";
  if (!Array.isArray(msg.attachments) || !msg.attachments.every((k) => k === "image" || k === "video")) return "attachments must be a list of image or video";
  return null;
}

async function settings() {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
  let managed = {};
  try {
    managed = await chrome.storage.managed.get(["org", "officialHandles"]);
  } catch (err) {
    managed = {}; // no policy installed
  }
  return { ...DEFAULTS, ...stored, ...managed };
}

// "@IUK_Events", "IntegrateUK Ltd " and "integrateuk ltd" name accounts the same way the
// service's normalise_handle does: white space collapsed, no leading @, lower case.
const norm = (handle) => String(handle || "").trim().replace(/\s+/g, " ").replace(/^@/, "").toLowerCase();

// The account type Clearpost already knows for this handle: configured as official, or the
// user's own answer to "Is @handle an official account?". null: ask the service, then the user.
function knownAccountType(s, platform, handle) {
  if (!handle) return null;
  const official = (s.officialHandles[platform] || []).map(norm);
  if (official.includes(norm(handle))) return "official";
  const remembered = (s.accounts[platform] || {})[norm(handle)];
  return remembered === "official" || remembered === "personal" ? remembered : null;
}

async function check(msg) {
  const s = await settings();
  const { serviceUrl, token, org } = s;
  const url = new URL("/v1/check", serviceUrl);
  if (url.hostname !== "127.0.0.1") return { ok: false, offline: true, reason: "the service address must be on 127.0.0.1" };
  const body = { text: msg.text, platform: msg.platform, attachments: msg.attachments.map((kind) => ({ kind })) };
  if (org) body.org = org;
  if (s.profileDisclaimer) body.profile_disclaimer = true;
  const account = {};
  // The user's answer for a composer whose author cannot be read wins: it is all there is.
  const known = msg.accountType || knownAccountType(s, msg.platform, msg.handle);
  if (known) account.type = known;
  if (msg.handle) account.handle = msg.handle.slice(0, 100);
  body.account = account;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const resp = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    const data = await resp.json();
    if (!resp.ok) return { ok: false, offline: resp.status >= 500 || resp.status === 401, status: resp.status, reason: data?.error?.message || `HTTP ${resp.status}` };
    return { ok: true, result: data, accountKnown: Boolean(known) };
  } catch (err) {
    return { ok: false, offline: true, reason: err.name === "AbortError" ? "the service did not answer in time" : "the service is not running" };
  } finally {
    clearTimeout(timer);
  }
}

// The options page's "Test connection": health first (is it running?), then an authenticated call (is the token right?).
async function testConnection(serviceUrl, token) {
  let base;
  try {
    base = new URL(serviceUrl);
  } catch (err) {
    return { ok: false, message: "The service address is not a URL." };
  }
  if (base.hostname !== "127.0.0.1") return { ok: false, message: "The service address must be on 127.0.0.1." };
  try {
    const health = await (await fetch(new URL("/v1/health", base))).json();
    if (health.status !== "ready") return { ok: false, message: `The service is ${health.status}${health.error ? `: ${health.error}` : ""}.` };
    const resp = await fetch(new URL("/v1/policies", base), { headers: { Authorization: `Bearer ${token}` } });
    if (resp.status === 401) return { ok: false, message: "The service is running but the token is wrong: paste the one `clearpost token` prints." };
    if (!resp.ok) return { ok: false, message: `The service answered ${resp.status}.` };
    const policies = await resp.json();
    return { ok: true, message: `Connected. Clearpost ${health.version}; organisation: ${policies.configured || "chosen here"}.` };
  } catch (err) {
    return { ok: false, message: "No answer: is the service running? Start it with `make run`." };
  }
}

// What a tab's content script recognised: {platform, composer, editor, author, postButton}.
function validComposers(msg) {
  if (!PLATFORMS.includes(msg.platform) || !Array.isArray(msg.composers) || msg.composers.length > MAX_COMPOSERS) return false;
  return msg.composers.every((c) => c && typeof c === "object" && PLATFORMS.includes(c.platform)
    && typeof c.composer === "string" && c.composer.length <= 100 && typeof c.editor === "string" && c.editor.length <= 100
    && typeof c.author === "boolean" && typeof c.postButton === "boolean");
}

// Kept in session storage (memory, gone with the browser session) for the options page.
async function rememberComposers(tab, msg) {
  const { composers } = await chrome.storage.session.get("composers");
  const byTab = { ...(composers || {}) };
  byTab[String(tab.id)] = { platform: msg.platform, composers: msg.composers.map(({ platform, composer, editor, author, postButton }) => ({ platform, composer, editor, author, postButton })), at: Date.now() };
  await chrome.storage.session.set({ composers: byTab });
}

// A closed tab's composers are gone from the list.
chrome.tabs.onRemoved.addListener(async (tabId) => {
  const { composers } = await chrome.storage.session.get("composers");
  if (!composers || !(String(tabId) in composers)) return;
  const { [String(tabId)]: _closed, ...rest } = composers;
  await chrome.storage.session.set({ composers: rest });
});

// Registered synchronously at top level so a restarted worker receives the next message.
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || typeof msg !== "object" || msg === null) return false;
  if (msg.type === "test-connection" && sender.url && sender.url.startsWith(chrome.runtime.getURL(""))) {
    testConnection(String(msg.serviceUrl || ""), String(msg.token || "")).then(sendResponse);
    return true;
  }
  if (msg.type === "remember-account") {
    if (!PLATFORMS.includes(msg.platform) || typeof msg.handle !== "string" || !["official", "personal"].includes(msg.accountType)) {
      sendResponse({ ok: false, reason: "bad message: remember-account needs platform, handle and accountType" });
      return false;
    }
    settings().then(async (s) => {
      const accounts = { ...s.accounts, [msg.platform]: { ...(s.accounts[msg.platform] || {}), [norm(msg.handle)]: msg.accountType } };
      await chrome.storage.local.set({ accounts });
      sendResponse({ ok: true });
    });
    return true;
  }
  if (msg.type === "composers") {
    if (!sender.tab || !validComposers(msg)) {
      sendResponse({ ok: false, reason: "bad message: composers needs platform and a list of composers" });
      return false;
    }
    rememberComposers(sender.tab, msg).then(() => sendResponse({ ok: true }));
    return true;
  }
  if (msg.type === "check") {
    const problem = validCheck(msg);
    if (problem) {
      sendResponse({ ok: false, offline: false, reason: `bad message: ${problem}` });
      return false;
    }
    check(msg).then(sendResponse);
    return true; // answer asynchronously
  }
  return false;
});
