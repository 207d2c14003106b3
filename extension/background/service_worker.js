// Clearpost's service worker: the only part of the extension that talks to the local service.
// Content scripts cannot reach 127.0.0.1 from an https page (Chrome's local-network rules),
// so they send {type: "check", ...} here; this worker validates the message, adds the token
// and relays it to http://127.0.0.1:<port>. The draft goes nowhere else and is never stored.

const DEFAULTS = { serviceUrl: "http://127.0.0.1:8765", token: "", org: "" };
const PLATFORMS = ["x", "linkedin", "instagram"];
const MAX_CHARS = 20000;
const TIMEOUT_MS = 3000;

function validCheck(msg) {
  if (typeof msg.text !== "string" || msg.text.length > MAX_CHARS) return "text must be a string of at most 20,000 characters";
  if (!PLATFORMS.includes(msg.platform)) return "platform must be x, linkedin or instagram";
  if (msg.handle !== undefined && msg.handle !== null && typeof msg.handle !== "string") return "handle must be a string";
  if (msg.accountType !== undefined && msg.accountType !== null && !["official", "personal"].includes(msg.accountType)) return "accountType must be official or personal";
  if (!Array.isArray(msg.attachments) || !msg.attachments.every((k) => k === "image" || k === "video")) return "attachments must be a list of image or video";
  return null;
}

async function settings() {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
  return { ...DEFAULTS, ...stored };
}

async function check(msg) {
  const { serviceUrl, token, org } = await settings();
  const url = new URL("/v1/check", serviceUrl);
  if (url.hostname !== "127.0.0.1") return { ok: false, offline: true, reason: "the service address must be on 127.0.0.1" };
  const body = { text: msg.text, platform: msg.platform, attachments: msg.attachments.map((kind) => ({ kind })) };
  if (org) body.org = org;
  const account = {};
  if (msg.accountType) account.type = msg.accountType;
  if (msg.handle) account.handle = msg.handle;
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
    return { ok: true, result: data };
  } catch (err) {
    return { ok: false, offline: true, reason: err.name === "AbortError" ? "the service did not answer in time" : "the service is not running" };
  } finally {
    clearTimeout(timer);
  }
}

// Registered synchronously at top level so a restarted worker receives the next message.
chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id || typeof msg !== "object" || msg === null) return false;
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
