"""`clearpost bench`: latency of a cold full check (the memo of per-sentence work emptied before
each, as for a post never seen), model load time and peak RSS. `--typing` (typing_bench) times
the checks of a post being typed, which the memo serves.

Figures, not assertions: tests never time anything.
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from clearpost import disguise
from clearpost.checks.toxicity import ToxicityCheck
from clearpost.draft import Draft
from clearpost.policy import builtin_pack

if TYPE_CHECKING:
    from clearpost.engine import Engine

# Realistic posts that exercise every check: a name, a phone number, a disclaimer, an opinion.
_SENTENCES = [
    "Huge thanks to Dr Priya Shah and the whole fieldwork team for a brilliant week in Nairobi.",
    "If you missed the launch, the full report and data are on our website.",
    "Personally I think the new framework is a step backwards for youth services.",
    "Call Sam on 07700 900461 if you want a place on the panel next month.",
    "Our spring conference early-bird tickets close on Friday, so book now.",
    "Really proud of what IntegrateUK's young people achieved in Bristol this year.",
    "The draft budget is not public yet, so please keep this between us for now.",
    "Strongly disagree with the paper's conclusions: the confounders are not handled at all.",
]


def _sentence(i: int) -> str:
    """The i-th sentence of a bench post: the sentences above in turn, each one after the first
    round numbered ("... next month (12).") so that no sentence repeats. Real posts do not repeat
    their sentences, and the memo of per-sentence work (clearpost.memo) would answer a repeat."""
    sentence = _SENTENCES[i % len(_SENTENCES)]
    return sentence if i < len(_SENTENCES) else f"{sentence[:-1]} ({i}){sentence[-1]}"


def _post(length: int, first: int = 0) -> str:
    """A post of about `length` characters from the sentences above, starting at sentence `first`."""
    text, i = "", first
    while len(text) < length:
        text += _sentence(i) + " "
        i += 1
    return text[:length].rstrip()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(runs: int = 200) -> dict[str, float]:
    started = time.perf_counter()
    from clearpost.engine import Engine

    engine = Engine()
    pack = builtin_pack("iuk")
    load_s = time.perf_counter() - started

    figures: dict[str, float] = {}
    for label, length, n in (("short", 280, runs), ("long", 3000, max(20, runs // 4))):
        draft = Draft(_post(length), account="official", platform="x")
        times = _timed(lambda draft=draft: engine.check(draft, pack), n, before=engine.forget)  # type: ignore[misc]
        figures[f"{label}_p50_ms"] = round(statistics.median(times), 2)
        figures[f"{label}_p95_ms"] = round(_percentile(times, 0.95), 2)
        # The shared disguise normaliser alone, uncached (the check caches it per text).
        times = _timed(lambda text=draft.text: disguise.default().normalise(text), n)  # type: ignore[misc]
        figures[f"{label}_normaliser_p50_ms"] = round(statistics.median(times), 2)
        figures[f"{label}_normaliser_p95_ms"] = round(_percentile(times, 0.95), 2)
    figures.update(_model_figures(engine, runs))
    figures["load_s"] = round(load_s, 2)
    figures["rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return figures


def _timed(fn: Callable[[], object], n: int, before: Callable[[], object] | None = None) -> list[float]:
    """Milliseconds per call over n calls, after five to warm caches and lazy imports; `before`
    runs untimed before each call (Engine.forget: a cold check)."""
    for _ in range(5):
        fn()
    times = []
    for _ in range(n):
        if before is not None:
            before()
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return times


def _model_figures(engine: Engine, runs: int) -> dict[str, float]:
    """The toxicity model alone (tokenise, chunk, onnxruntime), as the check calls it, memo emptied."""
    toxicity = engine.checks["toxicity"]
    assert isinstance(toxicity, ToxicityCheck)
    model = toxicity.model
    short = _SENTENCES[0]
    text, i = "", 0
    while model.token_count(text) < 256:
        text += _sentence(i) + " "
        i += 1
    figures: dict[str, float] = {"model_short_tokens": model.token_count(short), "model_long_tokens": model.token_count(text)}
    for label, post in (("short", short), ("256", text)):
        times = _timed(lambda post=post: model.score_post(post), runs, before=engine.forget)  # type: ignore[misc]
        figures[f"model_{label}_p50_ms"] = round(statistics.median(times), 2)
        figures[f"model_{label}_p95_ms"] = round(_percentile(times, 0.95), 2)
    return figures


def run_bench(*, as_json: bool, runs: int) -> int:
    if runs < 10:
        sys.stderr.write("clearpost: error: --runs must be at least 10 for a p95 to mean anything\n")
        return 2
    figures = measure(runs)
    if as_json:
        print(json.dumps(figures))
    else:
        print(f"280-character post:   p50 {figures['short_p50_ms']:.1f} ms   p95 {figures['short_p95_ms']:.1f} ms")
        print(f"3,000-character post: p50 {figures['long_p50_ms']:.1f} ms   p95 {figures['long_p95_ms']:.1f} ms")
        print(f"disguise normaliser alone: 280 characters p50 {figures['short_normaliser_p50_ms']:.2f} ms   "
              f"p95 {figures['short_normaliser_p95_ms']:.2f} ms; 3,000 characters p50 {figures['long_normaliser_p50_ms']:.2f} ms   "
              f"p95 {figures['long_normaliser_p95_ms']:.2f} ms")
        print(f"toxicity model alone, {figures['model_short_tokens']:.0f}-token post: p50 {figures['model_short_p50_ms']:.1f} ms   "
              f"p95 {figures['model_short_p95_ms']:.1f} ms")
        print(f"toxicity model alone, {figures['model_long_tokens']:.0f}-token post: p50 {figures['model_256_p50_ms']:.1f} ms   "
              f"p95 {figures['model_256_p95_ms']:.1f} ms")
        print(f"load {figures['load_s']:.2f} s   peak RSS {figures['rss_mb']:.0f} MB")
    return 0
