// Clearpost's service worker: the only part of the extension that talks to the local service.
// Content scripts cannot reach 127.0.0.1 from an https page (Chrome's local-network rules),
// so they send {type: "check", ...} here; this worker validates the message, adds the token
// and relays it to http://127.0.0.1:<port>. The draft goes nowhere else and is never stored.

// Settings live in chrome.storage.local (the options page writes them); an organisation can
// push org and officialHandles through managed storage (managed_schema.json), which wins.
// It can also push trustedKeys, the public keys its signed policy packs must verify against:
// this worker checks their form and sends the good ones to the service (PUT /v1/trusted-keys),
// which verifies the pack. What the service says is in force ("pack", "pack_refused") is kept
// in session storage for the options page and passed on with every check to the panel.
const DEFAULTS = { serviceUrl: "http://127.0.0.1:8765", token: "", org: "", profileDisclaimer: false, officialHandles: {}, accounts: {}, sites: {} };
const PLATFORMS = ["x", "linkedin", "instagram"];
const MAX_CHARS = 20000;
const MAX_AUTHOR = 100; // the service's limit on account.handle
const MAX_COMPOSERS = 50;
const TIMEOUT_MS = 3000;
const MAX_KEYS = 16; // the service's limit on PUT /v1/trusted-keys
const KEY_PREFIX = "ed25519:";
const COMPOSER_ID = /^[A-Za-z0-9-]{1,64}$/; // the service's limits on revision.composer

const given = (v) => v !== undefined && v !== null;

function validCheck(msg) {
  if (typeof msg.text !== "string" || msg.text.length > MAX_CHARS) return "text must be a string of at most 20,000 characters";
  if (!PLATFORMS.includes(msg.platform)) return "platform must be x, linkedin or instagram";
  if (msg.handle !== undefined && msg.handle !== null && (typeof msg.handle !== "string" || !msg.handle.trim() || msg.handle.length > MAX_AUTHOR)) return "handle must be a name of 1 to 100 characters";
  if (msg.accountType !== undefined && msg.accountType !== null && !["official", "personal"].includes(msg.accountType)) return "accountType must be official or personal";
  if (!Array.isArray(msg.attachments) || !msg.attachments.every((k) => k === "image" || k === "video")) return "attachments must be a list of image or video";
  // Which composer's draft, and which revision of it: both or neither (an older content script sends neither).
  if (given(msg.composer) !== given(msg.revision)) return "composer and revision go together: send both or neither";
  if (given(msg.composer) && (typeof msg.composer !== "string" || !COMPOSER_ID.test(msg.composer))) return "composer must be 1 to 64 letters, digits or hyphens";
  if (given(msg.revision) && !(Number.isSafeInteger(msg.revision) && msg.revision >= 0)) return "revision must be a whole number from 0 to 2^53 - 1";
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
  // The service answers 409 to a revision a newer one of the same composer has overtaken, unchecked if it had not started.
  if (given(msg.composer)) body.revision = { composer: msg.composer, number: msg.revision };
  try {
    const { resp, data, parsed } = await sendJson(url, token, "POST", body);
    if (!parsed) throw new SyntaxError("the service's answer is not JSON");
    if (resp.status === 409) return { ok: false, superseded: true }; // the composer has a newer revision: nothing to show
    if (!resp.ok) {
      if (resp.status >= 500) unreachable();
      return { ok: false, offline: resp.status >= 500 || resp.status === 401, status: resp.status, reason: data?.error?.message || `HTTP ${resp.status}` };
    }
    const result = { ...data, ...packFacts(data) };
    await reached(result);
    return { ok: true, result, accountKnown: Boolean(known) };
  } catch (err) {
    unreachable();
    return { ok: false, offline: true, reason: err.name === "AbortError" ? "the service did not answer in time" : "the service is not running" };
  }
}

// An authenticated JSON request to the service, its answer read in full, given up after
// TIMEOUT_MS (AbortError).
async function sendJson(url, token, method, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const resp = await fetch(url, {
      method,
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      signal: controller.signal,
    });
    try {
      return { resp, data: await resp.json(), parsed: true };
    } catch (err) {
      if (err.name === "AbortError") throw err;
      return { resp, data: null, parsed: false };
    }
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
    const s = await settings();
    if (s.serviceUrl === serviceUrl && s.token === token) await reached(packFacts(health));
    const policies = await resp.json();
    return { ok: true, message: `Connected. Clearpost ${health.version}; organisation: ${policies.configured || "chosen here"}.` };
  } catch (err) {
    return { ok: false, message: "No answer: is the service running? Start it with `make run`." };
  }
}

// --- the organisation's signed policy pack ----------------------------------------------

// What the service says about the pack in force, field by field, with the types the contract
// gives them; anything else is dropped. null when the service says nothing (an older service).
const clip = (v, max = 200) => (typeof v === "string" ? v.slice(0, max) : null);
function packFacts(data) {
  const p = data && data.pack;
  const pack = p && typeof p === "object" && typeof p.id === "string" ? {
    id: clip(p.id, 100), name: clip(p.name) || clip(p.id, 100), version: Number.isInteger(p.version) ? p.version : null,
    issued: clip(p.issued, 40), expires: clip(p.expires, 40), signed: p.signed === true, signer: clip(p.signer),
    key_id: clip(p.key_id, 64), source: clip(p.source, 500),
  } : null;
  const r = data && data.pack_refused;
  const refused = r && typeof r === "object" && typeof r.reason === "string"
    ? { file: clip(r.file, 500), reason: clip(r.reason, 500), kept: clip(r.kept, 200) } : null;
  const known = Boolean(data) && ("pack" in data || "pack_refused" in data);
  return { pack, pack_refused: refused, packKnown: known };
}

// Kept for the options page, written only when it changed, with the service it came from
// (the options page shows it only while that is still the service paired with).
let lastPack = null;
async function rememberPack(facts) {
  if (!facts.packKnown) return;
  const { serviceUrl } = await settings();
  const packStatus = { serviceUrl, pack: facts.pack, pack_refused: facts.pack_refused };
  const json = JSON.stringify(packStatus);
  if (json === lastPack) return;
  lastPack = json;
  await chrome.storage.session.set({ packStatus: { ...packStatus, at: Date.now() } });
}

// The trusted keys IT pushed, sorted into those sent and those dropped with the reason.
// A key is "ed25519:" and the standard base64 of the 32 raw bytes of an Ed25519 public key.
function validKeys(list) {
  const valid = [];
  const invalid = [];
  if (list === undefined || list === null) return { set: false, valid, invalid };
  if (!Array.isArray(list)) return { set: true, valid, invalid: [{ key: "", why: "trustedKeys must be a list of keys, one string each" }] };
  for (const key of list) {
    const why = keyProblem(key);
    const shown = typeof key === "string" ? (key.length > 60 ? `${key.slice(0, 57)}…` : key) : String(JSON.stringify(key)).slice(0, 60);
    if (why) invalid.push({ key: shown, why });
    else if (valid.includes(key.trim())) invalid.push({ key: shown, why: "it repeats a key listed before it" });
    else if (valid.length >= MAX_KEYS) invalid.push({ key: shown, why: `only the first ${MAX_KEYS} keys are used` });
    else valid.push(key.trim());
  }
  return { set: true, valid, invalid };
}

function keyProblem(key) {
  if (typeof key !== "string") return "it is not text";
  const k = key.trim();
  if (!k.startsWith(KEY_PREFIX)) return `it does not start with "${KEY_PREFIX}"`;
  const b64 = k.slice(KEY_PREFIX.length);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0) return `what follows "${KEY_PREFIX}" is not standard base64`;
  let raw;
  try {
    raw = atob(b64);
  } catch (err) {
    return `what follows "${KEY_PREFIX}" is not standard base64`;
  }
  if (raw.length !== 32) return `it holds ${raw.length} bytes, not the 32 of an Ed25519 public key`;
  if (btoa(raw) !== b64) return `what follows "${KEY_PREFIX}" is not standard base64`;
  return null;
}

// The key id the options page shows: the first 16 hex digits of SHA-256 of the 32 raw bytes.
async function keyId(key) {
  const raw = Uint8Array.from(atob(key.slice(KEY_PREFIX.length)), (c) => c.charCodeAt(0));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", raw));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function managedKeys() {
  try {
    const { trustedKeys } = await chrome.storage.managed.get("trustedKeys");
    return trustedKeys;
  } catch (err) {
    return undefined; // no policy installed
  }
}

// Sends the good keys to the service: when the worker starts, when it is paired again, when
// the service is reached after being out of reach, and whenever IT changes the keys. The
// service keeps these apart from the keys in its own config.toml, which always stand, so the
// list mirrors the policy: no trustedKeys (or none any more) sends an empty list. Not sent:
// a list whose every key is malformed (a typo must not drop the keys the service trusts now).
// The service keeps what it was sent across restarts, so the same keys already sent to the
// same service with the same token are not sent again (an MV3 worker restarts often) unless
// `force`: a change of policy or pairing, or the options page asking.
let reachable = null; // null: not yet known since the worker started
let pushing = null;
let pushAgain = null; // asked for again while a push was under way: {force}
function unreachable() {
  reachable = false;
}
async function reached(facts) {
  await rememberPack(facts);
  const was = reachable;
  reachable = true;
  if (was !== true) await pushKeys();
}

function pushKeys({ force = false } = {}) {
  if (pushing) {
    pushAgain = { force: force || Boolean(pushAgain && pushAgain.force) };
    return pushing;
  }
  pushing = (async () => {
    try {
      for (let next = { force }; next; next = pushAgain) {
        pushAgain = null;
        await pushOnce(next);
      }
    } finally {
      pushing = null;
    }
  })();
  return pushing;
}

async function pushOnce({ force }) {
  const { set, valid, invalid } = validKeys(await managedKeys());
  const keys = await Promise.all(valid.map(async (key) => ({ id: await keyId(key) })));
  const trust = { set, keys, invalid, at: Date.now() };
  const s = await settings();
  let url;
  try {
    url = new URL("/v1/trusted-keys", s.serviceUrl);
  } catch (err) {
    url = null;
  }
  // What was sent, to which service, with which token (as a digest: the token itself stays in local storage only).
  const sending = url && s.token ? JSON.stringify({ url: url.href, token: await sha256Hex(s.token), keys: valid }) : null;
  const { pushed, trust: before } = await chrome.storage.session.get(["pushed", "trust"]);
  if (!force && sending && sending === pushed && before && before.push && before.push.sent) return before;
  if (!valid.length && invalid.length) trust.push = { ok: false, sent: false, message: "None of the keys your organisation set is valid, so none was sent; the service keeps the keys it had." };
  else if (!url || url.hostname !== "127.0.0.1") trust.push = { ok: false, sent: false, message: "Not sent: the service address must be on 127.0.0.1." };
  else if (!s.token) trust.push = { ok: false, sent: false, message: "Not sent yet: pair Clearpost with the service first (the token)." };
  else trust.push = await putKeys(url, s.token, valid);
  await chrome.storage.session.set({ trust, pushed: trust.push.sent ? sending : null });
  return trust;
}

async function sha256Hex(textValue) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(textValue)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function putKeys(url, token, keys) {
  try {
    const { resp, data } = await sendJson(url, token, "PUT", { keys });
    if (resp.status === 401) return { ok: false, sent: false, message: "Not sent: the service refused the token; pair Clearpost again." };
    if (resp.status === 404 || resp.status === 405) return { ok: false, sent: false, message: "Not sent: this Clearpost service does not take trusted keys; update it." };
    if (!resp.ok) return { ok: false, sent: false, message: `The service refused the keys: ${data?.error?.message || `HTTP ${resp.status}`}` };
    reachable = true;
    await rememberPack(packFacts(data));
    return { ok: true, sent: true, message: keys.length ? `Sent ${keys.length === 1 ? "1 key" : `${keys.length} keys`} to the service.` : "Your organisation sets no keys here: the service trusts only the keys in its own config.toml." };
  } catch (err) {
    unreachable(); // sent again once the service is back
    return { ok: false, sent: false, message: "Not sent yet: the service is not running; Clearpost sends them when it is." };
  }
}

// The options page's "Policy pack in force": the service's own word (health needs no token),
// after sending the keys again.
async function packStatus() {
  const s = await settings();
  let url;
  try {
    url = new URL("/v1/health", s.serviceUrl);
  } catch (err) {
    return { ok: false, message: "The service address is not a URL." };
  }
  if (url.hostname !== "127.0.0.1") return { ok: false, message: "The service address must be on 127.0.0.1." };
  try {
    const facts = packFacts(await (await fetch(url)).json());
    reachable = true;
    if (facts.packKnown) await rememberPack(facts);
    else {
      lastPack = null;
      await chrome.storage.session.remove("packStatus"); // an older service: it says nothing of its pack
    }
    await pushKeys({ force: true });
    return { ok: true, packKnown: facts.packKnown };
  } catch (err) {
    unreachable();
    return { ok: false, message: "No answer: is the service running? Start it with `make run`." };
  }
}

chrome.storage.onChanged.addListener((changes, areaName) => {
  if (areaName === "managed" && "trustedKeys" in changes) pushKeys({ force: true });
  if (areaName === "local" && ("token" in changes || "serviceUrl" in changes)) {
    lastPack = null; // perhaps another service: hear afresh what it has in force
    pushKeys({ force: true });
  }
});

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
  if (msg.type === "pack-status" && sender.url && sender.url.startsWith(chrome.runtime.getURL(""))) {
    packStatus().then(sendResponse);
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

pushKeys(); // the worker (re)started: the service may be new too
