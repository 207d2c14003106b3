"""The real service app through aiohttp's test client: every status, who may call, the
OpenAPI document matching the answers, and that the post never reaches a log or an error."""

from __future__ import annotations

import logging
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from clearpost import Engine, ModelError, builtin_pack
from clearpost.service import ServiceConfig, create_app, openapi_document, wait_until_ready
from clearpost.service.app import STATE, component_validator

TOKEN = "test-token-0123456789abcdefghijklmnopqrstuvwxyz"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SENTINEL = "Zxqv sentinel draft text"

MakeClient = Callable[..., Awaitable[TestClient[Any, Any]]]


@pytest.fixture
def make_client(aiohttp_client: Any, engine: Engine) -> MakeClient:
    async def make(config: ServiceConfig | None = None, *, engine_factory: Callable[[], Engine] | None = None, ready: bool = True) -> TestClient[Any, Any]:
        app = create_app(config or ServiceConfig(pack=builtin_pack("iuk")), TOKEN, engine_factory=engine_factory or (lambda: engine))
        client: TestClient[Any, Any] = await aiohttp_client(app)
        if ready:
            await wait_until_ready(app)
        return client

    return make


def _assert_matches(name: str, body: Any) -> None:
    errors = list(component_validator(name).iter_errors(body))
    assert not errors, [e.message for e in errors]


async def _post(client: TestClient[Any, Any], body: Any, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    resp = await client.post("/v1/check", json=body, headers=headers if headers is not None else AUTH)
    return resp.status, await resp.json()


# --- health ------------------------------------------------------------------------------

async def test_health_is_loading_then_ready_and_check_waits(make_client: MakeClient, engine: Engine) -> None:
    release = threading.Event()

    def slow_engine() -> Engine:
        release.wait(10)
        return engine

    client = await make_client(engine_factory=slow_engine, ready=False)
    resp = await client.get("/v1/health")
    assert resp.status == 200
    assert (await resp.json())["status"] == "loading"
    status, body = await _post(client, {"text": "hello", "platform": "x"})
    assert status == 503 and "loading" in body["error"]["message"]
    release.set()
    await wait_until_ready(client.app)
    body = await (await client.get("/v1/health")).json()
    _assert_matches("Health", body)
    assert body["status"] == "ready" and body["api"] == 1


async def test_health_says_nothing_about_the_user(make_client: MakeClient) -> None:
    client = await make_client()
    resp = await client.get("/v1/health")
    body = await resp.json()
    assert set(body) == {"status", "version", "api", "pack", "pack_refused"}
    # The organisation's pack, never anything about the user.
    assert body["pack"] == {"id": "iuk", "name": "IntegrateUK", "version": None, "issued": None, "expires": None,
                            "signed": False, "signer": None, "key_id": None, "source": "built-in"}
    assert body["pack_refused"] is None


async def test_health_reports_a_model_that_failed_to_load(make_client: MakeClient) -> None:
    def broken() -> Engine:
        raise ModelError("model file /x/toxicity.onnx is missing. Restore it")

    client = await make_client(engine_factory=broken, ready=False)
    await wait_until_ready(client.app)
    body = await (await client.get("/v1/health")).json()
    _assert_matches("Health", body)
    assert body["status"] == "failed" and "toxicity.onnx" in body["error"]
    status, err = await _post(client, {"text": "hello", "platform": "x"})
    assert status == 503 and "toxicity.onnx" in err["error"]["message"]


# --- check -------------------------------------------------------------------------------

async def test_check_answers_findings_account_and_disclaimer(make_client: MakeClient) -> None:
    client = await make_client()
    status, body = await _post(client, {"text": "Great day at IntegrateUK. Call Sam on 07700 900461.", "platform": "x"})
    assert status == 200
    _assert_matches("CheckResponse", body)
    categories = {f["category"] for f in body["findings"]}
    assert {"personal-data", "disclaimer"} <= categories
    assert body["account"] == {"type": "personal", "source": "default"}
    assert body["disclaimer"]["required"] is True and body["disclaimer"]["present"] is False
    assert body["disclaimer"]["text"] == builtin_pack("iuk").disclaimer


async def test_check_clean_post_has_no_findings(make_client: MakeClient) -> None:
    client = await make_client()
    status, body = await _post(client, {"text": "Lovely to see so many families at the summer fair today.", "platform": "linkedin"})
    assert status == 200 and body["findings"] == []
    assert body["disclaimer"] == {"required": False, "present": False, "text": builtin_pack("iuk").disclaimer}


async def test_disclaimer_present_clears_it(make_client: MakeClient) -> None:
    client = await make_client()
    pack = builtin_pack("iuk")
    status, body = await _post(client, {"text": f"Proud of IntegrateUK today. {pack.disclaimer}", "platform": "x"})
    assert status == 200
    assert body["disclaimer"]["required"] is True and body["disclaimer"]["present"] is True
    assert not [f for f in body["findings"] if f["category"] == "disclaimer"]


@pytest.mark.parametrize(("account", "config_handles", "expected"), [
    ({"type": "official"}, {}, ("official", "request")),
    ({"type": "personal", "handle": "@ClearpostOfficial"}, {"x": frozenset({"clearpostofficial"})}, ("personal", "request")),
    ({"handle": "@ClearpostOfficial"}, {"x": frozenset({"clearpostofficial"})}, ("official", "config")),
    ({"handle": "ClearpostOfficial"}, {"x": frozenset({"clearpostofficial"})}, ("official", "config")),
    ({"handle": "@ClearpostOfficial"}, {"linkedin": frozenset({"clearpostofficial"})}, ("personal", "default")),
    ({"handle": "@IntegrateUK"}, {}, ("official", "pack")),
    ({"handle": "@someone"}, {}, ("personal", "default")),
    ({}, {}, ("personal", "default")),
])
async def test_account_type_comes_from_request_then_config_then_pack(
    make_client: MakeClient, account: dict[str, str], config_handles: dict[str, frozenset[str]], expected: tuple[str, str]
) -> None:
    client = await make_client(ServiceConfig(pack=builtin_pack("iuk"), official_handles=config_handles))
    status, body = await _post(client, {"text": "Hello all", "platform": "x", "account": account})
    assert status == 200
    assert (body["account"]["type"], body["account"]["source"]) == expected


async def test_official_account_is_checked_as_official(make_client: MakeClient) -> None:
    client = await make_client()
    text = "Vote Labour on Thursday!"
    _, personal = await _post(client, {"text": text, "platform": "x"})
    _, official = await _post(client, {"text": text, "platform": "x", "account": {"type": "official"}})
    assert "political" not in {f["category"] for f in personal["findings"] if f["severity"] != "info"}
    assert "political" in {f["category"] for f in official["findings"]}


async def test_org_in_request_wins_and_attachments_count(make_client: MakeClient) -> None:
    client = await make_client(ServiceConfig())
    status, body = await _post(client, {"text": "Our team at the fair", "platform": "instagram", "org": "qmul", "attachments": [{"kind": "image"}]})
    assert status == 200
    assert any(f["category"] == "media" for f in body["findings"])
    assert all(f["rule"].startswith("qmul-") for f in body["findings"])


async def test_profile_disclaimer_from_config(make_client: MakeClient) -> None:
    client = await make_client(ServiceConfig(pack=builtin_pack("iuk"), profile_disclaimer=True))
    _, body = await _post(client, {"text": "Proud of IntegrateUK today", "platform": "x"})
    assert body["disclaimer"]["present"] is True
    assert not [f for f in body["findings"] if f["category"] == "disclaimer"]


# --- bad input ---------------------------------------------------------------------------

@pytest.mark.parametrize(("body", "field"), [
    ({"platform": "x"}, "(top level)"),
    ({"text": 5, "platform": "x"}, "text"),
    ({"text": "hi", "platform": "myspace"}, "platform"),
    ({"text": "hi", "platform": "x", "account": "official"}, "account"),
    ({"text": "hi", "platform": "x", "account": {"type": "boss"}}, "account.type"),
    ({"text": "hi", "platform": "x", "account": {"handle": ""}}, "account.handle"),
    ({"text": "hi", "platform": "x", "attachments": [{"kind": "gif"}]}, "attachments[0].kind"),
    ({"text": "hi", "platform": "x", "attachments": {"kind": "image"}}, "attachments"),
    ({"text": "hi", "platform": "x", "colour": "red"}, "(top level)"),
    ([1, 2, 3], "(top level)"),
    ("just a string", "(top level)"),
])
async def test_wrong_types_get_400_naming_the_field(make_client: MakeClient, body: Any, field: str) -> None:
    client = await make_client()
    status, err = await _post(client, body)
    assert status == 400
    _assert_matches("Error", err)
    assert f"field {field}" in err["error"]["message"]


@pytest.mark.parametrize("raw", [b"{not json", b"\xff\xfe{}", b"", b'{"text": "hi", "platform": "x"'])
async def test_malformed_json_gets_400(make_client: MakeClient, raw: bytes) -> None:
    client = await make_client()
    resp = await client.post("/v1/check", data=raw, headers={**AUTH, "Content-Type": "application/json"})
    assert resp.status == 400
    assert "JSON" in (await resp.json())["error"]["message"]


@pytest.mark.parametrize(("text", "words"), [
    (f"{SENTINEL}\x07 bell", "control character"),
    ("   \n ", "empty"),
    (f"{SENTINEL} \ud800", "surrogate"),
])
async def test_unusable_text_gets_400_without_quoting_it(make_client: MakeClient, text: str, words: str) -> None:
    client = await make_client()
    status, err = await _post(client, {"text": text, "platform": "x"})
    assert status == 400
    assert words in err["error"]["message"] and err["error"]["field"] == "text"
    assert SENTINEL not in str(err)


async def test_unknown_org_gets_400_listing_the_packs(make_client: MakeClient) -> None:
    client = await make_client()
    status, err = await _post(client, {"text": "hi", "platform": "x", "org": "acme"})
    assert status == 400 and err["error"]["field"] == "org"
    assert "ids, lshtm, society, iuk, qmul" in err["error"]["message"]


async def test_no_org_anywhere_gets_400(make_client: MakeClient) -> None:
    client = await make_client(ServiceConfig())
    status, err = await _post(client, {"text": "hi", "platform": "x"})
    assert status == 400 and "config.toml" in err["error"]["message"]


async def test_text_over_20000_characters_gets_413(make_client: MakeClient) -> None:
    client = await make_client()
    status, err = await _post(client, {"text": "a" * 20_001, "platform": "x"})
    assert status == 413 and "20,000" in err["error"]["message"]
    status, _ = await _post(client, {"text": "word " * 4_000, "platform": "x"})
    assert status == 200


async def test_body_over_64_kib_gets_413(make_client: MakeClient) -> None:
    client = await make_client()
    status, err = await _post(client, {"text": "hi", "platform": "x", "pad": "x" * 70_000})
    assert status == 413 and "64 KiB" in err["error"]["message"]


async def test_non_json_content_type_gets_415(make_client: MakeClient) -> None:
    client = await make_client()
    resp = await client.post("/v1/check", data="text=hi", headers={**AUTH, "Content-Type": "application/x-www-form-urlencoded"})
    assert resp.status == 415


async def test_unknown_path_and_method_get_json_errors(make_client: MakeClient) -> None:
    client = await make_client()
    resp = await client.get("/v1/nothing", headers=AUTH)
    assert resp.status == 404 and "error" in await resp.json()
    resp = await client.get("/v1/check", headers=AUTH)
    assert resp.status == 405 and "error" in await resp.json()


# --- who may call ------------------------------------------------------------------------

@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN}])
@pytest.mark.parametrize(("method", "path"), [("POST", "/v1/check"), ("GET", "/v1/policies"), ("GET", "/v1/openapi.json")])
async def test_every_endpoint_but_health_needs_the_token(make_client: MakeClient, headers: dict[str, str], method: str, path: str) -> None:
    client = await make_client()
    resp = await client.request(method, path, json={"text": "hi", "platform": "x"}, headers=headers)
    assert resp.status == 401
    assert resp.headers["WWW-Authenticate"] == "Bearer"
    assert "clearpost token" in (await resp.json())["error"]["message"]


@pytest.mark.parametrize("origin", ["https://x.com", "http://127.0.0.1:8765", "null", "https://evil.example"])
@pytest.mark.parametrize(("method", "path"), [("POST", "/v1/check"), ("GET", "/v1/health"), ("OPTIONS", "/v1/check")])
async def test_web_page_origins_get_403_even_with_the_token(make_client: MakeClient, origin: str, method: str, path: str) -> None:
    client = await make_client()
    resp = await client.request(method, path, json={"text": "hi", "platform": "x"}, headers={**AUTH, "Origin": origin})
    assert resp.status == 403
    assert "Access-Control-Allow-Origin" not in resp.headers


@pytest.mark.parametrize("origin", ["chrome-extension://abcdefghijklmnopabcdefghijklmnop", "moz-extension://1234-5678"])
async def test_extension_origins_are_served_without_cors_headers(make_client: MakeClient, origin: str) -> None:
    client = await make_client()
    resp = await client.post("/v1/check", json={"text": "hi", "platform": "x"}, headers={**AUTH, "Origin": origin})
    assert resp.status == 200
    assert not [h for h in resp.headers if h.lower().startswith("access-control-")]


async def test_non_loopback_host_gets_403(make_client: MakeClient) -> None:
    client = await make_client()
    resp = await client.get("/v1/health", headers={"Host": "attacker.example:8765"})
    assert resp.status == 403


# --- policies and the OpenAPI document ---------------------------------------------------

async def test_policies_lists_the_packs_and_the_configured_one(make_client: MakeClient) -> None:
    client = await make_client()
    resp = await client.get("/v1/policies", headers=AUTH)
    body = await resp.json()
    _assert_matches("Policies", body)
    assert [p["id"] for p in body["packs"]] == ["ids", "lshtm", "society", "iuk", "qmul"]
    assert body["configured"] == "iuk"
    assert all(r["clause"] for p in body["packs"] for r in p["rules"])


async def test_openapi_document_is_served_and_describes_every_route(make_client: MakeClient) -> None:
    client = await make_client()
    resp = await client.get("/v1/openapi.json", headers=AUTH)
    doc = await resp.json()
    assert doc == openapi_document()
    routes = {(r.method.lower(), r.resource.canonical) for r in client.app.router.routes() if r.resource is not None and r.method != "HEAD"}
    documented = {(m, p) for p, ops in doc["paths"].items() for m in ops}
    assert routes == documented
    assert doc["components"]["schemas"]["Finding"]["properties"]["category"]["enum"]


# --- privacy -----------------------------------------------------------------------------

async def test_the_post_never_reaches_the_log(make_client: MakeClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    client = await make_client()
    for body in ({"text": f"{SENTINEL} call 07700 900461", "platform": "x"}, {"text": f"{SENTINEL}\x01", "platform": "x"}, {"text": SENTINEL, "platform": 3}):
        await _post(client, body)
    assert SENTINEL not in caplog.text


async def test_an_internal_error_is_500_and_logged_without_the_text(
    make_client: MakeClient, engine: Engine, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Fault injection: a check that raises with the post in its message, as a careless bug would.
    def explode(ctx: Any) -> list[Any]:
        raise RuntimeError(f"bad post: {ctx.text}")

    client = await make_client()
    monkeypatch.setattr(client.app[STATE].engine.checks["profanity"], "analyze", explode)  # type: ignore[union-attr]
    caplog.set_level(logging.DEBUG)
    status, err = await _post(client, {"text": SENTINEL, "platform": "x"})
    assert status == 500
    assert SENTINEL not in str(err) and SENTINEL not in caplog.text
    assert "RuntimeError" in caplog.text


async def test_profile_disclaimer_in_the_request_wins(make_client: MakeClient) -> None:
    client = await make_client()
    _, body = await _post(client, {"text": "Proud of IntegrateUK today", "platform": "x", "profile_disclaimer": True})
    assert body["disclaimer"]["present"] is True
    assert body["org"] == {"id": "iuk", "name": "IntegrateUK"}
