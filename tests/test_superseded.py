"""Superseded checks (issue 15): the real service app and the session's real engine, its check
counted. A revision of a composer's draft that a newer one has overtaken is answered 409: at
once when it arrives late, without being checked when it waited in the queue, and instead of its
findings when the newer one arrived while it ran. Requests without a revision are checked as
ever; a malformed revision is a 400 naming the field; the composers remembered are capped."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient

from clearpost import Draft, Engine, builtin_pack
from clearpost.engine import CheckResult
from clearpost.policy import PolicyPack
from clearpost.service import ServiceConfig, create_app, wait_until_ready
from clearpost.service.app import MAX_COMPOSERS, STATE, SUPERSEDED, Revisions, component_validator

TOKEN = "superseded-token-0123456789abcdefghijklmnopqrstuvwxyz"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
PHONE = "Call Sam on 07700 900461 about the panel."
COMPOSER = "6f1c2a9e-3b7d-4c1e-9a55-0d2f8e4b7c10"
GONE = {"error": {"status": 409, "message": SUPERSEDED}}


class CountingEngine:
    """The real engine, every call of its check counted; while `gate` is clear, a check waits at
    its start (so the one worker thread is busy and later requests queue behind it)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.calls = 0
        self.started = threading.Event()
        self.gate = threading.Event()
        self.gate.set()
        self._lock = threading.Lock()

    def check(self, draft: Draft, pack: PolicyPack, **kw: Any) -> CheckResult:
        with self._lock:
            self.calls += 1
        self.started.set()
        if not self.gate.wait(30):
            raise TimeoutError("the test never opened the gate")
        return self.engine.check(draft, pack, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)


MakeClient = Callable[..., Awaitable[TestClient[Any, Any]]]


@pytest.fixture
def counting(engine: Engine) -> CountingEngine:
    return CountingEngine(engine)


@pytest.fixture
def make_client(aiohttp_client: Any, counting: CountingEngine) -> MakeClient:
    async def make(workers: int = 1) -> TestClient[Any, Any]:
        app = create_app(ServiceConfig(pack=builtin_pack("iuk")), TOKEN, engine_factory=lambda: counting, workers=workers)  # type: ignore[arg-type,return-value]
        client: TestClient[Any, Any] = await aiohttp_client(app)
        await wait_until_ready(app)
        return client

    return make


def body(text: str = PHONE, composer: str | None = COMPOSER, number: int | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"text": text, "platform": "x", **extra}
    if number is not None:
        out["revision"] = {"composer": composer, "number": number}
    return out


async def post(client: TestClient[Any, Any], payload: Any) -> tuple[int, Any]:
    resp = await client.post("/v1/check", json=payload, headers=AUTH)
    return resp.status, await resp.json()


async def until(condition: Callable[[], bool], what: str) -> None:
    """Wait for something the service does in its own time (a bound, not a measurement)."""
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        await asyncio.sleep(0.005)


def categories(answer: Any) -> set[str]:
    return {f["category"] for f in answer["findings"] if f["severity"] in ("warn", "block")}


def assert_superseded(status: int, answer: Any) -> None:
    assert status == 409
    assert answer == GONE
    assert not list(component_validator("Error").iter_errors(answer))


async def test_a_queued_older_revision_is_409_and_never_checked(make_client: MakeClient, counting: CountingEngine) -> None:
    client = await make_client(workers=1)
    revisions = client.app[STATE].revisions
    counting.gate.clear()
    # Another composer's check takes the one worker thread; revisions 1 and 2 queue behind it.
    busy = asyncio.create_task(post(client, body("Lovely to see so many families at the fair.", composer="other", number=7)))
    await until(counting.started.is_set, "the first check started")
    older = asyncio.create_task(post(client, body(number=1)))
    await until(lambda: revisions.newest(COMPOSER) == 1, "revision 1 arrived")
    newer = asyncio.create_task(post(client, body(number=2)))
    await until(lambda: revisions.newest(COMPOSER) == 2, "revision 2 arrived")
    assert counting.calls == 1
    counting.gate.set()
    (busy_status, _), (older_status, older_answer), (newer_status, newer_answer) = await asyncio.gather(busy, older, newer)
    assert busy_status == 200
    assert_superseded(older_status, older_answer)
    assert newer_status == 200 and "personal-data" in categories(newer_answer)
    assert not list(component_validator("CheckResponse").iter_errors(newer_answer))
    assert counting.calls == 2, "revision 1 was abandoned in the queue, never checked"


async def test_an_answer_overtaken_while_it_ran_is_409(make_client: MakeClient, counting: CountingEngine) -> None:
    client = await make_client(workers=1)
    revisions = client.app[STATE].revisions
    counting.gate.clear()
    older = asyncio.create_task(post(client, body(number=1)))
    await until(counting.started.is_set, "revision 1 is being checked")
    newer = asyncio.create_task(post(client, body(number=2)))
    await until(lambda: revisions.newest(COMPOSER) == 2, "revision 2 arrived")
    counting.gate.set()
    (older_status, older_answer), (newer_status, newer_answer) = await asyncio.gather(older, newer)
    assert_superseded(older_status, older_answer)  # checked, but its findings are for a draft no longer there
    assert newer_status == 200 and "personal-data" in categories(newer_answer)
    assert counting.calls == 2


async def test_a_late_older_revision_is_409_at_once_and_equal_or_newer_ones_are_checked(make_client: MakeClient, counting: CountingEngine) -> None:
    client = await make_client()
    status, answer = await post(client, body(number=5))
    assert status == 200 and "personal-data" in categories(answer)
    assert_superseded(*await post(client, body(number=4)))
    assert_superseded(*await post(client, body(number=0)))
    assert counting.calls == 1
    for number in (5, 6, 2**53 - 1):
        status, answer = await post(client, body(number=number))
        assert status == 200 and "personal-data" in categories(answer)
    assert counting.calls == 4


async def test_composers_are_kept_apart(make_client: MakeClient) -> None:
    client = await make_client()
    assert (await post(client, body(composer="a", number=10)))[0] == 200
    assert (await post(client, body(composer="b", number=1)))[0] == 200
    assert (await post(client, body(composer="A", number=1)))[0] == 200  # ids are case-sensitive
    assert (await post(client, body(composer="a", number=9)))[0] == 409


async def test_requests_without_a_revision_are_checked_as_ever(make_client: MakeClient, counting: CountingEngine) -> None:
    client = await make_client(workers=1)
    await post(client, body(number=50))
    counting.started.clear()
    counting.gate.clear()
    queued = [asyncio.create_task(post(client, body())) for _ in range(4)]
    await until(counting.started.is_set, "the first of them started")
    counting.gate.set()
    answers = await asyncio.gather(*queued)
    assert [status for status, _ in answers] == [200] * 4
    assert all("personal-data" in categories(answer) and "revision" not in answer for _, answer in answers)
    assert counting.calls == 5
    assert len(client.app[STATE].revisions) == 1


@pytest.mark.parametrize(("revision", "field", "words"), [
    ("7", "revision", "must be an object"),
    ([COMPOSER, 1], "revision", "must be an object"),
    ({"composer": COMPOSER}, "revision", "missing 'number'"),
    ({"number": 1}, "revision", "missing 'composer'"),
    ({"composer": COMPOSER, "number": 1, "tab": 3}, "revision", "unknown field"),
    ({"composer": "", "number": 1}, "revision.composer", "must not be empty"),
    ({"composer": "a" * 65, "number": 1}, "revision.composer", "at most 64"),
    ({"composer": "draft one", "number": 1}, "revision.composer", "letters"),
    ({"composer": "abc\n", "number": 1}, "revision.composer", "letters"),
    ({"composer": "café", "number": 1}, "revision.composer", "letters"),
    ({"composer": 12, "number": 1}, "revision.composer", "must be a string"),
    ({"composer": COMPOSER, "number": -1}, "revision.number", "at least 0"),
    ({"composer": COMPOSER, "number": 2**53}, "revision.number", "at most 9007199254740991"),
    ({"composer": COMPOSER, "number": 1.5}, "revision.number", "whole number"),
    ({"composer": COMPOSER, "number": "3"}, "revision.number", "whole number"),
    ({"composer": COMPOSER, "number": True}, "revision.number", "whole number"),
    ({"composer": COMPOSER, "number": None}, "revision.number", "whole number"),
])
async def test_a_malformed_revision_is_400_naming_the_field(make_client: MakeClient, counting: CountingEngine, revision: Any, field: str, words: str) -> None:
    client = await make_client()
    status, answer = await post(client, {"text": PHONE, "platform": "x", "revision": revision})
    assert status == 400
    assert answer["error"]["field"] == field
    assert f"field {field} " in answer["error"]["message"] and words in answer["error"]["message"]
    assert "07700" not in answer["error"]["message"]
    assert counting.calls == 0
    assert len(client.app[STATE].revisions) == 0


async def test_the_composers_remembered_are_capped_oldest_first(make_client: MakeClient, counting: CountingEngine) -> None:
    client = await make_client(workers=2)
    revisions = client.app[STATE].revisions
    assert MAX_COMPOSERS == 1_000 and revisions.limit == MAX_COMPOSERS
    many = MAX_COMPOSERS + 200
    for start in range(0, many, 100):
        answers = await asyncio.gather(*(post(client, body("Hello all", composer=f"c{i}", number=3)) for i in range(start, start + 100)))
        assert {status for status, _ in answers} == {200}
    assert len(revisions) == MAX_COMPOSERS
    assert revisions.newest("c0") is None and revisions.newest(f"c{many - 1}") == 3
    # A forgotten composer's old revision is checked, as a request without one would be; a remembered one's is not.
    assert (await post(client, body("Hello all", composer="c0", number=1)))[0] == 200
    assert (await post(client, body("Hello all", composer=f"c{many - 1}", number=1)))[0] == 409
    assert len(revisions) == MAX_COMPOSERS
    assert counting.calls == many + 1


def test_revisions_forget_the_composer_heard_from_least_recently() -> None:
    revisions = Revisions(limit=3)
    for composer in ("a", "b", "c"):
        assert revisions.arrived(composer, 1)
    assert revisions.arrived("a", 2)  # a is now the most recent
    assert revisions.arrived("d", 1)  # b goes
    assert revisions.newest("b") is None and [revisions.newest(c) for c in "acd"] == [2, 1, 1]
    assert not revisions.arrived("a", 1) and revisions.newest("a") == 2
    assert revisions.is_newest("a", 2) and not revisions.is_newest("a", 1) and revisions.is_newest("b", 0)
