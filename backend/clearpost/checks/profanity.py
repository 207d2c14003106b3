"""profanity: swearing and obscene words, mild British ones included, also when disguised
(f*ck, sh1t, FFS). Whole words only, so place names and words that merely contain one
(Scunthorpe, assassination, cocktail) never fire; "damn" and "hell" alone are not listed."""

from __future__ import annotations

import functools
import re
from typing import ClassVar

from clearpost import disguise
from clearpost.checks.base import CheckContext
from clearpost.findings import Hit
from clearpost.memo import Memo
from clearpost.scan import Span, by_segment
from clearpost.text import load_lexicon

# Tokens whose answers each lexicon keeps (LRU): many posts' vocabulary, a few MB at most.
_TOKENS_KEPT = 32_768
TOKEN = re.compile(r"(?<![\w@/])[\w@$*!|.-]*[\w*$@][\w@$*!|-]*")


class Lexicon:
    """Whole-word lexicon matching that sees through leetspeak, masking and stretched letters
    (`clearpost.disguise.plain_forms`, shared with the normaliser that the checks run first)."""

    def __init__(self, entries: list[str]) -> None:
        self.exact: set[str] = set()
        self.prefixes: list[str] = []
        for entry in entries:
            word = entry.lower()
            if word.endswith("*"):
                self.prefixes.append(word[:-1])
            else:
                self.exact.add(word)
        self._plain = [*self.exact, *self.prefixes]
        # One compiled alternation instead of a loop over the prefixes: this runs for every word of every post.
        self._prefix = re.compile("|".join(re.escape(p) for p in sorted(self.prefixes, key=len, reverse=True))) if self.prefixes else None
        # Answers kept per token (in memory, bounded): a post's words recur, and every check of a
        # draft being typed reads its words again.
        self._cached = functools.lru_cache(maxsize=_TOKENS_KEPT)(self._matches)

    def matches(self, token: str) -> bool:
        return self._cached(token)

    def forget(self) -> None:
        self._cached.cache_clear()

    def _matches(self, token: str) -> bool:
        raw = token.lower().strip(".-!")
        if not raw or (not raw[0].isalpha() and raw[0] not in "@$"):
            return False
        if "*" in raw:
            return self._matches_masked(raw)
        return any(word in self.exact or (self._prefix is not None and self._prefix.match(word) is not None)
                   for word in disguise.plain_forms(raw))

    def _matches_masked(self, raw: str) -> bool:
        # f*ck, f**k, sh*t: each * stands for one letter; the visible letters must be real ones.
        visible = raw.translate(disguise.LEET)
        if visible.count("*") >= len(visible) - 1:
            return False
        pattern = re.compile("".join("[a-z]" if c == "*" else re.escape(c) for c in visible))
        for word in self._plain:
            if pattern.fullmatch(word):
                return True
        # A masked prefix form: f**king
        return any(pattern.fullmatch(p + visible[len(p):]) for p in self.prefixes if len(visible) > len(p))


class Swearing:
    """The profanity lexicon and its acronyms (FFS, WTF): whether one token is swearing."""

    def __init__(self) -> None:
        self._words = Lexicon(load_lexicon("profanity"))
        self._acronyms = {a.lower() for a in load_lexicon("profanity-acronyms")}

    def matches(self, token: str) -> bool:
        return token.lower() in self._acronyms or self._words.matches(token)

    def forget(self) -> None:
        self._words.forget()


# English place names end in one of these elements; a capitalised word that does is a place
# (Bitchfield, Penistone, Shitterton), not a swear word that happens to start it.
_PLACE_NAME = re.compile(
    r"^[A-Z][a-z]{3,}(?:field|ham|ton|stone|thorpe|by|ford|wick|worth|ley|bury|borough|burgh|chester|caster|cester|"
    r"mouth|well|wood|combe|hurst|mere|port|stead|stow|wich|holme|dale|gate|shaw|ridge|cote|cott|don)$"
)
# "Bloody" as a literal adjective: blood in a symptom or a wound, a massacre, a named day or drink.
_LITERAL_BLOODY = re.compile(
    r"(?i)\s+(?:diarrh(?:o)?ea|stools?|urine|discharge|noses?|sputum|mucus|vomit|wounds?|bandages?|tissues?|"
    r"footprints?|fingerprints?|handprints?|clothes|clothing|rags?|knife|knives|battles?|conflicts?|wars?|massacres?|"
    r"clashes|crackdown|coup|revolution|repression|history|sunday|mary)\b"
)


class ProfanityCheck:
    category: ClassVar[str] = "profanity"

    def __init__(self) -> None:
        self._swearing = Swearing()
        self._memo: Memo[tuple[Span, ...]] = Memo("profanity: swear words by sentence")

    def forget(self, *, words: bool = True) -> None:
        self._memo.clear()
        if words:
            self._swearing.forget()

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        # Disguised spellings ("s h i t", "shit" with a Cyrillic "t") read plainly (clearpost.disguise);
        # spans point back at the characters as written.
        norm = disguise.normalise(ctx.text)
        return [Hit(self.category, "Swearing or an obscene word", *norm.span(start + s, start + e))
                for start, spans in by_segment(self._memo, norm.text, self._swear_words) for s, e in spans]

    def _swear_words(self, window: str, offset: int) -> tuple[Span, ...]:
        """The swear words in window[offset:], relative to it."""
        found = []
        for m in TOKEN.finditer(window, offset):
            token = m.group().strip(".-!")
            if not token:
                continue
            start = m.start() + m.group().index(token)
            if not self._swearing.matches(token) or _PLACE_NAME.match(token):
                continue
            if token.lower() == "bloody" and _LITERAL_BLOODY.match(window, start + len(token)):
                continue
            found.append((start - offset, start + len(token) - offset))
        return tuple(found)
