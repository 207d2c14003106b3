"""Incremental checking (issue 15): a check that answers from the memo of per-sentence work gives
exactly the findings of a fresh check. Random edit sequences (typing, deleting, pasting, editing in
the middle, new paragraphs) over real posts are checked in order, as one user's drafts are, and
each draft again from an empty memo: the findings must be identical, offsets and messages included."""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from clearpost import Draft, Engine, builtin_pack, disguise
from clearpost.checks.toxicity import ToxicityCheck
from clearpost.draft import validate_text
from clearpost.errors import InputError
from clearpost.memo import Memo
from clearpost.policy import PolicyPack
from tests.conftest import REPO

# Posts that fire every check and posts that must stay quiet, from the repository's own sets.
_POSTS = [json.loads(line) for line in (REPO / "tests" / "data" / "posts.jsonl").read_text("utf-8").splitlines() if line.strip()]
_TEXTS = sorted({p["text"] for p in _POSTS})
_FUNCTIONAL = [json.loads(line)["text"] for line in (REPO / "tests" / "data" / "functional.jsonl").read_text("utf-8").splitlines()[::97]]
# Sentences whose verdict depends on the one before ("They'll find something to be offended by."
# demeans only after a group is named): edits that add or remove the context must be seen.
_GROUP_NAMED = ["Don't do a trigger-warning slide for your trans students.", "Our disabled students joined the trip."]
_PRONOUN_LED = ["They'll find something to be offended by.", "Honestly they are a burden and a drain."]
_PIECES = _TEXTS + _FUNCTIONAL + _GROUP_NAMED + _PRONOUN_LED


@st.composite
def edit_sessions(draw: st.DrawFn) -> tuple[list[str], str, str]:
    """The drafts one user sends while writing and editing a post: each draft is the one before with an edit."""
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    text = " ".join(rng.choice(_PIECES) for _ in range(draw(st.integers(1, 12))))
    drafts = [text]
    for _ in range(draw(st.integers(2, 8))):
        kind = rng.choice(["type", "type", "delete", "paste", "middle", "paragraph", "replace", "context"])
        if kind == "type":  # characters at the end, as most typing is
            text += rng.choice(_PIECES)[: rng.randint(1, 40)]
        elif kind == "delete" and len(text) > 2:
            a = rng.randrange(len(text))
            text = text[:a] + text[a + rng.randint(1, 30):]
        elif kind == "paste":
            at = rng.randint(0, len(text))
            text = text[:at] + " " + rng.choice(_PIECES) + " " + text[at:]
        elif kind == "middle" and len(text) > 2:  # a word typed in the middle
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(["not ", "very ", "@jo ", "07700 900461 ", "idiots ", "\u201c", "\"", ". ", "w0men "]) + text[at:]
        elif kind == "paragraph":
            at = rng.randint(0, len(text))
            text = text[:at] + "\n\n" + text[at:]
        elif kind == "context":
            # Name a group just before a pronoun-led sentence, or take that naming away; else add one.
            led = [text.find(p) for p in _PRONOUN_LED if p in text]
            named = [(text.find(g), g) for g in _GROUP_NAMED if g in text]
            if named and rng.random() < 0.5:
                at, g = rng.choice(named)
                text = text[:at] + text[at + len(g):]
            elif led:
                at = rng.choice(led)
                text = text[:at] + rng.choice(_GROUP_NAMED) + " " + text[at:]
            else:
                text = text + " " + rng.choice(_PRONOUN_LED)
        elif kind == "replace" and text:
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice("aeiou .,!?'\"\n") + text[at + 1:]
        try:
            validate_text(text)
        except InputError:
            text = drafts[-1]
            continue
        drafts.append(text)
    return drafts, draw(st.sampled_from(["official", "personal"])), draw(st.sampled_from(["iuk", "lshtm", "society"]))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(session=edit_sessions())
# The group named in the sentence before, added and taken away: the memo's key must hold that context.
@example(session=([
    "Women deserve equal pay. The weather was fine. They'll find something to be offended by.",
    "Women deserve equal pay. Don't do a trigger-warning slide for your trans students. They'll find something to be offended by.",
    "Women deserve equal pay. The weather was fine. They'll find something to be offended by.",
], "personal", "iuk"))
def test_incremental_findings_equal_fresh_findings(engine: Engine, session: tuple[list[str], str, str]) -> None:
    drafts, account, org = session
    pack = builtin_pack(org)
    incremental = [_checked(engine, d, account, pack) for d in drafts]
    for draft, answered in zip(drafts, incremental, strict=True):
        engine.forget()
        assert answered == _checked(engine, draft, account, pack)


def _checked(engine: Engine, text: str, account: str, pack: PolicyPack) -> tuple[object, object]:
    """The findings, and the model's scores behind them (a wrong score far from a threshold would
    leave the findings alone, so the scores are compared too)."""
    tox = engine.checks["toxicity"]
    assert isinstance(tox, ToxicityCheck)
    scores = [(c.start, c.end, c.scores, addressed) for c, addressed in tox.model_scores(disguise.normalise(text).text)]
    return engine.check(Draft(text, account=account, platform="linkedin"), pack).to_dicts(), scores


def test_the_memo_is_used_while_typing(engine: Engine) -> None:
    """Not vacuous: checking a draft after a small edit answers most of it from the memo."""
    tox = engine.checks["toxicity"]
    post = " ".join(_TEXTS[:40])
    pack = builtin_pack("iuk")
    engine.forget()
    engine.check(Draft(post, account="official", platform="linkedin"), pack)
    model_hits, rule_hits = tox.model.memo.hits, tox._sentence_memo.hits  # type: ignore[attr-defined]
    engine.check(Draft(post + " Thanks all", account="official", platform="linkedin"), pack)
    assert tox.model.memo.hits > model_hits  # type: ignore[attr-defined]
    assert tox._sentence_memo.hits - rule_hits >= 30  # type: ignore[attr-defined]


def test_the_memo_is_bounded_and_never_shows_its_keys() -> None:
    memo: Memo[int] = Memo("test", max_entries=3)
    for i in range(10):
        assert memo.get(f"secret sentence {i}", lambda i=i: i) == i  # type: ignore[misc]
    assert len(memo) == 3
    assert memo.get("secret sentence 9", lambda: -1) == 9  # kept: among the last three
    assert memo.get("secret sentence 0", lambda: -1) == -1  # dropped: least recently used
    assert "secret" not in repr(memo)
    memo.clear()
    assert len(memo) == 0
    with pytest.raises(ValueError):
        Memo("none", max_entries=0)
