"""Writing a pack: `clearpost pack new/check/show`, errors that name the file, the line and the
field, the pack's own words and patterns (with the regex heuristic that keeps a check fast),
and those words reaching the engine's findings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from clearpost import Draft, Engine, PolicyPackError, load_pack
from clearpost.cli import main
from clearpost.policy.authoring import FIELD_DOCS, check_pack, new_pack_text, render_html, render_text
from clearpost.policy.pack import parse_pack
from clearpost.policy.patterns import pattern_problem, unsafe_reason
from tests.pack_helpers import pack_text


def _line_of(text: str, needle: str, nth: int = 0) -> int:
    """1-based line of the nth line containing `needle`."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line and not line.startswith("#")]
    return hits[nth]


# --- pack new ---------------------------------------------------------------------------------

def test_pack_new_writes_a_commented_copy_that_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "our-pack.toml"
    assert main(["pack", "new", "--from", "society", "--out", str(out)]) == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    text = out.read_text("utf-8")
    pack = load_pack(out)
    assert pack.id == "our-society" and pack.name == "the Society" and pack.version == 1
    assert pack.issued is not None and pack.expires is not None and pack.expires > pack.issued
    assert len(pack.rules) == len(load_pack(Path(__file__).parents[1] / "backend/clearpost/packs/society.toml").rules)
    for field, doc in FIELD_DOCS.items():  # every field explained, just above it (or offered, commented)
        assert f"# {doc.splitlines()[0]}" in text, field
    lines = text.splitlines()
    severity_doc = next(i for i, line in enumerate(lines) if line.startswith("#   severity"))
    assert severity_doc < lines.index("[[rules]]")
    assert "# [extra.confidential]" in text


def test_pack_new_with_its_own_id_and_never_over_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ours.toml"
    assert main(["pack", "new", "--from", "qmul", "--out", str(out), "--id", "qmul-staff"]) == 0
    assert load_pack(out).id == "qmul-staff"
    before = out.read_bytes()
    assert main(["pack", "new", "--from", "iuk", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert main(["pack", "new", "--from", "iuk", "--out", str(out), "--force"]) == 0
    assert load_pack(out).id == "our-iuk"


def test_pack_new_from_an_unknown_pack_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["pack", "new", "--from", "acme", "--out", str(tmp_path / "x.toml")])
    assert exit_.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


@pytest.mark.parametrize("builtin", ["ids", "lshtm", "society", "iuk", "qmul"])
def test_every_builtin_pack_makes_a_valid_new_pack(builtin: str) -> None:
    pack = parse_pack(new_pack_text(builtin).encode(), "new.toml")
    assert pack.id == f"our-{builtin}" and pack.version == 1


# --- pack check: file, line, field, what is allowed ----------------------------------------------

BASE = pack_text()


@pytest.mark.parametrize(("change", "needle", "nth", "field", "message"), [
    (lambda s: s.replace('severity = "block"', 'severity = "blocker"', 1), 'severity = "blocker"', 0,
     "rules[0].severity", "'blocker' is not allowed; use one of block, warn, info"),
    (lambda s: s.replace('category = "toxicity"', 'category = "gossip"', 1), 'category = "gossip"', 0,
     "rules[", "'gossip' is not allowed; use one of personal-data, toxicity"),
    (lambda s: s.replace('signal = "indirect"', 'signal = "sideways"', 1), 'signal = "sideways"', 0,
     "rules[", "'sideways' is not a signal of disclaimer; use one of main, indirect, profile"),
    (lambda s: s.replace('id = "iuk-toxicity-official"', 'id = "iuk-personal-data"', 1), 'id = "iuk-personal-data"', 1,
     "rules[1].id", "rule id 'iuk-personal-data' is used twice; give each rule its own id"),
    (lambda s: re.sub(r"(?m)^version = 1$", "version = 0", s), "version = 0", 0, "version", "must be at least 1; allowed: The pack's version"),
    (lambda s: s.replace("issued = 2026-01-01", 'issued = "2026-01-01"'), "issued = ", 0, "issued",
     "must be a TOML date without quotes or a time, such as issued = 2027-01-31"),
    (lambda s: s.replace('clause = "IUK 4.18"', 'clause = "I"', 1), 'clause = "I"', 0, "rules[0].clause",
     "must be at least 2 characters; allowed: Clause cited to the user"),
    (lambda s: s.replace("schema_version = 1", "schema_version = 1\ncolour = \"red\""), "colour", 0, "(top level)",
     "Additional properties are not allowed ('colour' was unexpected)"),
])
def test_check_names_file_line_and_field(tmp_path: Path, capsys: pytest.CaptureFixture[str], change, needle: str, nth: int,  # type: ignore[no-untyped-def]
                                         field: str, message: str) -> None:
    text = change(BASE)
    assert text != BASE
    path = tmp_path / "our-pack.toml"
    path.write_text(text, "utf-8")
    assert main(["pack", "check", str(path)]) == 2
    err = capsys.readouterr().err
    line = _line_of(text, needle, nth)
    assert f"{path}:{line}: field {field}" in err, err
    assert message in err


def test_check_lists_every_schema_problem_with_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = BASE.replace('severity = "warn"', 'severity = "loud"')
    path = tmp_path / "our-pack.toml"
    path.write_text(text, "utf-8")
    assert main(["pack", "check", str(path)]) == 2
    err = capsys.readouterr().err
    count = text.count('severity = "loud"')
    assert count >= 2 and f"{count} problem(s):" in err
    for k in range(count):
        line = _line_of(text, 'severity = "loud"', k)
        assert f"{path}:{line}: field rules[" in err


def test_missing_disclaimer_names_the_rule_that_needs_it(tmp_path: Path) -> None:
    text = re.sub(r"(?m)^disclaimer = .*$", "", BASE)
    path = tmp_path / "our-pack.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(PolicyPackError) as err:
        check_pack(path)
    first_rule = next(m for m in re.finditer(r'category = "disclaimer"', text))
    assert f"{path}: field disclaimer: required because the pack has disclaimer rules (rule 'iuk-disclaimer" in str(err.value)
    assert "add disclaimer = " in str(err.value)
    assert first_rule


def test_check_ok_and_notes_a_pack_not_ready_to_sign(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ok.toml"
    path.write_text(BASE, "utf-8")
    assert main(["pack", "check", str(path)]) == 0
    assert f"{path}: OK, pack acme (IntegrateUK)" in capsys.readouterr().out
    path.write_text(re.sub(r"(?m)^(version|issued|expires) = .*$", "", BASE), "utf-8")
    assert main(["pack", "check", str(path)]) == 0
    assert "not ready to sign: add version, issued, expires" in capsys.readouterr().out


def test_check_missing_and_binary_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", "check", str(tmp_path / "nowhere.toml")]) == 2
    assert "cannot read the policy pack" in capsys.readouterr().err
    path = tmp_path / "binary.toml"
    path.write_bytes(b"\xff\xfe\x00garbage")
    assert main(["pack", "check", str(path)]) == 2
    assert f"{path}: not UTF-8 text" in capsys.readouterr().err


# --- the pack's own words and patterns -------------------------------------------------------------

def _extra(body: str) -> str:
    return pack_text(extra="[extra.confidential]\n" + body)


@pytest.mark.parametrize(("body", "needle", "message"), [
    ("patterns = ['(unclosed']", "patterns =", "extra.confidential.patterns[0]: pattern refused: it is not a valid regular expression"),
    ("patterns = ['(a+)+b']", "patterns =", "a repeat inside a repeated group"),
    ("patterns = ['ok', '(x|xy)*z']", "patterns =", "extra.confidential.patterns[1]: pattern refused: a repeated group has two alternatives that start alike"),
    ("patterns = ['(\\w+)\\s\\1']", "patterns =", "backreference"),
    ("patterns = ['x*']", "patterns =", "matches an empty string"),
    ("patterns = ['" + "a" * 201 + "']", "patterns =", "patterns[0]: is too long: at most 200 characters"),
    ("words = [" + ", ".join(f'"word{i}"' for i in range(201)) + "]", "words =",
     "words: has too many items: at most 200; allowed: Words or phrases matched as whole words"),
    ("words = [\"x\"]", "words =", "words[0]: must be at least 2 characters; allowed: a word or phrase of 2 to 60 characters"),
    ("colour = \"red\"", "colour", "Additional properties are not allowed"),
])
def test_bad_extra_terms(tmp_path: Path, body: str, needle: str, message: str) -> None:
    text = _extra(body)
    path = tmp_path / "our-pack.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(PolicyPackError) as err:
        check_pack(path)
    assert f"{path}:{_line_of(text, needle)}: field extra.confidential" in str(err.value)
    assert message in str(err.value)


def test_unknown_extra_category_and_category_without_a_rule(tmp_path: Path) -> None:
    path = tmp_path / "our-pack.toml"
    path.write_text(pack_text(extra='[extra.gossip]\nwords = ["rumour"]'), "utf-8")
    with pytest.raises(PolicyPackError) as err:
        check_pack(path)
    assert "field extra: unknown category 'gossip'; use one of personal-data, toxicity" in str(err.value)
    text = pack_text(extra='[extra.commercial]\nwords = ["buy now"]').replace('category = "commercial"', 'category = "opinion"')
    path.write_text(text, "utf-8")
    with pytest.raises(PolicyPackError) as err:
        check_pack(path)
    assert f"{path}:{_line_of(text, '[extra.commercial]')}: field extra.commercial: the pack has no commercial rule" in str(err.value)


@pytest.mark.parametrize("pattern", [
    r"\bPRJ-\d{4}\b", r"project\s+(?:blue|red)bird", r"(?:colou?r )+", r"\b(?:alpha|beta|gamma)+\b", r"[A-Z]{3}-\d+",
    r"(?i:kestrel)", r"a.*b", r"(?P<code>X\d{2})",
])
def test_safe_patterns_are_accepted(pattern: str) -> None:
    assert pattern_problem(pattern) is None


@pytest.mark.parametrize(("pattern", "why"), [
    (r"(a+)+", "repeat inside a repeated group"),
    (r"(a*)*b", "repeat inside a repeated group"),
    (r"(\w+\s?)*!", "repeat inside a repeated group"),
    (r"((ab)+)+", "repeat inside a repeated group"),
    (r"(?:x\d{2,})+", "repeat inside a repeated group"),
    (r"(a|a)*b", "start alike"),
    (r"(a|ab)+c", "start alike"),
    (r"(.|x)*y", "starts with a class, escape or group"),
    (r"(x|)+y", "empty"),
    (r"(\w)\1", "backreference"),
    (r"(?P<x>a)(?P=x)", "backreference"),
    (r"a*b*c*d*e+", "5 unbounded repeats"),
])
def test_catastrophic_patterns_are_refused(pattern: str, why: str) -> None:
    assert why in (unsafe_reason(pattern) or "")
    assert why in (pattern_problem(pattern) or "")


def test_too_many_words_in_all(tmp_path: Path) -> None:
    tables = "\n".join(
        f'[extra.{c}]\nwords = [{", ".join(f"{chr(34)}{c}{i}{chr(34)}" for i in range(200))}]'
        for c in ("confidential", "toxicity", "profanity", "political", "commercial", "opinion")
    )
    path = tmp_path / "big.toml"
    path.write_text(pack_text(extra=tables), "utf-8")
    with pytest.raises(PolicyPackError, match="1200 words in all; at most 1000 keep a check fast"):
        check_pack(path)


def test_the_packs_own_words_become_findings(engine: Engine) -> None:
    extra = ('[extra.confidential]\nwhat = "An internal project code name"\nwords = ["Project Kestrel", "Bluebird"]\n'
             "patterns = ['\\bPRJ-\\d{4}\\b']")
    pack = parse_pack(pack_text(extra=extra).encode(), "acme.toml")
    plain = parse_pack(pack_text().encode(), "acme.toml")
    text = "So proud of the team behind project  kestrel and PRJ-2031 today!"
    found = [f for f in engine.check(Draft(text, account="personal", platform="x"), pack).findings if f.category == "confidential"]
    spans = sorted(text[f.start:f.end] for f in found if f.start is not None and f.end is not None)
    assert spans == ["PRJ-2031", "project  kestrel"]
    assert all(f.message.startswith("An internal project code name. IUK ") for f in found)
    assert not [f for f in engine.check(Draft(text, account="personal", platform="x"), plain).findings if f.category == "confidential"]
    # Whole words only: "bluebirds" and "Bluebirdish" are not the code name.
    other = engine.check(Draft("Bluebirds nesting by the lake, very Bluebirdish", account="personal", platform="x"), pack)
    assert not [f for f in other.findings if f.category == "confidential"]


# --- pack show -----------------------------------------------------------------------------------

def test_show_renders_what_clearpost_checks_for_us(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(pack_text(version=4, extra='[extra.confidential]\nwords = ["Project Kestrel"]'), "utf-8")
    assert main(["pack", "show", str(path)]) == 0
    out = capsys.readouterr().out
    pack = load_pack(path)
    assert out.startswith("What Clearpost checks for us: IntegrateUK")
    assert "Version 4, issued 2026-01-01, valid until 2099-12-31" in out
    for rule in pack.rules:
        assert rule.clause in out and rule.why in out
    assert "plus 1 word(s) and 0 pattern(s) of our own" in out
    assert "Project Kestrel" not in out  # code names stay in the pack file
    assert out == render_text(pack)


def test_show_html_is_a_page_with_everything_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acme.toml"
    path.write_text(pack_text().replace('name = "IntegrateUK"', 'name = "Acme <script>alert(1)</script> & Co"', 1), "utf-8")
    assert main(["pack", "show", str(path), "--html"]) == 0
    page = capsys.readouterr().out
    assert page.startswith("<!doctype html>") and "<h1>What Clearpost checks for us</h1>" in page
    assert "<script>" not in page and "Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    pack = load_pack(path)
    assert page == render_html(pack)
    assert all(r.clause in page for r in pack.rules)


def test_show_of_a_broken_pack_is_the_same_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "acme.toml"
    text = BASE.replace('severity = "block"', 'severity = "red"', 1)
    path.write_text(text, "utf-8")
    assert main(["pack", "show", str(path), "--html"]) == 2
    line = _line_of(text, 'severity = "red"')
    assert f"{path}:{line}: field rules[0].severity" in capsys.readouterr().err
