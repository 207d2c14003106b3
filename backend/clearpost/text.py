"""Small text helpers shared by the checks."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

# A person named with a title ("Dr Brown", "Prof. Okafor"), for the `regex` module (\p classes).
TITLED_NAME = r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor)\.?\s+\p{Lu}\p{Ll}+"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentence_spans(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence, split on end punctuation and line breaks."""
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


def sentence_around(text: str, pos: int) -> tuple[int, int]:
    for start, end in sentence_spans(text):
        if start <= pos < end:
            return start, end
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
