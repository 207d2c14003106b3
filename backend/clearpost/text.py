"""Small text helpers shared by the checks."""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

# A person named with a title ("Dr Brown", "Prof. Okafor"), for the `regex` module (\p classes).
TITLED_NAME = r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor)\.?\s+\p{Lu}\p{Ll}+"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@functools.lru_cache(maxsize=32)
def sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each sentence, split on end punctuation and line breaks. Kept for the last
    few texts: every check of a draft cuts it the same way."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return tuple(spans)


def sentence_around(text: str, pos: int) -> tuple[int, int]:
    spans = sentence_spans(text)
    i = bisect.bisect_right(spans, (pos, len(text) + 1)) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return 0, len(text)


def words_regex(words: Iterable[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Whole-word alternation of phrases; spaces in a phrase match any run of white space."""
    alts = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    body = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in alts)
    return re.compile(r"(?<![\w'])(?:" + body + r")(?![\w])", flags)


def load_lexicon(name: str) -> list[str]:
    """A lexicon file from clearpost/lexicons: one entry a line, # comments."""
    from importlib import resources

    text = resources.files("clearpost").joinpath(f"lexicons/{name}.txt").read_text("utf-8")
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]
