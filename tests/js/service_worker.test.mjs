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

// --- revisions (issue 15): which composer's draft, and which revision of it ------------------

const REVISED = { ...CHECK, composer: "6f1c2a9e-3b7d-4c1e-9a55-0d2f8e4b7c10", revision: 12 };
const checksSent = (worker) => worker.requests.filter((r) => r.url.endsWith("/v1/check")).map((r) => JSON.parse(r.init.body));

test("a check's composer and revision go to the service as revision {composer, number}", async () => {
  const worker = loadWorker();
  const reply = await worker.send(REVISED);
  assert.equal(reply.ok, true);
  const [body] = checksSent(worker);
  assert.deepEqual(JSON.parse(JSON.stringify(body.revision)), { composer: REVISED.composer, number: 12 });
});

test("a check without composer and revision (or with both null) is sent without one, as before", async () => {
  const worker = loadWorker();
  assert.equal((await worker.send(CHECK)).ok, true);
  assert.equal((await worker.send({ ...CHECK, composer: null, revision: null })).ok, true);
  assert.deepEqual(checksSent(worker).map((b) => "revision" in b), [false, false]);
});

for (const [what, good] of [
  ["revision 0", { revision: 0 }],
  ["the largest safe revision", { revision: Number.MAX_SAFE_INTEGER }],
  ["a 64-character composer id", { composer: "a-".repeat(32) }],
]) {
  test(`a check with ${what} is sent`, async () => {
    const worker = loadWorker();
    const reply = await worker.send({ ...REVISED, ...good });
    assert.equal(reply.ok, true);
    assert.equal(checksSent(worker).length, 1);
  });
}

for (const [what, bad, words] of [
  ["a composer but no revision", { revision: undefined }, /composer and revision go together/],
  ["a revision but no composer", { composer: null }, /composer and revision go together/],
  ["an empty composer id", { composer: "" }, /composer must be 1 to 64 letters, digits or hyphens/],
  ["a composer id over 64 characters", { composer: "a".repeat(65) }, /composer must be/],
  ["a composer id with a space", { composer: "draft one" }, /composer must be/],
  ["a composer id ending in a new line", { composer: "abc\n" }, /composer must be/],
  ["a composer id with an accent", { composer: "café" }, /composer must be/],
  ["a composer id that is a number", { composer: 7 }, /composer must be/],
  ["a negative revision", { revision: -1 }, /revision must be a whole number/],
  ["a fractional revision", { revision: 1.5 }, /revision must be a whole number/],
  ["a revision as text", { revision: "3" }, /revision must be a whole number/],
  ["a revision past 2^53 - 1", { revision: 2 ** 53 }, /revision must be a whole number/],
  ["a revision that is not a number", { revision: NaN }, /revision must be a whole number/],
  ["a revision that is true", { revision: true }, /revision must be a whole number/],
]) {
  test(`a check with ${what} is refused with a reason and never sent`, async () => {
    const worker = loadWorker();
    const reply = await worker.send({ ...REVISED, ...bad });
    assert.equal(reply.ok, false);
    assert.equal(reply.offline, false);
    assert.match(reply.reason, /^bad message: /);
    assert.match(reply.reason, words);
    assert.ok(!reply.reason.includes("Hello from"), "the reason never quotes the draft");
    assert.equal(worker.requests.length, 0);
  });
}

test("the service's 409 (a newer revision arrived) reaches the composer as {ok: false, superseded: true}, not as offline", async () => {
  const message = "a newer revision of this draft arrived; this one was not checked";
  const worker = loadWorker({
    respond: (url) => (url.endsWith("/v1/check") ? { status: 409, body: { error: { status: 409, message } } } : null),
  });
  const reply = await worker.send(REVISED);
  // Nothing else: no offline flag (no retry), no reason (nothing to show in the panel).
  assert.deepEqual(JSON.parse(JSON.stringify(reply)), { ok: false, superseded: true });
  assert.equal(checksSent(worker).length, 1);
});

test("other refusals by the service still read as before (a 400 is not superseded)", async () => {
  const worker = loadWorker({
    respond: (url) => (url.endsWith("/v1/check") ? { status: 400, body: { error: { status: 400, message: "field revision.number must be at least 0" } } } : null),
  });
  const reply = await worker.send(REVISED);
  assert.equal(reply.ok, false);
  assert.equal(reply.superseded, undefined);
  assert.equal(reply.offline, false);
  assert.equal(reply.status, 400);
});
