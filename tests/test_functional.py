"""The functional cases (tests/data/functional.jsonl): how they are made, read and scored, and a
regression guard per behaviour on the real engine."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest

from clearpost.errors import InputError
from clearpost.functional import DEFAULT_FILE, flag_cases, read_cases, summarise

REPO = Path(__file__).resolve().parent.parent


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("functional_cases", REPO / "models" / "functional_cases.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_the_file_is_what_the_generator_writes() -> None:
    generator = _generator()
    written = [json.loads(line) for line in DEFAULT_FILE.read_text(encoding="utf-8").splitlines()]
    assert written == [json.loads(c.to_json()) for c in generator.cases()], "run: .venv/bin/python models/functional_cases.py"


def test_templates_not_only_cases_are_held_out() -> None:
    cases = read_cases(DEFAULT_FILE)
    split_of: dict[str, set[str]] = {}
    for c in cases:
        split_of.setdefault(c["template"], set()).add(c["split"])
    assert all(len(s) == 1 for s in split_of.values()), "a template's cases must all be on one side"
    held = {t for t, s in split_of.items() if s == {"heldout"}}
    behaviours = {c["behaviour"] for c in cases}
    # Every behaviour has held-out templates, and every protected characteristic both labels.
    assert {c["behaviour"] for c in cases if c["template"] in held} == behaviours
    for label in ("hateful", "non-hateful"):
        assert {c["characteristic"] for c in cases if c["label"] == label and c["characteristic"]} == {
            "age", "disability", "gender reassignment", "pregnancy and maternity", "race", "religion or belief", "sex",
            "sexual orientation",
        }


def test_every_disguise_changes_the_sentence_it_comes_from() -> None:
    cases = read_cases(DEFAULT_FILE)
    plain = {(c["template"], c["group"]): c["text"] for c in cases if not c["behaviour"].startswith("disguise_")}
    for c in cases:
        if c["behaviour"].startswith("disguise_"):
            assert c["text"] != plain[(c["template"], c["group"])]


@pytest.mark.parametrize(("line", "message"), [
    ("not json", "not a JSON object"),
    ('{"id": "x", "behaviour": "b", "label": "maybe", "split": "train", "text": "t"}', "label (hateful or non-hateful)"),
    ('{"id": "x", "text": "t"}', "needs id, behaviour"),
])
def test_a_bad_line_is_named_with_its_number(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "a", "behaviour": "b", "label": "hateful", "split": "train", "text": "t"}\n' + line + "\n")
    with pytest.raises(InputError, match=r"cases.jsonl:2: .*" + re.escape(message)):
        read_cases(path)


def test_summary_counts_right_per_behaviour_split_and_label() -> None:
    cases = [
        {"behaviour": "slur", "label": "hateful", "split": "train"},
        {"behaviour": "slur", "label": "hateful", "split": "heldout"},
        {"behaviour": "neutral", "label": "non-hateful", "split": "heldout"},
        {"behaviour": "neutral", "label": "non-hateful", "split": "heldout"},
    ]
    summary = summarise(cases, [True, False, False, True])
    assert summary["behaviours"]["slur"]["train"] == {"right": 1.0, "n": 1}
    assert summary["behaviours"]["slur"]["heldout"] == {"right": 0.0, "n": 1}
    assert summary["behaviours"]["neutral"]["heldout"] == {"right": 0.5, "n": 2}
    assert summary["behaviours"]["neutral"]["should"] == "stay quiet"
    assert summary["overall"]["average"]["heldout"] == {"right": 0.25}


# The share right per behaviour over all its cases, measured with the shipped model on 2026-12-02
# less 0.03: a regression guard, not a target (the held-back sets outside this repo are).
FLOORS = {
    "condemn_quote": 0.97,
    "condemn_reference": 0.97,
    "criticism_not_of_group": 0.84,
    "dehumanisation": 0.94,
    "derogation": 0.96,
    "derogation_question": 0.92,
    "disguise_dropped": 0.90,
    "disguise_leet": 0.91,
    "disguise_spaces": 0.87,
    "disguise_swap": 0.90,
    "implicit_derogation": 0.97,
    "negated_hate": 0.97,
    "negated_praise": 0.88,
    "negated_stereotype": 0.97,
    "negative_emotion": 0.97,
    "negative_emotion_no_group": 0.97,
    "neutral_group": 0.97,
    "not_racist_but": 0.97,
    "positive_group": 0.97,
    "positive_normative": 0.71,
    "reporting_hate": 0.97,
    "slur": 0.97,
    "threat_direct": 0.87,
    "threat_normative": 0.97,
}


def test_no_behaviour_falls_below_its_floor() -> None:
    cases = read_cases(DEFAULT_FILE)
    summary = summarise(cases, flag_cases(cases))
    below = {name: figures["all"]["right"] for name, figures in summary["behaviours"].items()
             if figures["all"]["right"] < FLOORS.get(name, 0.0)}
    assert not below, f"behaviours below their floor: {below}"
    assert set(FLOORS) <= set(summary["behaviours"])
