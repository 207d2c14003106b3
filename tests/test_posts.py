"""Posts written to the category definitions in shared/eval/README.md (not the dev set's
sentences): each must fire exactly its expected categories, plus any it allows."""

import json
from pathlib import Path

import pytest

CASES = [json.loads(line) for line in (Path(__file__).parent / "data/posts.jsonl").read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_post(fired, case: dict[str, object]) -> None:
    got = fired(case["text"], case["org"], case["account"], platform=case["platform"])
    expect, allow = set(case["expect"]), set(case.get("allow", []))  # type: ignore[call-overload]
    assert expect <= got, f"missed {expect - got}"
    assert got <= expect | allow, f"false alarm {got - expect - allow}"


def test_pathological_input_is_checked(engine) -> None:  # type: ignore[no-untyped-def]
    # Long runs without spaces once made spaCy's tokenizer quadratic; the check must finish and find nothing.
    from clearpost import Draft, builtin_pack

    for text in ("!?" * 10_000, "a." * 10_000, "@" * 20_000):
        assert engine.check(Draft(text), builtin_pack("iuk")).findings == ()
