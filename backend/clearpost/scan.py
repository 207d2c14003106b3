"""Regular expressions run one sentence at a time, through the memo, so that a check of a draft
being typed reads again only the sentence that changed.

The text is cut after each sentence (`clearpost.text.sentence_spans`) into segments that cover it
all: a segment is a sentence with the white space before it. Each pattern runs over a segment as
`pattern.finditer(text, start, end)` would: the characters before the segment stay visible to
look-behinds, word boundaries and `^` (so `\\A` still means the start of the post), and the
segment's end is an end of text to look-aheads and `$`. A match therefore never spans two
sentences: the one place the result can differ from one pass over the whole text. Measured on
45,992 checks of 11,498 texts (the dev sets, the posts and functional cases, ToxiGen, TweetEval),
it changed no finding (README, "Checking while you type").

A segment's matches depend on its characters and the `LOOK_BEHIND` characters before it, and that
is the memo's key; `tests/test_scan.py` checks the scanner against that definition, and
`tests/test_incremental.py` that incremental and fresh checks agree.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any, TypeVar

from clearpost.memo import Memo
from clearpost.text import sentence_spans

# The longest look-behind in any pattern given to a scanner, in characters (theirs are 1-3).
LOOK_BEHIND = 16

Span = tuple[int, int]


@lru_cache(maxsize=32)
def segments(text: str) -> tuple[Span, ...]:
    """The text cut after each sentence's end: every character in exactly one segment."""
    cut = []
    start = 0
    for _, end in sentence_spans(text):
        cut.append((start, end))
        start = end
    if start < len(text):
        cut.append((start, len(text)))
    return tuple(cut)


class SentenceScanner:
    """Finds every match of a fixed list of patterns in a text, one segment at a time."""

    def __init__(self, name: str, patterns: Sequence[re.Pattern[str] | Any]) -> None:
        self.patterns = tuple(patterns)
        self._memo: Memo[tuple[tuple[Span, ...], ...]] = Memo(f"{name}: matches by sentence")

    def forget(self) -> None:
        self._memo.clear()

    def scan(self, text: str) -> list[list[Span]]:
        """For each pattern, in order, the spans of its matches in `text`."""
        found: list[list[Span]] = [[] for _ in self.patterns]
        for start, per_pattern in by_segment(self._memo, text, self._matches):
            if per_pattern:  # most sentences match nothing: nothing to add
                for spans, matches in zip(found, per_pattern, strict=True):
                    spans.extend((start + s, start + e) for s, e in matches)
        return found

    def _matches(self, window: str, offset: int) -> tuple[tuple[Span, ...], ...]:
        """Each pattern's matches in the segment; () when none of them matches."""
        per_pattern = tuple(
            tuple((m.start() - offset, m.end() - offset) for m in pattern.finditer(window, offset))
            for pattern in self.patterns
        )
        return per_pattern if any(per_pattern) else ()


T = TypeVar("T")


def by_segment(memo: Memo[T], text: str, compute: Callable[[str, int], T]) -> Iterator[tuple[int, T]]:
    """(segment start, what `compute(window, offset)` says of the segment) for each segment, through
    `memo`: the window is the segment with the `LOOK_BEHIND` characters before it, the segment
    starting at `offset` in it. Offsets in the answer should be relative to the segment.
    All the segments are looked up at once: one lock and no closure per segment."""
    cut = segments(text)
    keys = []
    for start, end in cut:
        before = max(0, start - LOOK_BEHIND)
        keys.append((start - before, text[before:end]))

    def compute_missing(missing: list[Any]) -> list[T]:
        return [compute(window, offset) for offset, window in missing]

    return zip((start for start, _ in cut), memo.get_all(keys, compute_missing), strict=True)


# A post this short is read in one piece: cutting it saves nothing worth a second look-up.
WHOLE_BELOW = 600
# How far a window reaches into the text on either side of its block (see neighbourhoods).
REACH = 60
# Blocks of sentences for work with a cost per call (presidio's fifteen recognizers and its
# tokens cost about 0.4 ms a call, whatever the length): about one sentence in BLOCK_EVERY ends
# a block, and so does reaching BLOCK_CHARS.
BLOCK_EVERY = 4
BLOCK_CHARS = 600


@lru_cache(maxsize=32)
def blocks(text: str) -> tuple[Span, ...]:
    """Runs of whole segments. Which sentence ends a block depends on that sentence's own text
    (a checksum of it), so an edit moves at most the block boundaries up to the next such
    sentence, and a draft typed at its end keeps its earlier blocks."""
    found = []
    start: int | None = None
    for s, e in segments(text):
        start = s if start is None else start
        if zlib.crc32(text[s:e].encode("utf-8", "surrogatepass")) % BLOCK_EVERY == 0 or e - start >= BLOCK_CHARS:
            found.append((start, e))
            start = None
    if start is not None:
        found.append((start, len(text)))
    return tuple(found)


def neighbourhoods(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(window start, block start, block end, window end) for each block of sentences, its window
    reaching `REACH` characters, to a word's edge, into the text on either side: for work that
    looks a few words around what it finds, or finds what may run past a sentence end (presidio's
    context words; an address cut by "St."). A post shorter than `WHOLE_BELOW` is one block."""
    if len(text) < WHOLE_BELOW:
        yield 0, 0, len(text), len(text)
        return
    for start, end in blocks(text):
        before = max(0, start - REACH)
        while before > 0 and not text[before - 1].isspace():
            before -= 1
        after = min(len(text), end + REACH)
        while after < len(text) and not text[after].isspace():
            after += 1
        yield before, start, end, after


def rewrite_by_segment(memo: Memo[str], text: str, rewrite: Callable[[str, int], str]) -> str:
    """`text` rewritten one segment at a time through `memo`, for rewrites that keep every offset
    (words blanked to x's): `rewrite(window, offset)` returns window[offset:] rewritten, the
    `LOOK_BEHIND` characters before the segment given as context only."""
    return "".join(part for _, part in by_segment(memo, text, rewrite))
