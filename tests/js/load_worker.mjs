// Runs the real extension/background/service_worker.js in a fresh context, with stand-ins for
// chrome.* and the network that record what the worker did. Shared by the tests in tests/js/.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const SOURCE = readFileSync(new URL("../../extension/background/service_worker.js", import.meta.url), "utf8");
export const EXTENSION_ID = "clearpostextensionid";

// `session`: the session storage a restarted worker finds (it outlives the worker, not the browser).
export function loadWorker({ stored = {}, managed = null, answer = { findings: [] }, respond = null, session: kept = {} } = {}) {
  const storage = { ...stored };
  const session = kept;
  const requests = [];
  let listener = null;
  let tabRemoved = null;
  const changeListeners = [];
  const pick = (area, keys) => {
    const wanted = typeof keys === "string" ? [keys] : keys;
    return Object.fromEntries(wanted.filter((k) => k in area).map((k) => [k, area[k]]));
  };
  const chrome = {
    tabs: { onRemoved: { addListener: (fn) => { tabRemoved = fn; } } },
    runtime: {
      id: EXTENSION_ID,
      getURL: (path) => `chrome-extension://${EXTENSION_ID}/${path}`,
      onMessage: { addListener: (fn) => { listener = fn; } },
    },
    storage: {
      local: {
        get: async (keys) => pick(storage, keys),
        set: async (values) => { Object.assign(storage, values); },
      },
      managed: { get: async (keys) => { if (managed === null) throw new Error("no policy"); return pick(managed, keys); } },
      session: {
        get: async (keys) => pick(session, keys),
        set: async (values) => { Object.assign(session, values); },
        remove: async (keys) => { for (const k of typeof keys === "string" ? [keys] : keys) delete session[k]; },
      },
      onChanged: { addListener: (fn) => { changeListeners.push(fn); } },
    },
  };
  // The network: `respond(url, init)` may answer a request ({status, body}) or throw (no service).
  const fetch = async (url, init = {}) => {
    requests.push({ url: String(url), init });
    const r = respond ? await respond(String(url), init) : null;
    if (r) return { ok: r.status < 400, status: r.status, json: async () => r.body };
    return { ok: true, status: 200, json: async () => answer };
  };
  const context = { chrome, fetch, URL, AbortController, setTimeout, clearTimeout, console, atob, btoa, crypto, TextEncoder };
  vm.runInNewContext(SOURCE, context);
  assert.ok(listener, "the worker registers its message listener at top level");

  // Send a message as Chrome would; resolves with the response, or "no response".
  function send(msg, sender = { id: EXTENSION_ID, url: "https://x.com/compose/post" }) {
    return new Promise((resolve) => {
      const async = listener(msg, sender, resolve);
      if (!async) setTimeout(() => resolve("no response"), 20);
    });
  }
  // chrome.storage.onChanged, as Chrome fires it when a policy or a setting changes.
  function change(areaName, changes) {
    if (areaName === "managed") for (const [k, { newValue }] of Object.entries(changes)) { if (newValue === undefined) delete managed[k]; else managed[k] = newValue; }
    if (areaName === "local") for (const [k, { newValue }] of Object.entries(changes)) storage[k] = newValue;
    for (const fn of changeListeners) fn(changes, areaName);
  }
  return { send, requests, storage, session, context, change, closeTab: (id) => tabRemoved(id), settle: () => new Promise((r) => setTimeout(r, 30)) };
}

