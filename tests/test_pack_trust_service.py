"""The service with a signed pack, through the real aiohttp app: the pack in force on
/v1/health and every check; each refusal (a changed byte, another key, expired, rolled back,
truncated, unsigned) keeps the last good pack and says why; the last good pack survives a
restart; IT's keys through PUT /v1/trusted-keys and rotation to a second key; and reloading,
by the file watcher and under load, where no request is lost and each one is answered with
one consistent pack."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import threading
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from clearpost import Engine
from clearpost.policy.signing import signature_path
from clearpost.policy.trust import ACCEPTED_NAME, LAST_GOOD_NAME, MANAGED_KEYS_NAME, NOTHING_KEPT
from clearpost.service import create_app, load_config, wait_until_ready
from clearpost.service.app import STATE, component_validator, reload_pack
from tests.pack_helpers import pack_text, public_of, write_signed

TOKEN = "test-token-0123456789abcdefghijklmnopqrstuvwxyz"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
POST = "Call Sam on 07700 900461 about the IntegrateUK trip."  # personal data: a finding from every version

KEY_A = Ed25519PrivateKey.generate()
KEY_B = Ed25519PrivateKey.generate()
PUB_A, PUB_B = public_of(KEY_A), public_of(KEY_B)

Start = Callable[..., Awaitable[TestClient[Any, Any]]]


def _home(tmp_path: Path, *, keys: tuple[str, ...] = (PUB_A.text,), org: str | None = None) -> Path:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    lines = ['policy = "acme.toml"']
    if keys:
        lines.append("trusted_keys = [" + ", ".join(f'"{k}"' for k in keys) + "]")
    if org:
        lines.append(f'org = "{org}"')
    (home / "config.toml").write_text("\n".join(lines) + "\n", "utf-8")
    return home


def _sign(home: Path, version: int, key: Ed25519PrivateKey = KEY_A, **kw: Any) -> Path:
    path = home / "acme.toml"
    write_signed(path, key, version=version, clause=f"V{version}", **kw)
    return path


@pytest.fixture
def start(aiohttp_client: Any, engine: Engine) -> Start:
    async def make(home: Path, *, poll: float = 3600.0, engine_factory: Callable[[], Any] | None = None) -> TestClient[Any, Any]:
        app = create_app(load_config(home), TOKEN, engine_factory=engine_factory or (lambda: engine), pack_poll_seconds=poll)
        client: TestClient[Any, Any] = await aiohttp_client(app)
        await wait_until_ready(app)
        return client

    return make


def _matches(name: str, body: Any) -> None:
    errors = list(component_validator(name).iter_errors(body))
    assert not errors, [e.message for e in errors]


async def _health(client: TestClient[Any, Any]) -> dict[str, Any]:
    resp = await client.get("/v1/health")
    assert resp.status == 200
    body: dict[str, Any] = await resp.json()
    _matches("Health", body)
    return body


async def _check(client: TestClient[Any, Any], **extra: Any) -> tuple[int, dict[str, Any]]:
    resp = await client.post("/v1/check", json={"text": POST, "platform": "x", **extra}, headers=AUTH)
    body: dict[str, Any] = await resp.json()
    if resp.status == 200:
        _matches("CheckResponse", body)
    return resp.status, body


def _version_used(body: dict[str, Any]) -> int:
    """The pack version a check reports, after checking its findings came from that version."""
    version: int = body["pack"]["version"]
    clauses = {f["clause"] for f in body["findings"]}
    assert clauses, body
    assert all(c.startswith(f"V{version} ") for c in clauses), (version, clauses)
    return version


# --- the pack in force ----------------------------------------------------------------------------

async def test_a_signed_pack_is_in_force_on_health_and_every_check(tmp_path: Path, start: Start) -> None:
    home = _home(tmp_path)
    path = _sign(home, 1)
    client = await start(home)
    health = await _health(client)
    expected = {"id": "acme", "name": "IntegrateUK", "version": 1, "issued": "2026-01-01", "expires": "2099-12-31",
                "signed": True, "signer": "ACME Comms", "key_id": PUB_A.key_id, "source": str(path)}
    assert health["pack"] == expected and health["pack_refused"] is None
    status, body = await _check(client)
    assert status == 200 and body["pack"] == expected and body["pack_refused"] is None
    assert _version_used(body) == 1 and body["org"] == {"id": "acme", "name": "IntegrateUK"}
    # Accepted: the version is remembered (no rollback) and a copy kept as the last good pack.
    assert json.loads((home / ACCEPTED_NAME).read_text("utf-8")) == {"acme": 1}
    assert (home / LAST_GOOD_NAME).read_bytes() == path.read_bytes()
    # A check naming a built-in pack reports that pack.
    status, body = await _check(client, org="ids")
    assert status == 200 and body["pack"]["id"] == "ids" and body["pack"]["source"] == "built-in" and body["pack"]["signed"] is False


def _flip_byte(path: Path) -> None:
    raw = bytearray(path.read_bytes())
    raw[len(raw) // 3] ^= 0x20
    path.write_bytes(bytes(raw))


REFUSALS: dict[str, tuple[Callable[[Path], object], str]] = {
    "a changed byte": (_flip_byte, "the pack file has changed since ACME Comms signed it"),
    "another key": (lambda home: _sign(home, 3, KEY_B, signer="Mallory"),
                    f"it was signed by Mallory with key {PUB_B.key_id}, which this machine does not trust"),
    "expired": (lambda home: _sign(home, 3, issued=dt.date(2020, 1, 1), expires=dt.date(2020, 12, 31)),
                "version 3 expired on 2020-12-31; ask ACME Comms for a newer version of the pack"),
    "rollback": (lambda home: _sign(home, 1), "it is version 1, older than version 2 already accepted on this machine"),
    "truncated": (lambda home: (home / "acme.toml").write_bytes((home / "acme.toml").read_bytes()[:700]),
                  "the pack file has changed since ACME Comms signed it"),
    "unsigned": (lambda home: ((home / "acme.toml").write_text(pack_text(version=3, clause="V3"), "utf-8"),
                               signature_path(home / "acme.toml").unlink()),
                 "the pack is not signed: acme.toml.sig is missing"),
}


@pytest.mark.parametrize("case", list(REFUSALS))
async def test_a_refused_pack_keeps_the_last_good_one_and_says_why(tmp_path: Path, start: Start, case: str) -> None:
    home = _home(tmp_path)
    path = _sign(home, 2)
    client = await start(home)
    assert (await _health(client))["pack"]["version"] == 2

    change, reason = REFUSALS[case]
    change(home if case != "a changed byte" else path)
    await reload_pack(client.app)

    health = await _health(client)
    assert health["pack"]["version"] == 2 and health["pack"]["signer"] == "ACME Comms" and health["pack"]["signed"] is True
    refused = health["pack_refused"]
    assert refused["file"] == str(path)
    assert reason in refused["reason"]
    assert refused["kept"] == "version 2 of IntegrateUK's pack"
    # The user is still checked, by version 2, and every answer says what was refused.
    status, body = await _check(client)
    assert status == 200 and _version_used(body) == 2
    assert body["pack_refused"] == refused
    assert json.loads((home / ACCEPTED_NAME).read_text("utf-8")) == {"acme": 2}


async def test_a_good_pack_after_a_refusal_clears_it(tmp_path: Path, start: Start) -> None:
    home = _home(tmp_path)
    path = _sign(home, 1)
    client = await start(home)
    _flip_byte(path)
    await reload_pack(client.app)
    assert (await _health(client))["pack_refused"] is not None
    _sign(home, 2)
    await reload_pack(client.app)
    health = await _health(client)
    assert health["pack_refused"] is None and health["pack"]["version"] == 2
    assert json.loads((home / ACCEPTED_NAME).read_text("utf-8")) == {"acme": 2}


# --- at start-up -------------------------------------------------------------------------------------

async def test_refused_at_start_up_the_last_good_copy_stays_in_force(tmp_path: Path, start: Start) -> None:
    home = _home(tmp_path)
    path = _sign(home, 4)
    assert load_config(home).pack_in_force is not None  # accepted once: recorded and copied
    _sign(home, 3)  # an older version replaces it while the service is down
    client = await start(home)
    health = await _health(client)
    assert health["pack"]["version"] == 4 and health["pack"]["source"] == str(home / LAST_GOOD_NAME)
    assert health["pack_refused"]["file"] == str(path)
    assert "older than version 4 already accepted" in health["pack_refused"]["reason"]
    assert health["pack_refused"]["kept"] == "version 4 of IntegrateUK's pack"
    status, body = await _check(client)
    assert status == 200 and _version_used(body) == 4


async def test_refused_at_start_up_with_nothing_accepted_uses_the_built_in_org(tmp_path: Path, start: Start) -> None:
    home = _home(tmp_path, org="iuk")
    _sign(home, 1, KEY_B)
    client = await start(home)
    health = await _health(client)
    assert health["pack"]["id"] == "iuk" and health["pack"]["source"] == "built-in"
    assert health["pack_refused"]["kept"] == "the built-in iuk pack (IntegrateUK)"
    assert "does not trust" in health["pack_refused"]["reason"]
    status, body = await _check(client)
    assert status == 200 and body["org"]["id"] == "iuk"


async def test_refused_at_start_up_with_nothing_to_fall_back_on(tmp_path: Path, start: Start) -> None:
    home = _home(tmp_path)
    _sign(home, 1)
    signature_path(home / "acme.toml").unlink()
    client = await start(home)
    health = await _health(client)
    assert health["pack"] is None and health["pack_refused"]["kept"] == NOTHING_KEPT
    status, body = await _check(client)
    assert status == 400 and "the configured policy pack was refused (the pack is not signed" in body["error"]["message"]
    status, body = await _check(client, org="iuk")
    assert status == 200 and body["pack"]["id"] == "iuk" and body["pack_refused"]["kept"] == NOTHING_KEPT


async def test_without_trusted_keys_an_unsigned_pack_is_used_as_before(tmp_path: Path, start: Start) -> None:
    home = _home(tmp_path, keys=())
    path = home / "acme.toml"
    path.write_text(pack_text(version=1, clause="V1"), "utf-8")
    client = await start(home)
    health = await _health(client)
    assert health["pack"]["signed"] is False and health["pack"]["signer"] is None and health["pack"]["source"] == str(path)
    path.write_text(pack_text(version=2, clause="V2").replace('severity = "block"', 'severity = "loud"', 1), "utf-8")
    await reload_pack(client.app)
    health = await _health(client)
    assert health["pack"]["version"] == 1
    assert health["pack_refused"]["reason"].startswith(f"{path}:") and "field rules[0].severity" in health["pack_refused"]["reason"]
    assert not (home / ACCEPTED_NAME).exists()  # unsigned packs set no rollback floor


# --- PUT /v1/trusted-keys --------------------------------------------------------------------------

async def _put_keys(client: TestClient[Any, Any], keys: Any, headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    resp = await client.put("/v1/trusted-keys", json={"keys": keys}, headers=AUTH if headers is None else headers)
    body: dict[str, Any] = await resp.json()
    if resp.status == 200:
        _matches("PackStatus", body)
    return resp.status, body


@pytest.mark.parametrize(("keys", "status", "message", "field"), [
    (["ed25519:nope"], 400, "field keys[0] must be of the form ed25519:<base64 of 32 bytes>", "keys[0]"),
    ([PUB_A.text, "ed25519:" + "A" * 44], 400, "field keys[1] must be of the form", "keys[1]"),
    ([PUB_A.text, 7], 400, "field keys[1] must be a string", "keys[1]"),
    ([PUB_A.text] * 2, 400, "field keys lists the same item twice", "keys"),
    ([public_of(Ed25519PrivateKey.generate()).text for _ in range(17)], 400, "field keys has too many items: at most 16", "keys"),
    ("ed25519:x", 400, "field keys must be a list", "keys"),
])
async def test_put_trusted_keys_refuses_bad_keys(tmp_path: Path, start: Start, keys: Any, status: int, message: str, field: str) -> None:
    home = _home(tmp_path)
    _sign(home, 1)
    client = await start(home)
    got, body = await _put_keys(client, keys)
    assert got == status and message in body["error"]["message"] and body["error"]["field"] == field
    assert not (home / MANAGED_KEYS_NAME).exists()


async def test_put_trusted_keys_needs_the_token_and_json(tmp_path: Path, start: Start) -> None:
    home = _home(tmp_path)
    _sign(home, 1)
    client = await start(home)
    status, _ = await _put_keys(client, [PUB_B.text], headers={})
    assert status == 401
    resp = await client.put("/v1/trusted-keys", data="keys", headers=AUTH)
    assert resp.status == 415
    resp = await client.put("/v1/trusted-keys", data=b"{not json", headers={**AUTH, "Content-Type": "application/json"})
    assert resp.status == 400 and "not valid UTF-8 JSON" in (await resp.json())["error"]["message"]
    assert not (home / MANAGED_KEYS_NAME).exists()


async def test_rotation_to_a_second_key_pushed_by_it(tmp_path: Path, start: Start) -> None:
    """No key in config.toml: IT pushes key A, then A and B while B takes over, then only B."""
    home = _home(tmp_path, keys=())
    _sign(home, 1, KEY_A)
    client = await start(home)
    assert (await _health(client))["pack"]["signed"] is False  # nothing trusted yet

    status, body = await _put_keys(client, [PUB_A.text])
    assert status == 200 and body["pack"]["signed"] is True and body["pack"]["key_id"] == PUB_A.key_id and body["pack_refused"] is None
    assert json.loads((home / MANAGED_KEYS_NAME).read_text("utf-8")) == {"keys": [PUB_A.text]}

    status, body = await _put_keys(client, [PUB_A.text, PUB_B.text])
    assert status == 200 and body["pack"]["key_id"] == PUB_A.key_id
    _sign(home, 2, KEY_B, signer="ACME Comms 2027")
    await reload_pack(client.app)
    health = await _health(client)
    assert health["pack"]["version"] == 2 and health["pack"]["key_id"] == PUB_B.key_id and health["pack"]["signer"] == "ACME Comms 2027"

    status, body = await _put_keys(client, [PUB_B.text])  # the old key retired
    assert status == 200 and body["pack"]["key_id"] == PUB_B.key_id and body["pack_refused"] is None
    assert json.loads((home / MANAGED_KEYS_NAME).read_text("utf-8")) == {"keys": [PUB_B.text]}
    _sign(home, 3, KEY_A)  # signed with the retired key
    await reload_pack(client.app)
    health = await _health(client)
    assert health["pack"]["version"] == 2
    assert f"with key {PUB_A.key_id}, which this machine does not trust" in health["pack_refused"]["reason"]

    # A restart reads IT's keys back: still only B.
    assert [k.raw for k in load_config(home).trusted_keys] == [PUB_B.raw]


async def test_managed_keys_add_to_config_keys(tmp_path: Path, start: Start) -> None:
    home = _home(tmp_path, keys=(PUB_A.text,))
    _sign(home, 1, KEY_B)
    client = await start(home)
    assert "does not trust" in (await _health(client))["pack_refused"]["reason"]
    status, body = await _put_keys(client, [PUB_B.text])
    assert status == 200 and body["pack"]["key_id"] == PUB_B.key_id and body["pack_refused"] is None
    status, body = await _put_keys(client, [])  # IT withdraws its key: config.toml's A remains, B's pack is refused
    assert status == 200 and body["pack_refused"] is not None and body["pack"]["version"] == 1
    assert {k.raw for k in load_config(home).trusted_keys} == {PUB_A.raw}


# --- reloading ----------------------------------------------------------------------------------------

async def _wait_for(client: TestClient[Any, Any], test: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
    deadline = time.monotonic() + 30
    while True:
        health = await _health(client)
        if test(health):
            return health
        assert time.monotonic() < deadline, health
        await asyncio.sleep(0.05)


async def test_the_watcher_picks_up_a_new_version_and_a_broken_one(tmp_path: Path, start: Start) -> None:
    home = _home(tmp_path)
    path = _sign(home, 1)
    client = await start(home, poll=0.05)
    _sign(home, 2)
    await _wait_for(client, lambda h: h["pack"]["version"] == 2 and h["pack_refused"] is None)
    status, body = await _check(client)
    assert status == 200 and _version_used(body) == 2
    _flip_byte(path)
    health = await _wait_for(client, lambda h: h["pack_refused"] is not None)
    assert health["pack"]["version"] == 2 and "changed since" in health["pack_refused"]["reason"]
    signature_path(path).unlink()
    health = await _wait_for(client, lambda h: h["pack_refused"] is not None and "not signed" in h["pack_refused"]["reason"])
    assert health["pack"]["version"] == 2


class _GatedEngine:
    """The real engine, but each check waits at a gate, so a test can reload mid-check."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.entered = threading.Event()
        self.gate = threading.Event()

    def check(self, draft: Any, pack: Any, **kw: Any) -> Any:
        self.entered.set()
        self.gate.wait(30)
        return self.engine.check(draft, pack, **kw)

    def forget(self) -> None:
        self.engine.forget()


async def test_a_check_in_flight_finishes_on_the_old_pack(tmp_path: Path, start: Start, engine: Engine) -> None:
    home = _home(tmp_path)
    _sign(home, 1)
    gated = _GatedEngine(engine)
    client = await start(home, engine_factory=lambda: gated)
    in_flight = asyncio.ensure_future(_check(client))
    assert await asyncio.to_thread(gated.entered.wait, 30)
    _sign(home, 2)
    await reload_pack(client.app)
    assert client.app[STATE].config.pack_in_force.pack.version == 2  # type: ignore[union-attr]
    gated.gate.set()
    status, body = await in_flight
    assert status == 200 and _version_used(body) == 1
    status, body = await _check(client)
    assert status == 200 and _version_used(body) == 2


async def test_reload_under_load_loses_no_request(tmp_path: Path, start: Start) -> None:
    home = _home(tmp_path)
    _sign(home, 1)
    client = await start(home, poll=0.02)  # the watcher runs too, racing the explicit reloads

    async def publish(version: int) -> None:
        await asyncio.sleep(0.01)
        await asyncio.to_thread(_sign, home, version)
        await reload_pack(client.app)

    answers: list[tuple[int, dict[str, Any]]] = []
    sent = 0
    waves = [None, 2, 3, 4, 5, None]
    for version in waves:
        checks = [_check(client) for _ in range(20)]
        sent += len(checks)
        results = await asyncio.gather(*checks, *([publish(version)] if version else []))
        answers += [r for r in results if r is not None]

    assert len(answers) == sent
    assert all(status == 200 for status, _ in answers)
    versions = [_version_used(body) for _, body in answers]  # each answer: one pack, its findings from that pack
    assert set(versions) <= {1, 2, 3, 4, 5}
    assert versions[:20] == [1] * 20 and versions[-20:] == [5] * 20
    for _, body in answers:
        assert body["pack"]["signer"] == "ACME Comms" and body["org"]["id"] == body["pack"]["id"] == "acme"
    health = await _health(client)
    assert health["pack"]["version"] == 5
    assert json.loads((home / ACCEPTED_NAME).read_text("utf-8")) == {"acme": 5}


async def test_a_new_pack_in_force_empties_the_memo_and_a_refused_one_does_not(tmp_path: Path, start: Start, engine: Engine) -> None:
    """Nothing worked out under one pack answers for the next (issue 15's memo of per-sentence work)."""
    home = _home(tmp_path)
    _sign(home, 1)
    client = await start(home)
    tox = engine.checks["toxicity"]
    memos = (tox._sentence_memo, tox.model.memo)  # type: ignore[attr-defined]
    assert (await _check(client))[0] == 200
    assert all(len(m) > 0 for m in memos)
    path = _sign(home, 2)
    await reload_pack(client.app)
    assert (await _health(client))["pack"]["version"] == 2
    assert all(len(m) == 0 for m in memos)
    status, body = await _check(client)
    assert status == 200 and _version_used(body) == 2 and all(len(m) > 0 for m in memos)
    _flip_byte(path)  # refused: version 2 stays in force, and so does the memo
    await reload_pack(client.app)
    assert (await _health(client))["pack_refused"] is not None
    assert all(len(m) > 0 for m in memos)
