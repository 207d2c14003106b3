"""The engine: findings cite clauses, match the shared schema, and respect accounts and attachments."""

import json
from pathlib import Path

import jsonschema
import pytest

from clearpost import Draft, Engine, InputError, builtin_pack

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "backend/clearpost/schemas/finding.schema.json").read_text("utf-8"))


def test_findings_match_the_shared_schema(engine) -> None:
    text = "Personally I think every Tory MP is a lying bastard. Call Jo on 07911 123456. Confidential!"
    result = engine.check(Draft(text, account="official", attachments=("image",)), builtin_pack("iuk"))
    assert {f.category for f in result.findings} >= {"opinion", "political", "profanity", "toxicity", "personal-data", "confidential", "media"}
    for finding in result.to_dicts():
        jsonschema.validate(finding, SCHEMA)
        assert finding["clause"] in finding["message"]
        if finding["start"] is not None:
            assert 0 <= finding["start"] < finding["end"] <= len(text)


def test_spans_point_at_the_offending_text(engine) -> None:
    text = "Ring Nadia on 07700 900982 today"
    (finding,) = engine.check(Draft(text, account="official"), builtin_pack("qmul")).findings
    assert text[finding.start:finding.end] == "07700 900982"
    assert finding.severity.value == "block"


@pytest.mark.parametrize("kind", ["image", "video"])
def test_attachments_give_info_reminders_only(engine, kind: str) -> None:
    findings = engine.check(Draft("Our youth panel!", account="official", attachments=(kind,)), builtin_pack("iuk")).findings
    assert {f.clause for f in findings} == {"IUK 4.12", "IUK 4.11", "IUK 5.8"}
    assert {f.severity.value for f in findings} == {"info"}


def test_political_speech_on_lshtm_official_is_info_at_most(engine) -> None:
    findings = engine.check(Draft("Vote Labour on Thursday!", account="official"), builtin_pack("lshtm")).findings
    assert [(f.category, f.severity.value) for f in findings] == [("political", "info")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("x" * 20_001, "20,000"),
        ("hello\x00world", "control character"),
        ("bell\x07", "control character"),
    ],
)
def test_bad_text_is_refused_without_quoting_it(text: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        Draft(text)
    assert message in str(err.value)
    assert "world" not in str(err.value)


def test_tabs_newlines_and_emoji_are_fine(engine) -> None:
    text = "Line one\tstill fine\r\nLine two 🎉 ünïcödé"
    assert engine.check(Draft(text), builtin_pack("qmul")).findings == ()


@pytest.mark.parametrize(("field", "value"), [("account", "corporate"), ("platform", "facebook")])
def test_bad_account_or_platform(field: str, value: str) -> None:
    with pytest.raises(InputError, match=field):
        Draft("hello", **{field: value})  # type: ignore[arg-type]


def test_a_check_overtaken_by_a_newer_draft_stops_between_checks(engine: Engine) -> None:
    from clearpost.engine import Superseded

    draft = Draft("Call Sam on 07700 900461, the idiot", account="personal")
    pack = builtin_pack("iuk")
    asked: list[int] = []

    def newer_arrived_after_two() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(Superseded):
        engine.check(draft, pack, should_stop=newer_arrived_after_two)
    assert len(asked) == 3  # stopped before the third check ran
    # Not overtaken: asked before every check, and the answer is the plain check's.
    asked.clear()
    assert engine.check(draft, pack, should_stop=lambda: bool(asked.append(1))).findings == engine.check(draft, pack).findings
    assert len(asked) == len({r.category for r in pack.rules if "personal" in r.accounts})
