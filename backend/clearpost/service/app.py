"""The local checking service: an aiohttp app on 127.0.0.1 that the browser extension calls.

Who may call: the user's own extension. Every request but /v1/health needs the bearer token;
a request whose Origin is a web page gets 403, and no CORS header ever invites a page in; a
Host that is not loopback gets 403 too, which closes DNS rebinding.

The engine loads once, in a worker thread after start-up, so /v1/health answers "loading" at
once. Checks run in a small thread pool, off the event loop, so a slow one stalls nothing.

Checks at typing speed (issue 15): the extension tags each check with its composer and that
composer's revision number. The service keeps the newest number seen per composer (at most
MAX_COMPOSERS of them) and answers 409 to a revision that a newer one has overtaken: at once when
it arrives late, without checking it when a worker thread reaches it in the queue, and instead of
its findings when the newer one arrived while it ran. A request without a revision is checked
as ever.

The configured policy pack is watched: about once a second the service compares the pack file's
and its signature's (mtime_ns, size); on a change it verifies the pack again and swaps in a new,
immutable ServiceConfig in one assignment. A check reads `state.config` once, at its start, so a
check in flight finishes on the pack it began with. A refused pack leaves the pack in force in
place; /v1/health, every check answer and PUT /v1/trusted-keys say what was refused and why.

Privacy: the request body is read, checked and dropped. Nothing here logs it; an unexpected
error is logged as its type and stack frames only, never its message (which could quote input).
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import hmac
import json
import logging
import os
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import jsonschema
from aiohttp import web

import clearpost
from clearpost.checks.disclaimer import has_disclaimer
from clearpost.draft import MAX_CHARS, Draft
from clearpost.engine import CheckResult, Engine, Superseded
from clearpost.errors import ClearpostError, InputError, PolicyPackError
from clearpost.policy import BUILTIN_PACKS, PolicyPack, builtin_pack
from clearpost.policy.signing import parse_public_key, public_key_problem, signature_path, utc_today
from clearpost.policy.trust import MAX_MANAGED_KEYS, PackInForce, write_managed_keys
from clearpost.schema import describe, field_path, load_schema
from clearpost.service.config import ServiceConfig, normalise_handle

API_VERSION = 1
MAX_BODY_BYTES = 64 * 1024
EXTENSION_ORIGINS = ("chrome-extension://", "moz-extension://")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
MAX_COMPOSERS = 1_000
SUPERSEDED = "a newer revision of this draft arrived; this one was not checked"

log = logging.getLogger("clearpost.service")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Revisions:
    """The newest revision number seen per composer. At most `limit` composers: the one heard
    from least recently is forgotten first (an old request of a forgotten composer is then
    checked, as a request without a revision would be). Read by the worker threads, written on
    the event loop: a lock keeps the two apart."""

    def __init__(self, limit: int = MAX_COMPOSERS) -> None:
        self.limit = limit
        self._newest: OrderedDict[str, int] = OrderedDict()
        self._lock = threading.Lock()

    def arrived(self, composer: str, number: int) -> bool:
        """Record `number` if it is the newest of its composer; False if a newer one came first."""
        with self._lock:
            newest = self._newest.get(composer)
            if newest is not None and number < newest:
                return False
            self._newest[composer] = number
            self._newest.move_to_end(composer)
            while len(self._newest) > self.limit:
                self._newest.popitem(last=False)
            return True

    def newest(self, composer: str) -> int | None:
        with self._lock:
            return self._newest.get(composer)

    def is_newest(self, composer: str, number: int) -> bool:
        newest = self.newest(composer)
        return newest is None or number >= newest

    def __len__(self) -> int:
        with self._lock:
            return len(self._newest)


@dataclass
class ServiceState:
    config: ServiceConfig
    token: bytes
    engine_factory: Callable[[], Engine]
    executor: ThreadPoolExecutor
    engine: Engine | None = None
    load_error: str | None = None
    loader: asyncio.Future[Engine] | None = field(default=None, repr=False)
    pack_poll_seconds: float = 1.0
    reload_lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    watcher: asyncio.Task[None] | None = field(default=None, repr=False)
    revisions: Revisions = field(default_factory=Revisions, repr=False)


STATE = web.AppKey("state", ServiceState)


class ApiError(Exception):
    """An error answer: status, message (never quoting the post) and the field at fault."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.field = status, message, field


# --- the OpenAPI document, and request validation against it ---------------------------

@cache
def openapi_document() -> dict[str, Any]:
    """openapi.json with the one shared Finding schema filled in."""
    doc = load_schema("openapi.json")
    finding = {k: v for k, v in load_schema("finding.schema.json").items() if not k.startswith("$")}
    doc = copy.deepcopy(doc)  # load_schema's result is cached and shared
    doc["components"]["schemas"]["Finding"] = finding
    return doc


@cache
def component_validator(name: str) -> jsonschema.Draft202012Validator:
    doc = openapi_document()
    return jsonschema.Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": doc["components"]})


def _validate_request(body: Any, component: str = "CheckRequest") -> None:
    errors = sorted(component_validator(component).iter_errors(body), key=lambda e: (len(e.absolute_path), str(e.absolute_path)))
    if not errors:
        return
    first = errors[0]
    where = field_path(first)
    if where == "text" and first.validator == "maxLength":
        raise ApiError(413, f"the post is longer than {MAX_CHARS:,} characters; split it into shorter posts", "text")
    raise ApiError(400, f"field {where} {describe(first)}", where if where != "(top level)" else None)


# --- middlewares -------------------------------------------------------------------------

def _error_response(status: int, message: str, field: str | None = None, headers: dict[str, str] | None = None) -> web.Response:
    error: dict[str, Any] = {"status": status, "message": message}
    if field:
        error["field"] = field
    return web.json_response({"error": error}, status=status, headers=headers)


@web.middleware
async def errors_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except ApiError as exc:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else ({"Retry-After": "1"} if exc.status == 503 else None)
        return _error_response(exc.status, exc.message, exc.field, headers)
    except web.HTTPException as exc:  # aiohttp's own: 404, 405, 413 from client_max_size
        if exc.status == 413:
            return _error_response(413, f"the request body is over {MAX_BODY_BYTES // 1024} KiB; send one post of at most {MAX_CHARS:,} characters")
        return _error_response(exc.status, exc.reason)
    except asyncio.CancelledError:
        raise
    except Exception as exc:
        frames = "; ".join(f"{f.filename}:{f.lineno} in {f.name}" for f in traceback.extract_tb(exc.__traceback__))
        log.error("internal error %s at %s", type(exc).__name__, frames)  # no message: it could quote the post
        return _error_response(500, "Clearpost hit an internal error checking this request; it has been logged without your text")


@web.middleware
async def origin_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    origin = request.headers.get("Origin")
    if origin is not None and not origin.startswith(EXTENSION_ORIGINS):
        raise ApiError(403, "web pages may not call Clearpost; only the Clearpost browser extension can")
    host = request.host.rsplit(":", 1)[0] if not request.host.endswith("]") else request.host
    if host not in LOOPBACK_HOSTS:
        raise ApiError(403, "Clearpost answers on 127.0.0.1 only; use http://127.0.0.1:<port>")
    return await handler(request)


@web.middleware
async def auth_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.path == "/v1/health":
        return await handler(request)
    header = request.headers.get("Authorization", "")
    scheme, _, given = header.partition(" ")
    expected = request.app[STATE].token
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode("utf-8", "replace"), expected):
        raise ApiError(401, "missing or wrong token: send Authorization: Bearer <token>; `clearpost token` prints it")
    return await handler(request)


# --- handlers ----------------------------------------------------------------------------

def pack_fields(config: ServiceConfig, used: PackInForce | None = None) -> dict[str, Any]:
    """`pack` (the pack in force, or the one a check used) and `pack_refused`, as in the OpenAPI document."""
    pack = used if used is not None else config.pack_in_force
    return {"pack": pack.to_dict() if pack else None, "pack_refused": config.refused.to_dict() if config.refused else None}


async def health(request: web.Request) -> web.Response:
    state = request.app[STATE]
    body: dict[str, Any] = {"version": clearpost.__version__, "api": API_VERSION, **pack_fields(state.config)}
    if state.engine is not None:
        body["status"] = "ready"
    elif state.load_error is not None:
        body.update(status="failed", error=state.load_error)
    else:
        body["status"] = "loading"
    return web.json_response(body)


async def openapi(request: web.Request) -> web.Response:
    return web.json_response(openapi_document())


async def policies(request: web.Request) -> web.Response:
    config = request.app[STATE].config  # read once
    packs = [builtin_pack(p).to_dict() for p in BUILTIN_PACKS]
    if config.pack is not None and config.pack.id not in BUILTIN_PACKS:
        packs.append(config.pack.to_dict())
    return web.json_response({"packs": packs, "configured": config.pack.id if config.pack else None})


async def check(request: web.Request) -> web.Response:
    state = request.app[STATE]
    config = state.config  # read once: a pack reloaded meanwhile applies to the next check, not this one
    if request.content_type != "application/json":
        raise ApiError(415, "send the request as JSON with Content-Type: application/json")
    raw = await request.read()
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ApiError(400, "the body is not valid UTF-8 JSON") from None
    _validate_request(body)
    revision: tuple[str, int] | None = None
    if "revision" in body:
        revision = (body["revision"]["composer"], int(body["revision"]["number"]))
        if not state.revisions.arrived(*revision):
            raise ApiError(409, SUPERSEDED)

    pack = _pack_for(body.get("org"), config)
    account = body.get("account", {})
    account_type, source = resolve_account(account, body["platform"], config, pack)
    try:
        draft = Draft(body["text"], account=account_type, platform=body["platform"],
                      attachments=tuple(a["kind"] for a in body.get("attachments", [])),
                      profile_disclaimer=body.get("profile_disclaimer", config.profile_disclaimer))
    except InputError as exc:
        raise ApiError(400, str(exc), "text") from None

    engine = state.engine
    if engine is None:
        raise ApiError(503, state.load_error or "Clearpost is still loading its checks; try again in a moment")
    result = await asyncio.get_running_loop().run_in_executor(state.executor, _check_if_newest, engine, draft, pack, state.revisions, revision)
    if result is None or (revision is not None and not state.revisions.is_newest(*revision)):
        raise ApiError(409, SUPERSEDED)  # not checked, or its answer is already stale
    return web.json_response({
        "findings": result.to_dicts(),
        "account": {"type": account_type, "source": source},
        "org": {"id": pack.id, "name": pack.name},
        "disclaimer": disclaimer_status(draft, pack),
        "elapsed_ms": round(result.elapsed_ms, 2),
        **pack_fields(config, config.pack_in_force if pack is config.pack else PackInForce.of(pack)),
    })


async def put_trusted_keys(request: web.Request) -> web.Response:
    """IT's managed keys, pushed by the extension: kept beside config.toml's, then the pack is verified again."""
    state = request.app[STATE]
    if request.content_type != "application/json":
        raise ApiError(415, "send the request as JSON with Content-Type: application/json")
    try:
        body = json.loads((await request.read()).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ApiError(400, "the body is not valid UTF-8 JSON") from None
    if isinstance(body, dict) and isinstance(body.get("keys"), list):
        for i, text in enumerate(body["keys"][:MAX_MANAGED_KEYS]):
            problem = public_key_problem(text)
            if problem:
                raise ApiError(400, f"field keys[{i}] {problem}", f"keys[{i}]")
    _validate_request(body, "TrustedKeysRequest")
    keys = tuple(parse_public_key(text) for text in body["keys"])
    async with state.reload_lock:
        config = state.config
        if config.home is not None:
            try:
                await asyncio.to_thread(write_managed_keys, config.home, keys)
            except OSError as exc:
                raise ApiError(500, f"cannot save the managed keys in {config.home} ({exc.strerror})") from None
        before, config = config, await asyncio.to_thread(replace(config, managed_keys=keys).reload_policy)
        _adopt(state, before, config)
    log.info("managed trusted keys set: %s", ", ".join(k.key_id for k in keys) or "none")
    return web.json_response(pack_fields(config))


def _check_if_newest(engine: Engine, draft: Draft, pack: PolicyPack, revisions: Revisions, revision: tuple[str, int] | None) -> CheckResult | None:
    """In a worker thread: the check, or None when a newer revision of this composer's draft
    arrived while this one waited in the queue (not checked at all) or while it ran."""
    if revision is None:
        return engine.check(draft, pack)
    if not revisions.is_newest(*revision):
        return None
    try:
        # Overtaken part-way: stop between checks, so no more CPU goes to an answer nobody will read.
        return engine.check(draft, pack, should_stop=lambda: not revisions.is_newest(*revision))
    except Superseded:
        return None


def _pack_for(org: str | None, config: ServiceConfig) -> PolicyPack:
    if org is not None:
        if config.pack is not None and org == config.pack.id:
            return config.pack
        try:
            return builtin_pack(org)
        except PolicyPackError:
            raise ApiError(400, f"unknown organisation; the packs are {', '.join(BUILTIN_PACKS)}", "org") from None
    if config.pack is None and config.refused is not None:
        raise ApiError(400, f"no organisation: the configured policy pack was refused ({config.refused.reason}); send org meanwhile", "org")
    if config.pack is None:
        raise ApiError(400, f"no organisation: send org (one of {', '.join(BUILTIN_PACKS)}) or set org in config.toml", "org")
    return config.pack


def resolve_account(account: dict[str, str], platform: str, config: ServiceConfig, pack: PolicyPack) -> tuple[str, str]:
    """The account type and where it came from: the request, the configured handles, the pack's own handles, or personal."""
    if "type" in account:
        return account["type"], "request"
    handle = account.get("handle")
    if handle:
        if config.is_official(platform, handle):
            return "official", "config"
        if normalise_handle(handle) in {normalise_handle(h) for h in pack.handles}:
            return "official", "pack"
    return "personal", "default"


def disclaimer_status(draft: Draft, pack: PolicyPack) -> dict[str, Any]:
    named = pack.mention_pattern.search(draft.text) is not None
    required = named and bool(pack.rules_for("disclaimer", "main", draft.account))
    present = draft.profile_disclaimer or has_disclaimer(draft.text)
    return {"required": required, "present": present, "text": pack.disclaimer}


# --- the app -----------------------------------------------------------------------------

async def _start_loading(app: web.Application) -> None:
    state = app[STATE]
    loop = asyncio.get_running_loop()
    state.loader = loop.run_in_executor(state.executor, state.engine_factory)

    def done(future: asyncio.Future[Engine]) -> None:
        if future.cancelled():
            return
        exc = future.exception()
        if exc is None:
            state.engine = future.result()
            log.info("checks loaded")
        elif isinstance(exc, ClearpostError):
            state.load_error = str(exc)
            log.error("checks failed to load: %s", exc)
        else:
            state.load_error = f"the checks failed to load ({type(exc).__name__}); see the service's log"
            log.error("checks failed to load: %s", type(exc).__name__, exc_info=exc)

    state.loader.add_done_callback(done)


def _fingerprint(config: ServiceConfig) -> tuple[object, ...]:
    """What changes when the pack, its signature or the date (expiry) does."""
    out: list[object] = [utc_today()]
    if config.policy_path is not None:
        for path in (config.policy_path, signature_path(config.policy_path)):
            try:
                st = os.stat(path)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
    return tuple(out)


async def reload_pack(app: web.Application) -> ServiceConfig:
    """Verify the configured pack again and swap in the result: one assignment of a new config."""
    state = app[STATE]
    async with state.reload_lock:
        before = state.config
        after = await asyncio.to_thread(before.reload_policy)
        _adopt(state, before, after)
    return after


def _adopt(state: ServiceState, before: ServiceConfig, after: ServiceConfig) -> None:
    """Swap in a new config; when the pack in force changed, say so and empty the engine's memo of
    per-sentence work (clearpost.memo): nothing worked out under the old pack answers for the new."""
    state.config = after
    if after.in_force != before.in_force:
        pack = after.in_force
        log.info("policy pack in force: %s", pack.describe() if pack else "none")
        if state.engine is not None:
            state.engine.forget()


async def _watch_pack(app: web.Application) -> None:
    state = app[STATE]
    seen = _fingerprint(state.config)
    while True:
        await asyncio.sleep(state.pack_poll_seconds)
        now = _fingerprint(state.config)
        if now != seen:
            seen = now
            try:
                await reload_pack(app)
            except Exception as exc:  # keep watching; the pack in force stays
                log.error("reloading the policy pack failed: %s", type(exc).__name__)


async def _start_watching(app: web.Application) -> None:
    state = app[STATE]
    if state.config.policy_path is not None:
        state.watcher = asyncio.get_running_loop().create_task(_watch_pack(app))


async def _stop(app: web.Application) -> None:
    state = app[STATE]
    if state.watcher is not None:
        state.watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await state.watcher
    state.executor.shutdown(wait=True, cancel_futures=True)


def _service_engine() -> Engine:
    # Checks run `workers` at a time: the model gives a check alone every core (one person typing)
    # and a check that overlaps another one thread, so the cores are not oversubscribed.
    return Engine(shared_model=True)


def create_app(config: ServiceConfig, token: str, *, engine_factory: Callable[[], Engine] = _service_engine, workers: int = 2,
               pack_poll_seconds: float = 1.0) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=[errors_middleware, origin_middleware, auth_middleware])
    app[STATE] = ServiceState(config=config, token=token.encode("ascii"), engine_factory=engine_factory,
                              executor=ThreadPoolExecutor(max_workers=workers, thread_name_prefix="clearpost-check"),
                              pack_poll_seconds=pack_poll_seconds)
    app.router.add_get("/v1/health", health)
    app.router.add_post("/v1/check", check)
    app.router.add_get("/v1/policies", policies)
    app.router.add_put("/v1/trusted-keys", put_trusted_keys)
    app.router.add_get("/v1/openapi.json", openapi)
    app.on_startup.append(_start_loading)
    app.on_startup.append(_start_watching)
    app.on_cleanup.append(_stop)
    return app


async def wait_until_ready(app: web.Application, timeout: float = 60.0) -> None:
    """For tests and the load benchmark: wait for the engine (or its failure)."""
    deadline = time.monotonic() + timeout
    state = app[STATE]
    while state.engine is None and state.load_error is None:
        if time.monotonic() > deadline:
            raise TimeoutError("the checks did not load in time")
        await asyncio.sleep(0.02)
