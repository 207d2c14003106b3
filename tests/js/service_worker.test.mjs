// The service worker's boundary: which messages it relays to the local service, and what it
// refuses before anything leaves it. Runs the real extension/background/service_worker.js in a
// fresh context per test; chrome.* and the network are the browser's, so they are stand-ins
// that record what the worker did. The real service and a real Chromium are in e2e/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { EXTENSION_ID, loadWorker } from "./load_worker.mjs";

const CHECK = { type: "check", text: "Hello from the open day", platform: "x", handle: "@Jo_Bloggs", attachments: [] };

test("a valid draft goes to 127.0.0.1 only, with the token, and nothing else is added", async () => {
  const worker = loadWorker({ stored: { token: "t0k3n", org: "qmul" } });
  const reply = await worker.send({ ...CHECK, attachments: ["image"] });
  assert.equal(reply.ok, true);
  // Besides the check, only the organisation's trusted keys (none here) go to the service, never the draft.
  const others = worker.requests.filter((r) => !r.url.endsWith("/v1/check"));
  assert.ok(others.every((r) => r.url === "http://127.0.0.1:8765/v1/trusted-keys" && r.init.body === JSON.stringify({ keys: [] })));
  const checks = worker.requests.filter((r) => r.url.endsWith("/v1/check"));
  assert.equal(checks.length, 1);
  const { url, init } = checks[0];
  assert.equal(url, "http://127.0.0.1:8765/v1/check");
  assert.equal(init.method, "POST");
  assert.equal(init.headers.Authorization, "Bearer t0k3n");
  assert.deepEqual(JSON.parse(init.body), {
    text: "Hello from the open day", platform: "x", attachments: [{ kind: "image" }], org: "qmul",
    account: { handle: "@Jo_Bloggs" },
  });
});

test("a configured official handle is sent as official, whatever its case or @", async () => {
  const worker = loadWorker({ stored: { officialHandles: { x: ["jo_bloggs"] } } });
  const reply = await worker.send(CHECK);
  assert.equal(reply.accountKnown, true);
  assert.equal(JSON.parse(worker.requests[0].init.body).account.type, "official");
});

test("an organisation's managed settings win over the user's", async () => {
  const worker = loadWorker({ stored: { org: "iuk" }, managed: { org: "lshtm" } });
  await worker.send(CHECK);
  assert.equal(JSON.parse(worker.requests[0].init.body).org, "lshtm");
});

for (const [what, bad] of [
  ["text that is not a string", { text: 42 }],
  ["text over 20,000 characters", { text: "a".repeat(20001) }],
  ["an unknown platform", { platform: "facebook" }],
  ["a handle that is not a string", { handle: { name: "jo" } }],
  ["a blank handle", { handle: "   " }],
  ["a handle over 100 characters", { handle: "A".repeat(101) }],
  ["an unknown account type", { accountType: "admin" }],
  ["attachments that are not a list", { attachments: "image" }],
  ["an unknown attachment kind", { attachments: ["pdf"] }],
]) {
  test(`a check with ${what} is refused with a reason and never sent`, async () => {
    const worker = loadWorker();
    const reply = await worker.send({ ...CHECK, ...bad });
    assert.equal(reply.ok, false);
    assert.equal(reply.offline, false);
    assert.match(reply.reason, /^bad message: /);
    assert.equal(worker.requests.length, 0);
    assert.ok(!reply.reason.includes("Hello from"), "the reason never quotes the draft");
  });
}

test("messages from another extension, and non-objects, are ignored", async () => {
  const worker = loadWorker();
  assert.equal(await worker.send(CHECK, { id: "someoneelse" }), "no response");
  assert.equal(await worker.send("check"), "no response");
  assert.equal(await worker.send(null), "no response");
  assert.equal(worker.requests.length, 0);
});

test("a service address off this machine is refused before anything is sent", async () => {
  const worker = loadWorker({ stored: { serviceUrl: "http://192.168.1.20:8765" } });
  const reply = await worker.send(CHECK);
  assert.equal(reply.ok, false);
  assert.equal(reply.offline, true);
  assert.match(reply.reason, /127\.0\.0\.1/);
  assert.equal(worker.requests.length, 0);
});

test("the connection test answers only the extension's own pages", async () => {
  const worker = loadWorker();
  const msg = { type: "test-connection", serviceUrl: "http://127.0.0.1:8765", token: "t" };
  assert.equal(await worker.send(msg), "no response");
  assert.equal(worker.requests.length, 0);
});

test("remembering an account checks its fields and stores the handle normalised", async () => {
  const worker = loadWorker();
  const refused = await worker.send({ type: "remember-account", platform: "x", handle: "@Jo", accountType: "boss" });
  assert.equal(refused.ok, false);
  assert.equal(worker.storage.accounts, undefined);
  const kept = await worker.send({ type: "remember-account", platform: "x", handle: "@Jo", accountType: "personal" });
  assert.equal(kept.ok, true);
  assert.deepEqual(JSON.parse(JSON.stringify(worker.storage.accounts)), { x: { jo: "personal" } });
});

test("a LinkedIn Page name with spaces and accents, configured as official, is official in any case or spacing", async () => {
  const worker = loadWorker({ stored: { officialHandles: { linkedin: ["Université  Côte Ltd"] } } });
  const reply = await worker.send({ ...CHECK, platform: "linkedin", handle: " université côte   LTD" });
  assert.equal(reply.accountKnown, true);
  assert.equal(JSON.parse(worker.requests[0].init.body).account.type, "official");
});

test("the user's answer for a composer whose author cannot be read is sent as the account type", async () => {
  const worker = loadWorker();
  const reply = await worker.send({ ...CHECK, handle: null, accountType: "official" });
  assert.equal(reply.accountKnown, true);
  assert.deepEqual(JSON.parse(JSON.stringify(JSON.parse(worker.requests[0].init.body).account)), { type: "official" });
});

const TAB = { id: EXTENSION_ID, url: "https://www.linkedin.com/feed/", tab: { id: 7 } };
const COMPOSER = { platform: "linkedin", composer: "share box", editor: "Quill", author: true, postButton: true };

test("a tab's recognised composers are kept in session storage, field by field, for the options page", async () => {
  const worker = loadWorker();
  const reply = await worker.send({ type: "composers", platform: "linkedin", composers: [{ ...COMPOSER, extra: "dropped" }] }, TAB);
  assert.equal(reply.ok, true);
  const kept = JSON.parse(JSON.stringify(worker.session.composers["7"]));
  assert.equal(kept.platform, "linkedin");
  assert.deepEqual(kept.composers, [COMPOSER]);
  assert.equal(worker.requests.length, 0, "nothing goes to the service");
});

test("a closed tab's composers are forgotten", async () => {
  const worker = loadWorker();
  await worker.send({ type: "composers", platform: "linkedin", composers: [COMPOSER] }, TAB);
  await worker.send({ type: "composers", platform: "x", composers: [] }, { ...TAB, tab: { id: 8 } });
  await worker.closeTab(7);
  assert.deepEqual(Object.keys(worker.session.composers), ["8"]);
});

for (const [what, bad] of [
  ["no list", { composers: "share box" }],
  ["an unknown platform", { platform: "myspace" }],
  ["a composer without its fields", { composers: [{ composer: "share box" }] }],
  ["a composer name over 100 characters", { composers: [{ ...COMPOSER, composer: "x".repeat(101) }] }],
]) {
  test(`a composers message with ${what} is refused and nothing is kept`, async () => {
    const worker = loadWorker();
    const reply = await worker.send({ type: "composers", platform: "linkedin", composers: [COMPOSER], ...bad }, TAB);
    assert.equal(reply.ok, false);
    assert.equal(worker.session.composers, undefined);
  });
}

test("a composers message from outside a tab is refused", async () => {
  const worker = loadWorker();
  const reply = await worker.send({ type: "composers", platform: "linkedin", composers: [COMPOSER] });
  assert.equal(reply.ok, false);
});
