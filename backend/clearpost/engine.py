"""The engine: load every check once, run the ones the organisation's pack has rules for,
and turn their hits into findings that cite the pack's clauses."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from clearpost import disguise
from clearpost.checks import REGISTRY, Check, CheckContext
from clearpost.checks.pack_terms import pack_term_hits
from clearpost.checks.toxicity import ToxicityCheck
from clearpost.draft import Draft
from clearpost.findings import Finding, Hit
from clearpost.policy import PolicyPack, Rule
from clearpost.scan import blocks, segments
from clearpost.text import sentence_spans


class Superseded(Exception):
    """A check abandoned part-way because a newer draft made its answer worthless."""


@dataclass(frozen=True)
class CheckResult:
    findings: tuple[Finding, ...]
    elapsed_ms: float

    def to_dicts(self) -> list[dict[str, object]]:
        return [f.to_dict() for f in self.findings]


class Engine:
    def __init__(self, *, model_threads: int | None = None, shared_model: bool = False) -> None:
        """`model_threads`: onnxruntime threads per model call (default: all cores). `shared_model`:
        checks run in parallel (the service), so a model call that overlaps another uses one thread
        (`ToxicityModel`); the audit's workers each pass model_threads=1 instead."""
        started = time.perf_counter()
        self.checks: dict[str, Check] = {
            category: factory(model_threads=model_threads, shared_model=shared_model) if category == ToxicityCheck.category else factory()
            for category, factory in REGISTRY.items()
        }
        self.load_seconds = time.perf_counter() - started

    def forget(self, *, words: bool = True) -> None:
        """Empty the checks' memos of per-sentence work (`clearpost.memo`): the service calls it
        when the policy pack changes; the benchmarks, to time a cold check. `words=False` keeps the
        lexicons' answers per word, which depend on the word alone and stay warm in a running
        service: the cold check of a post it has not seen."""
        disguise.normalise.cache_clear()
        for cut in (sentence_spans, segments, blocks):  # how the last few texts were cut into sentences
            cut.cache_clear()
        if words:
            disguise.default().forget_words()
        for check in self.checks.values():
            forget = getattr(check, "forget", None)
            if forget is not None:
                forget(words=words)

    def check(self, draft: Draft, pack: PolicyPack, should_stop: Callable[[], bool] | None = None) -> CheckResult:
        """`should_stop`, asked before each check: True (a newer draft of the same composer has
        arrived) abandons this one with `Superseded`, so no more CPU is spent on it."""
        started = time.perf_counter()
        ctx = CheckContext.build(draft, pack)
        wanted = {r.category for r in pack.rules if draft.account in r.accounts}
        findings: list[Finding] = []
        for category in wanted:
            if should_stop is not None and should_stop():
                raise Superseded()
            # The pack's own words and patterns for the category, if it lists any (checks/pack_terms.py).
            for hit in [*self.checks[category].analyze(ctx), *pack_term_hits(ctx, category)]:
                for rule in pack.rules_for(hit.category, hit.signal, draft.account):
                    if rule.when_org_named and not ctx.names_org:
                        continue
                    findings.append(_finding(hit, rule, pack))
        findings = _dedupe(findings)
        findings.sort(key=lambda f: (-f.severity.rank, f.start if f.start is not None else -1, f.category))
        return CheckResult(tuple(findings), (time.perf_counter() - started) * 1000)


def _finding(hit: Hit, rule: Rule, pack: PolicyPack) -> Finding:
    fix = None
    if rule.category == "disclaimer" and rule.signal == "main" and pack.disclaimer:
        fix = {"action": "append", "text": pack.disclaimer}
    return Finding(
        category=hit.category, rule=rule.id, clause=rule.clause, severity=rule.severity,
        start=hit.start, end=hit.end, message=f"{hit.what}. {rule.clause}: {rule.why}", fix=fix,
    )


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and span; a span inside another of the same rule is dropped."""
    kept: list[Finding] = []
    for f in sorted(findings, key=lambda f: (f.rule, -((f.end or 0) - (f.start or 0)))):
        if any(
            k.rule == f.rule and ((k.start == f.start and k.end == f.end) or (
                f.start is not None and k.start is not None and k.end is not None and f.end is not None
                and k.start <= f.start and f.end <= k.end))
            for k in kept
        ):
            continue
        kept.append(f)
    return kept
