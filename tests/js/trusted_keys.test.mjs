// The organisation's trusted keys (issue 13): which of the keys IT pushed through managed storage
// the worker sends to the service (PUT /v1/trusted-keys), when it sends them, and what it keeps
// of the pack in force for the options page and the panel. Same stand-ins as service_worker.test.mjs.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash, generateKeyPairSync } from "node:crypto";
import { EXTENSION_ID, loadWorker } from "./load_worker.mjs";

// Real Ed25519 public keys in the format IT pushes: "ed25519:" + base64 of the 32 raw bytes.
function newKey() {
  const der = generateKeyPairSync("ed25519").publicKey.export({ format: "der", type: "spki" });
  const raw = der.subarray(der.length - 32);
  return { text: `ed25519:${raw.toString("base64")}`, id: createHash("sha256").update(raw).digest("hex").slice(0, 16) };
}
const KEY_A = newKey();
const KEY_B = newKey();
const OPTIONS = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/extension/options/options.html` };
const PACK = {
  id: "qmul", name: "QMUL social media policy", version: 4, issued: "2026-11-01", expires: "2027-06-30",
  signed: true, signer: "QMUL Comms", key_id: KEY_A.id, source: "/etc/clearpost/qmul.toml",
};
const REFUSED = { file: "/etc/clearpost/qmul.toml", reason: "Its signature does not match any trusted key.", kept: "version 3 of QMUL's pack" };
const CHECK = { type: "check", text: "Hello from the open day", platform: "x", handle: "@Jo_Bloggs", attachments: [] };

const puts = (worker) => worker.requests.filter((r) => r.init.method === "PUT");
const sentKeys = (request) => JSON.parse(request.init.body).keys;
const plain = (value) => JSON.parse(JSON.stringify(value));

test("a valid key has no problem; each malformed one is named with why", () => {
  const { context } = loadWorker();
  assert.equal(context.keyProblem(KEY_A.text), null);
  const raw31 = Buffer.alloc(31, 7).toString("base64");
  for (const [bad, why] of [
    [42, /not text/],
    [KEY_A.text.slice("ed25519:".length), /does not start with "ed25519:"/],
    [`rsa:${KEY_A.text.slice(8)}`, /does not start with "ed25519:"/],
    [`ed25519:${raw31}`, /31 bytes, not the 32/],
    [`ed25519:${KEY_A.text.slice(8, 50)}`, /not standard base64|bytes, not the 32/],
    [`ed25519:${KEY_A.text.slice(8).replace(/=$/, "")}`, /not standard base64/], // padding missing
    [`ed25519:${Buffer.alloc(32, 0xfb).toString("base64url")}=`, /not standard base64/], // the URL-safe alphabet
    [`ed25519:${"A".repeat(42)}B=`, /not standard base64/], // non-canonical last character
  ]) assert.match(String(context.keyProblem(bad)), why, `for ${JSON.stringify(bad)}`);
});

test("IT's valid keys are sent to the service when the worker starts paired; malformed ones are dropped with why", async () => {
  const worker = loadWorker({ stored: { token: "t0k3n" }, managed: { trustedKeys: [KEY_A.text, "ed25519:short", ` ${KEY_B.text} `, KEY_A.text] } });
  await worker.settle();
  const [put] = puts(worker);
  assert.equal(put.url, "http://127.0.0.1:8765/v1/trusted-keys");
  assert.equal(put.init.headers.Authorization, "Bearer t0k3n");
  assert.deepEqual(sentKeys(put), [KEY_A.text, KEY_B.text]);
  const trust = plain(worker.session.trust);
  assert.deepEqual(trust.keys, [{ id: KEY_A.id }, { id: KEY_B.id }], "key ids: the first 16 hex of SHA-256 of the raw bytes");
  assert.deepEqual(trust.invalid.map((k) => k.key), ["ed25519:short", KEY_A.text]);
  assert.match(trust.invalid[0].why, /not standard base64|bytes, not the 32/);
  assert.match(trust.invalid[1].why, /repeats/);
  assert.equal(trust.push.ok, true);
});

test("no more than 16 keys are sent", async () => {
  const keys = Array.from({ length: 18 }, () => newKey().text);
  const worker = loadWorker({ stored: { token: "t" }, managed: { trustedKeys: keys } });
  await worker.settle();
  assert.equal(sentKeys(puts(worker)[0]).length, 16);
  assert.equal(worker.session.trust.invalid.length, 2);
  assert.match(worker.session.trust.invalid[0].why, /first 16/);
});

test("no keys set by IT sends an empty list: the service then trusts only its own config.toml's", async () => {
  const worker = loadWorker({ stored: { token: "t" }, managed: { org: "qmul" } });
  const unmanaged = loadWorker({ stored: { token: "t" } }); // no policy at all
  await Promise.all([worker.settle(), unmanaged.settle()]);
  for (const w of [worker, unmanaged]) {
    assert.deepEqual(puts(w).map(sentKeys), [[]]);
    assert.equal(w.session.trust.set, false);
    assert.match(w.session.trust.push.message, /own config\.toml/);
  }
});

test("nothing is sent when none of IT's keys is valid, before pairing, or to an address off this machine", async () => {
  const bad = loadWorker({ stored: { token: "t" }, managed: { trustedKeys: ["ed25519:nope", "ssh-ed25519 AAAA"] } });
  const notList = loadWorker({ stored: { token: "t" }, managed: { trustedKeys: KEY_A.text } });
  const unpaired = loadWorker({ managed: { trustedKeys: [KEY_A.text] } });
  const offMachine = loadWorker({ stored: { token: "t", serviceUrl: "http://10.0.0.5:8765" }, managed: { trustedKeys: [KEY_A.text] } });
  await Promise.all([bad, notList, unpaired, offMachine].map((w) => w.settle()));
  for (const w of [bad, notList, unpaired, offMachine]) assert.equal(w.requests.length, 0);
  assert.match(bad.session.trust.push.message, /None of the keys .* valid/);
  assert.match(notList.session.trust.invalid[0].why, /must be a list/);
  assert.match(notList.session.trust.push.message, /None of the keys .* valid/);
  assert.match(unpaired.session.trust.push.message, /pair Clearpost/);
  assert.match(offMachine.session.trust.push.message, /127\.0\.0\.1/);
});

test("a change to the managed keys is sent at once; their removal sends an empty list", async () => {
  const worker = loadWorker({ stored: { token: "t" }, managed: { trustedKeys: [KEY_A.text] } });
  await worker.settle();
  worker.change("managed", { trustedKeys: { oldValue: [KEY_A.text], newValue: [KEY_A.text, KEY_B.text] } });
  await worker.settle();
  worker.change("managed", { org: { newValue: "qmul" } }); // not about keys: nothing sent
  await worker.settle();
  worker.change("managed", { trustedKeys: { oldValue: [KEY_A.text, KEY_B.text] } });
  await worker.settle();
  assert.deepEqual(puts(worker).map(sentKeys), [[KEY_A.text], [KEY_A.text, KEY_B.text], []]);
});

test("a worker that restarts does not send the same keys to the same service again; new keys it does", async () => {
  const session = {};
  const first = loadWorker({ stored: { token: "t" }, managed: { trustedKeys: [KEY_A.text] }, session });
  await first.settle();
  assert.equal(puts(first).length, 1);
  const again = loadWorker({ stored: { token: "t" }, managed: { trustedKeys: [KEY_A.text] }, session });
  await again.settle();
  assert.equal(puts(again).length, 0, "the service keeps what it was sent");
  assert.equal(session.trust.push.ok, true);
  const repaired = loadWorker({ stored: { token: "other" }, managed: { trustedKeys: [KEY_A.text] }, session });
  const rotated = loadWorker({ stored: { token: "t" }, managed: { trustedKeys: [KEY_A.text, KEY_B.text] }, session: { ...session } });
  await Promise.all([repaired.settle(), rotated.settle()]);
  assert.equal(puts(repaired).length, 1, "another token: perhaps another service");
  assert.deepEqual(puts(rotated).map(sentKeys), [[KEY_A.text, KEY_B.text]]);
  assert.ok(!JSON.stringify(session).includes('"other"'), "the token itself is not kept in session storage");
});

test("pairing again (a new token or address) sends the keys to that service", async () => {
  const worker = loadWorker({ managed: { trustedKeys: [KEY_A.text] } });
  await worker.settle();
  assert.equal(puts(worker).length, 0);
  worker.change("local", { token: { newValue: "fresh" }, serviceUrl: { newValue: "http://127.0.0.1:9000" } });
  await worker.settle();
  const [put] = puts(worker);
  assert.equal(put.url, "http://127.0.0.1:9000/v1/trusted-keys");
  assert.equal(put.init.headers.Authorization, "Bearer fresh");
});

test("keys not sent while the service was down are sent once it answers again", async () => {
  let up = false;
  const respond = (url) => {
    if (!up) throw new TypeError("Failed to fetch");
    return url.endsWith("/v1/check") ? { status: 200, body: { findings: [], account: { type: "personal", source: "default" }, org: { id: "qmul", name: "QMUL" }, pack: PACK, pack_refused: null } } : { status: 200, body: { pack: PACK, pack_refused: null } };
  };
  const worker = loadWorker({ stored: { token: "t" }, managed: { trustedKeys: [KEY_A.text] }, respond });
  await worker.settle();
  assert.equal(worker.session.trust.push.ok, false);
  assert.match(worker.session.trust.push.message, /not running/);
  const offline = await worker.send(CHECK);
  assert.equal(offline.offline, true);
  up = true;
  const reply = await worker.send(CHECK);
  assert.equal(reply.ok, true);
  assert.equal(puts(worker).length, 2, "the failed attempt, then one on reaching the service");
  assert.deepEqual(sentKeys(puts(worker)[1]), [KEY_A.text]);
  assert.equal(worker.session.trust.push.ok, true);
  await worker.send(CHECK);
  assert.equal(puts(worker).length, 2, "not again while the service stays up");
});

test("the service refusing the keys is shown with its own message", async () => {
  const respond = (url, init) => (init.method === "PUT" ? { status: 400, body: { error: { status: 400, message: "keys[0] is not an Ed25519 public key", field: "keys" } } } : null);
  const worker = loadWorker({ stored: { token: "t" }, managed: { trustedKeys: [KEY_A.text] }, respond });
  await worker.settle();
  assert.equal(worker.session.trust.push.ok, false);
  assert.match(worker.session.trust.push.message, /The service refused the keys: keys\[0\] is not an Ed25519 public key/);
});

test("the pack in force and a refusal travel with the check, field by field, and are kept for the options page", async () => {
  const answer = {
    findings: [], account: { type: "personal", source: "default" }, org: { id: "qmul", name: "QMUL" },
    pack: { ...PACK, extra: "dropped", version: "4" }, pack_refused: { ...REFUSED, reason: REFUSED.reason, html: "<b>x</b>" },
  };
  const worker = loadWorker({ stored: { token: "t" }, answer });
  const reply = await worker.send(CHECK);
  assert.equal(reply.ok, true);
  assert.deepEqual(plain(reply.result.pack), { ...PACK, version: null }, "unknown fields dropped, a version that is not a number is none");
  assert.deepEqual(plain(reply.result.pack_refused), REFUSED);
  assert.equal(reply.result.packKnown, true);
  assert.deepEqual(plain(worker.session.packStatus.pack), { ...PACK, version: null });
  assert.deepEqual(plain(worker.session.packStatus.pack_refused), REFUSED);
  assert.equal(worker.session.packStatus.serviceUrl, "http://127.0.0.1:8765", "kept with the service it came from");
});

test("a service that does not report its pack leaves nothing to show, and a refusal without a reason is none", async () => {
  const old = loadWorker({ stored: { token: "t" }, answer: { findings: [], account: { type: "personal", source: "default" }, org: { id: "iuk", name: "IntegrateUK" } } });
  const reply = await old.send(CHECK);
  assert.equal(reply.result.packKnown, false);
  assert.equal(old.session.packStatus, undefined);
  const { context } = loadWorker();
  assert.deepEqual(plain(context.packFacts({ pack: null, pack_refused: { reason: 7 } })), { pack: null, pack_refused: null, packKnown: true });
});

test("the options page asks for the pack in force; a content script cannot", async () => {
  const worker = loadWorker({ stored: { token: "t" }, managed: { trustedKeys: [KEY_A.text] }, answer: { status: "ready", pack: PACK, pack_refused: REFUSED } });
  await worker.settle();
  const before = worker.requests.length;
  assert.equal(await worker.send({ type: "pack-status" }), "no response");
  assert.equal(worker.requests.length, before);
  const reply = await worker.send({ type: "pack-status" }, OPTIONS);
  assert.deepEqual(plain(reply), { ok: true, packKnown: true });
  assert.equal(worker.requests[before].url, "http://127.0.0.1:8765/v1/health");
  assert.equal(worker.requests[before].init.headers, undefined, "health goes without the token");
  assert.deepEqual(plain(worker.session.packStatus.pack_refused), REFUSED);
});
