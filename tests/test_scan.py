"""clearpost.scan: patterns run a sentence at a time through the memo give what one pass over the
whole text gives, for every match that stays inside a sentence."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from clearpost.memo import Memo
from clearpost.scan import LOOK_BEHIND, WHOLE_BELOW, SentenceScanner, blocks, neighbourhoods, rewrite_by_segment, segments

_WORDS = ["we", "will", "kill", "it", "Dr.", "Smith", "confidential", "draft", "\n", "hate", "them", "!", "ok?", "the", "bug"]
_TEXTS = st.lists(st.sampled_from(_WORDS), max_size=60).map(" ".join)
# Patterns that stay inside a sentence, with the look-arounds the checks use.
_PATTERNS = [
    re.compile(r"(?i)\bkill\s+(?:\w+\s+)?(?:them|it)\b"),
    re.compile(r"(?<=[.!?]\s)confidential\b"),
    re.compile(r"\A\s*draft\b"),
    re.compile(r"(?im:^\W{0,3}hate\b)"),
    re.compile(r"(?i)\bbug\b(?=\s*$)"),
]


def _one_pass_per_segment(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """The definition: the pattern over the whole text, each segment's end taken as the text's end."""
    return [m.span() for s, e in segments(text) for m in pattern.finditer(text, s, e)]


@given(_TEXTS)
def test_segments_cover_the_text_exactly_once(text: str) -> None:
    cut = list(segments(text))
    assert "".join(text[s:e] for s, e in cut) == text
    assert all(s < e for s, e in cut)


@settings(max_examples=200)
@given(st.lists(_TEXTS, min_size=1, max_size=6))
def test_scanner_finds_what_a_whole_pass_finds_inside_sentences(drafts: list[str]) -> None:
    scanner = SentenceScanner("test", _PATTERNS)
    for text in drafts:  # one scanner over several drafts: memo hits must change nothing
        found = scanner.scan(text)
        assert found == [_one_pass_per_segment(text, p) for p in _PATTERNS]
        assert found == SentenceScanner("fresh", _PATTERNS).scan(text)


def test_inside_a_sentence_it_is_one_pass_over_the_whole_text() -> None:
    text = "We will kill it. Then we will kill the bug. Fine"
    [found] = SentenceScanner("test", [_PATTERNS[0]]).scan(text)
    assert found == [m.span() for m in _PATTERNS[0].finditer(text)] == [(8, 15)]


def test_a_match_never_spans_two_sentences() -> None:
    [found] = SentenceScanner("test", [_PATTERNS[0]]).scan("we will kill\nthem")
    assert found == []


def test_the_start_of_the_post_is_not_the_start_of_a_sentence() -> None:
    [draft] = SentenceScanner("test", [re.compile(r"\Adraft\b")]).scan("draft one. draft two.")
    assert draft == [(0, 5)]


def test_a_look_behind_sees_the_sentence_before() -> None:
    scanner = SentenceScanner("test", [re.compile(r"(?<=[.!?]\s)confidential\b")])
    assert scanner.scan("All done. confidential") == [[(10, 22)]]
    # The same sentence after a different end: the memo must not answer with the first result.
    assert scanner.scan("All done, confidential") == [[]]


def test_the_memo_key_holds_the_characters_a_look_behind_can_see() -> None:
    pattern = re.compile(rf"(?<=x{{{LOOK_BEHIND - 1}}} )word")
    scanner = SentenceScanner("test", [pattern])
    before = "x" * (LOOK_BEHIND - 1)
    assert scanner.scan(f"Hi. {before} word") == [[(len(before) + 5, len(before) + 9)]]
    assert scanner.scan(f"Hi. {before[:-1]}y word") == [[]]


@given(_TEXTS)
def test_rewriting_by_segment_is_rewriting_the_whole(text: str) -> None:
    memo: Memo[str] = Memo("test")
    blank = re.compile(r"\b(?:kill|hate)\b")

    def rewrite(window: str, offset: int) -> str:
        return blank.sub(lambda m: "x" * len(m.group()), window)[offset:]

    assert rewrite_by_segment(memo, text, rewrite) == blank.sub(lambda m: "x" * len(m.group()), text)
    assert rewrite_by_segment(memo, text, rewrite) == rewrite_by_segment(Memo("fresh"), text, rewrite)


_LONG_TEXTS = st.lists(st.sampled_from(_WORDS), max_size=300).map(" ".join)


@given(_LONG_TEXTS)
def test_blocks_are_runs_of_whole_segments_covering_the_text(text: str) -> None:
    cut = blocks(text)
    assert "".join(text[s:e] for s, e in cut) == text
    ends = {e for _, e in segments(text)}
    assert all(e in ends for _, e in cut)


@given(_LONG_TEXTS, _TEXTS)
def test_typing_at_the_end_keeps_the_earlier_blocks(text: str, typed: str) -> None:
    """Which sentence ends a block depends on that sentence alone: only the last block can change."""
    before, after = blocks(text), blocks(text + " " + typed)
    kept = max(0, len(before) - 1)
    assert after[:kept] == before[:kept]


@given(_LONG_TEXTS)
def test_neighbourhoods_hold_their_block_and_start_at_words(text: str) -> None:
    found = list(neighbourhoods(text))
    if len(text) < WHOLE_BELOW:
        assert found == [(0, 0, len(text), len(text))]
        return
    assert [(s, e) for _, s, e, _ in found] == list(blocks(text))
    for before, start, end, after in found:
        assert before <= start < end <= after
        assert before == 0 or text[before - 1].isspace()
        assert after == len(text) or text[after].isspace()
