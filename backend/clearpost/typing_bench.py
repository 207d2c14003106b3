"""`clearpost bench --typing`: what checking while someone types costs, through the real service.

A seeded script types a 280- and a 3,000-character post: characters one by one, typos taken back,
a word in the middle deleted and typed again, whole sentences pasted. The extension debounces, so
the service sees one check per ~25 keystrokes (and one after each paste, when the user pauses);
each check sends the text as it stands at that moment. The service is create_app in this process
on 127.0.0.1, driven by aiohttp's client, one request at a time as one user would.

Reported per post length: client-observed latency p50/p95/p99 per check, and CPU per keystroke
(process CPU time, client and service together, over keystrokes: each character typed, each
deletion and each paste counts one). Then presidio alone, twice: as it comes out of the box (an
AnalyzerEngine on spaCy's en_core_web_sm with presidio's default recognizers, the email one kept
offline), on the same drafts and on the final post, and the ratio full check / presidio (p50):
what a service that only ran presidio would cost; and as Clearpost's personal-data check
configures it (pattern recognizers on spaCy's tokenizer alone), the part of a check that is presidio.
Last, a cold full check on 8 different posts of each length, against presidio out of the box on
the same posts: with everything emptied before each check (Engine.forget()), and with only the
memo emptied (the lexicons' answers per word kept, as in a running service).

Figures, not assertions: tests never time anything. Post text is never printed or logged.
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Any

import aiohttp
import regex
from aiohttp import web
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
from presidio_analyzer.nlp_engine import NlpEngineProvider

from clearpost.bench import _SENTENCES, _percentile, _post, _timed
from clearpost.checks.personal_data import SPACY_MODEL, PersonalDataCheck, _OfflineEmailRecognizer
from clearpost.draft import Draft
from clearpost.engine import Engine
from clearpost.policy import builtin_pack
from clearpost.service import STATE, ServiceConfig, create_app, wait_until_ready

DEBOUNCE_KEYSTROKES = 25
LENGTHS = (("short", 280), ("long", 3000))
_TOKEN = "typing-bench-token-0123456789abcdefghijkl"
_TYPOS = "qwertyuiopasdfghjklzxcvbnm"


@dataclass
class Session:
    drafts: list[str]  # the text at each check, in order
    keystrokes: int


def typing_session(target: str, rng: random.Random) -> Session:
    """One user typing `target`: returns the text sent at each debounced check."""
    text = ""
    drafts: list[str] = []
    keystrokes = 0
    since_check = 0
    window = rng.randint(DEBOUNCE_KEYSTROKES - 5, DEBOUNCE_KEYSTROKES + 5)

    def key(new_text: str, *, pause: bool = False) -> None:
        nonlocal text, keystrokes, since_check, window
        text = new_text
        keystrokes += 1
        since_check += 1
        if since_check >= window or pause:
            drafts.append(text)
            since_check = 0
            window = rng.randint(DEBOUNCE_KEYSTROKES - 5, DEBOUNCE_KEYSTROKES + 5)

    while len(text) < len(target):
        roll = rng.random()
        if roll < 0.002 and len(text) < len(target) - 40:
            # Paste the rest of the current sentence and the next one, as from a draft elsewhere.
            end = target.find(". ", len(text))
            end = target.find(". ", end + 2) if end != -1 else -1
            end = len(target) if end == -1 else end + 2
            key(target[:end], pause=True)
        elif roll < 0.032:
            # A typo, noticed and taken back.
            for _ in range(rng.randint(1, 3)):
                key(text + rng.choice(_TYPOS))
            while len(text) > 0 and not target.startswith(text):
                key(text[:-1])
        elif roll < 0.037 and len(text) > 80:
            # Back into the middle of the text: delete a word there and type it again.
            words = [m for m in regex.finditer(r"\w+", text[: len(text) - 30]) if len(m.group()) > 2]
            if words:
                word = rng.choice(words)
                head, tail = text[: word.end()], text[word.end():]
                for _ in range(len(word.group())):
                    head = head[:-1]
                    key(head + tail)
                for ch in word.group():
                    head += ch
                    key(head + tail)
        else:
            key(target[: len(text) + 1])
    if not drafts or drafts[-1] != text:
        drafts.append(text)  # the user stops typing: the last debounce window fires
    return Session(drafts, keystrokes)


def sessions(target: str, checks: int, seed: int) -> list[Session]:
    """Whole typing sessions, differently seeded, until they hold at least `checks` checks."""
    out: list[Session] = []
    while sum(len(s.drafts) for s in out) < checks:
        out.append(typing_session(target, random.Random(seed + len(out))))
    return out


def _summary(times: list[float], cpu_s: float, keystrokes: int, prefix: str) -> dict[str, float]:
    return {
        f"{prefix}_p50_ms": round(statistics.median(times), 2),
        f"{prefix}_p95_ms": round(_percentile(times, 0.95), 2),
        f"{prefix}_p99_ms": round(_percentile(times, 0.99), 2),
        f"{prefix}_cpu_per_keystroke_ms": round(cpu_s * 1000 / keystrokes, 3),
    }


async def _replay(session: aiohttp.ClientSession, base: str, drafts: list[str]) -> list[float]:
    times = []
    for text in drafts:
        body = {"text": text, "platform": "linkedin", "account": {"type": "official"}}
        started = time.perf_counter()
        async with session.post(f"{base}/v1/check", json=body) as resp:
            await resp.read()
            if resp.status != 200:
                raise RuntimeError(f"the service answered {resp.status}")  # the status only, never the post
        times.append((time.perf_counter() - started) * 1000)
    return times


async def _through_service(plans: dict[str, list[Session]]) -> tuple[dict[str, float], Engine]:
    app = create_app(ServiceConfig(pack=builtin_pack("iuk")), _TOKEN)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        await wait_until_ready(app, timeout=300)
        engine = app[STATE].engine
        if engine is None:
            raise RuntimeError(app[STATE].load_error or "the checks did not load")
        host, port = runner.addresses[0][:2]
        base = f"http://{host}:{port}"
        figures: dict[str, float] = {}
        async with aiohttp.ClientSession(headers={"Authorization": f"Bearer {_TOKEN}"}) as client:
            # Warm lazy imports, caches and the connection, on posts the sessions never send.
            await _replay(client, base, _SENTENCES[::-1] * 2)
            for label, planned in plans.items():
                drafts = [d for s in planned for d in s.drafts]
                cpu = time.process_time()
                times = await _replay(client, base, drafts)
                cpu = time.process_time() - cpu
                figures.update(_summary(times, cpu, sum(s.keystrokes for s in planned), label))
        return figures, engine
    finally:
        await runner.cleanup()


def out_of_the_box_presidio() -> AnalyzerEngine:
    """presidio as a project that used only it would run it (../shared/notes/models.md)."""
    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": SPACY_MODEL}]})
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"])
    registry.remove_recognizer("EmailRecognizer")
    registry.add_recognizer(_OfflineEmailRecognizer())  # the stock one fetches the public suffix list
    return AnalyzerEngine(registry=registry, nlp_engine=provider.create_engine(), supported_languages=["en"])


def _presidio_alone(plans: dict[str, list[Session]], runs: int, engine: Engine) -> dict[str, float]:
    """Two yardsticks: `presidio` out of the box (spaCy's pipeline on every post), and
    `presidio_lean` as Clearpost's personal-data check configures it (its recognizers, spaCy's
    tokenizer only), called as the check calls it, without the check's judgement after it."""
    stock = out_of_the_box_presidio()
    for warm in _SENTENCES:
        stock.analyze(warm, language="en")
    check = engine.checks["personal-data"]
    assert isinstance(check, PersonalDataCheck)

    def lean(text: str) -> object:
        return check._analyzer.analyze(text, language="en", nlp_artifacts=check._artifacts(text), score_threshold=0.0,
                                       regex_flags=regex.DOTALL | regex.MULTILINE)

    figures: dict[str, float] = {}
    for name, analyze in (("presidio", lambda text: stock.analyze(text, language="en")), ("presidio_lean", lean)):
        figures.update(_timed_drafts(plans, runs, name, analyze))
    return figures


def _timed_drafts(plans: dict[str, list[Session]], runs: int, name: str, analyze: Any) -> dict[str, float]:
    figures: dict[str, float] = {}
    for label, planned in plans.items():
        cpu = time.process_time()
        times = []
        for text in (d for s in planned for d in s.drafts):
            started = time.perf_counter()
            analyze(text)
            times.append((time.perf_counter() - started) * 1000)
        cpu = time.process_time() - cpu
        figures.update(_summary(times, cpu, sum(s.keystrokes for s in planned), f"{label}_{name}"))
        final = planned[0].drafts[-1]
        figures[f"{label}_{name}_final_p50_ms"] = round(statistics.median(_timed(lambda final=final: analyze(final), runs)), 2)  # type: ignore[misc]
    return figures


COLD_POSTS = 8  # different posts per length for the cold check, each a rotation of the bench sentences


def _cold(engine: Engine, runs: int) -> dict[str, float]:
    """A cold full check against presidio out of the box, on the same posts in the same run:
    `COLD_POSTS` posts of each length. Two kinds of cold: `cold`, everything emptied before each
    check (the memo and the lexicons' answers per word: a service just started); `new`, the memo
    emptied but the per-word answers kept (a post never seen, or a paste, in a running service)."""
    stock = out_of_the_box_presidio()
    pack = builtin_pack("iuk")
    figures: dict[str, float] = {}
    for label, length in LENGTHS:
        posts = [_post(length, first) for first in range(COLD_POSTS)]
        repeats = max(3, runs // (COLD_POSTS * (4 if length > 1000 else 1)))
        alone: list[float] = []
        checks: dict[str, list[float]] = {"cold": [], "new": []}
        for post in posts:
            draft = Draft(post, account="official", platform="linkedin")
            for kind, words in (("cold", True), ("new", False)):
                checks[kind] += _timed(lambda draft=draft: engine.check(draft, pack), repeats,  # type: ignore[misc]
                                       before=lambda words=words: engine.forget(words=words))  # type: ignore[misc]
            alone += _timed(lambda post=post: stock.analyze(post, language="en"), repeats)  # type: ignore[misc]
        figures[f"{label}_cold_presidio_p50_ms"] = round(statistics.median(alone), 2)
        for kind, times in checks.items():
            figures[f"{label}_{kind}_p50_ms"] = round(statistics.median(times), 2)
            figures[f"{label}_{kind}_p95_ms"] = round(_percentile(times, 0.95), 2)
            figures[f"{label}_{kind}_ratio_p50"] = round(figures[f"{label}_{kind}_p50_ms"] / figures[f"{label}_cold_presidio_p50_ms"], 2)
    return figures


def measure(runs: int = 200, seed: int = 25) -> dict[str, float]:
    plans = {label: sessions(_post(length), runs, seed) for label, length in LENGTHS}
    figures, engine = asyncio.run(_through_service(plans))
    figures.update(_presidio_alone(plans, runs, engine))
    figures.update(_cold(engine, runs))
    for label, length in LENGTHS:
        planned = plans[label]
        figures[f"{label}_chars"] = length
        figures[f"{label}_sessions"] = len(planned)
        figures[f"{label}_checks"] = sum(len(s.drafts) for s in planned)
        figures[f"{label}_keystrokes"] = sum(s.keystrokes for s in planned)
        figures[f"{label}_ratio_p50"] = round(figures[f"{label}_p50_ms"] / figures[f"{label}_presidio_p50_ms"], 2)
        figures[f"{label}_lean_ratio_p50"] = round(figures[f"{label}_p50_ms"] / figures[f"{label}_presidio_lean_p50_ms"], 1)
    return figures


def run_typing_bench(*, as_json: bool, runs: int) -> int:
    if runs < 10:
        sys.stderr.write("clearpost: error: --runs must be at least 10 for a p95 to mean anything\n")
        return 2
    try:
        figures = measure(runs)
    except RuntimeError as exc:
        sys.stderr.write(f"clearpost: error: {exc}\n")
        return 1
    if as_json:
        print(json.dumps(figures))
        return 0
    f: dict[str, Any] = figures
    print(f"Typing through the service: one check per ~{DEBOUNCE_KEYSTROKES} keystrokes and after each paste; "
          "typos, mid-text edits and pastes (seeded)")
    for label, _ in LENGTHS:
        print(f"{f[label + '_chars']:,}-character post: {f[label + '_checks']} checks over {f[label + '_sessions']} typing session(s), "
              f"{f[label + '_keystrokes']} keystrokes")
        print(f"  full check:    p50 {f[label + '_p50_ms']:.1f} ms   p95 {f[label + '_p95_ms']:.1f} ms   "
              f"p99 {f[label + '_p99_ms']:.1f} ms   CPU {f[label + '_cpu_per_keystroke_ms']:.2f} ms per keystroke")
        for name, title in (("presidio", "presidio out of the box"), ("presidio_lean", "presidio as the check runs it")):
            print(f"  {title}: p50 {f[f'{label}_{name}_p50_ms']:.2f} ms   p95 {f[f'{label}_{name}_p95_ms']:.2f} ms   "
                  f"p99 {f[f'{label}_{name}_p99_ms']:.2f} ms   CPU {f[f'{label}_{name}_cpu_per_keystroke_ms']:.3f} ms per keystroke; "
                  f"final post p50 {f[f'{label}_{name}_final_p50_ms']:.2f} ms")
    print(f"typing check / presidio out of the box (p50): 280 characters {f['short_ratio_p50']:.2f}x   "
          f"3,000 characters {f['long_ratio_p50']:.2f}x")
    for label, length in LENGTHS:
        print(f"cold full check, {length:,} characters ({COLD_POSTS} posts; presidio out of the box on them p50 "
              f"{f[label + '_cold_presidio_p50_ms']:.1f} ms):")
        for kind, title in (("cold", "everything emptied before each"), ("new", "memo emptied, per-word answers kept")):
            print(f"  {title}: p50 {f[f'{label}_{kind}_p50_ms']:.1f} ms   p95 {f[f'{label}_{kind}_p95_ms']:.1f} ms   "
                  f"ratio {f[f'{label}_{kind}_ratio_p50']:.2f}x")
    print(f"full check / presidio as the check runs it (p50): 280 characters {f['short_lean_ratio_p50']:.1f}x   "
          f"3,000 characters {f['long_lean_ratio_p50']:.1f}x")
    return 0
