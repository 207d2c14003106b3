"""Property-based fuzz of POST /v1/check against its OpenAPI description: 1,200 generated
requests (valid ones drawn from the CheckRequest schema, valid ones with one field broken, any
JSON at all, and raw bytes), sent over a real socket to the real app. None may get a 5xx, each
status must be one the document lists, and every 200 must match CheckResponse."""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from aiohttp import web
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clearpost import Engine
from clearpost.policy import builtin_pack
from clearpost.service import ServiceConfig, create_app, openapi_document, wait_until_ready
from clearpost.service.app import component_validator

TOKEN = "fuzz-token-0123456789abcdefghijklmnopqrstuvwxyz"
DOCUMENTED = {int(s) for s in openapi_document()["paths"]["/v1/check"]["post"]["responses"]}


@pytest.fixture(scope="module")
def service_url(engine: Engine) -> Iterator[str]:
    loop = asyncio.new_event_loop()
    app = create_app(ServiceConfig(pack=builtin_pack("iuk")), TOKEN, engine_factory=lambda: engine)
    runner = web.AppRunner(app, access_log=None)
    ready = threading.Event()
    port: list[int] = []

    async def start() -> None:
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port.append(runner.addresses[0][1])
        await wait_until_ready(app)
        ready.set()

    thread = threading.Thread(target=lambda: (loop.run_until_complete(start()), loop.run_forever()), daemon=True)
    thread.start()
    assert ready.wait(60)
    yield f"http://127.0.0.1:{port[0]}"
    asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(30)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


def _send(url: str, payload: bytes) -> tuple[int, Any]:
    request = urllib.request.Request(f"{url}/v1/check", data=payload,
                                     headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as resp:
            return resp.status, json.load(resp)
    except urllib.error.HTTPError as exc:
        return exc.code, json.load(exc)


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values valid under the JSON Schema subset the API document uses (objects, enums, strings, integers, lists)."""
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    kind = schema.get("type")
    if kind == "boolean":
        return st.booleans()
    if kind == "integer":
        low, high = schema.get("minimum", -(2**53)), schema.get("maximum", 2**53)
        return st.one_of(st.integers(min_value=low, max_value=high), st.sampled_from([low, high]))
    if kind == "string" and "pattern" in schema:
        shortest, longest = schema.get("minLength", 0), schema.get("maxLength", 20_000)
        return st.from_regex(schema["pattern"]).filter(lambda t: shortest <= len(t) <= longest)
    if kind == "string":
        # Mostly post-like text, sometimes any Unicode at all, sometimes very long.
        words = st.sampled_from(["IntegrateUK", "idiot", "07700 900461", "vote", "my views", "buy now", "the", "report", "@user", "http://x.co"])
        posts = st.lists(words, max_size=30).map(" ".join)
        long = st.integers(min_value=1, max_value=schema.get("maxLength", 100) // 8).map(lambda n: "We did it! " * n)
        fit = schema.get("maxLength", 20_000)
        return st.one_of(posts, st.text(max_size=200), long).map(lambda t: (t if len(t) >= schema.get("minLength", 0) else t + "x")[:fit])
    if kind == "array":
        return st.lists(from_schema(schema["items"]), max_size=min(schema.get("maxItems", 5), 5))
    if kind == "object":
        props = schema.get("properties", {})
        required = {k: from_schema(v) for k, v in props.items() if k in schema.get("required", [])}
        optional = {k: from_schema(v) for k, v in props.items() if k not in schema.get("required", [])}
        return st.fixed_dictionaries(required, optional=optional)
    raise ValueError(f"schema keyword set not handled by this generator: {sorted(schema)}")


valid_bodies = from_schema(openapi_document()["components"]["schemas"]["CheckRequest"])
any_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
broken_bodies = st.tuples(valid_bodies, st.sampled_from(["text", "org", "platform", "account", "attachments", "revision", "extra"]), any_json).map(
    lambda t: {**t[0], t[1]: t[2]}
)
payloads = st.one_of(
    valid_bodies.map(lambda b: json.dumps(b).encode()),
    valid_bodies.map(lambda b: json.dumps(b, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    broken_bodies.map(lambda b: json.dumps(b).encode()),
    any_json.map(lambda b: json.dumps(b).encode()),
    st.binary(max_size=200),
)


@settings(max_examples=1200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(payload=payloads)
def test_no_generated_request_gets_a_5xx(service_url: str, payload: bytes) -> None:
    status, body = _send(service_url, payload)
    assert status < 500, body
    assert status in DOCUMENTED
    if status == 200:
        errors = [e.message for e in component_validator("CheckResponse").iter_errors(body)]
        assert not errors
    else:
        assert not list(component_validator("Error").iter_errors(body))
