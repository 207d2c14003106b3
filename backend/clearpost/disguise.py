"""Disguised spellings mapped back to plain words, with offsets into the original text.

People dodge word lists with spaced or dotted letters ("w o m e n", "i.d.i.o.t"), dropped
spaces ("womenarescum"), swapped, doubled or dropped letters ("iidot", "stuppid", "stupd"),
leet ("w0men", "tr@sh", "sh1t") and look-alike characters (Cyrillic or Greek letters,
full-width forms, combining marks). `Disguises.normalise` undoes them, but only where the
result is a word of Clearpost's own lexicons (swearing, slurs, insults, insulting adjectives,
protected groups): every other word is left exactly as written, so a normal post comes out
unchanged and no rule sees anything new in it. The riskier repairs (swapped, doubled and
dropped letters, split words) also skip capitalised words (names, places) and any word an
English vocabulary knows (the model tokenizer's whole words: "moon" is not "moron",
"therapist" is not "the rapist").

The profanity check's `Lexicon` and every toxicity lexicon rule share these helpers.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

# Characters people swap in for letters; "1" is read both ways (i and l).
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l"})
_LEET_L = str.maketrans({"1": "l", "!": "i", "|": "l"})
_LEET_CHARS = frozenset("013457@$!|")

# Look-alikes NFKC leaves alone: Cyrillic and Greek letters drawn like Latin ones.
_CONFUSABLES = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y",
    "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J", "Ԝ": "W",
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X", "ı": "i", "ℓ": "l",
})

# Short words a run-together phrase is allowed to contain besides lexicon words ("womenarescum").
_GLUE = frozenset(
    "an the are is all so such you ur be should go back get out not no never must die just only "
    "of your ya".split()
)
# Near-misses of lexicon words that are real words or names the tokenizer's vocabulary lacks.
_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "ness", "y", "ish")
_NOT_DISGUISES = frozenset("itch omen waker cnut sith twits numpy psych pais morn viel pervert".split())

_MARK = r"\u0300-\u036f\u20d0-\u20ff\ufe20-\ufe2f"
_CHAR = r"[\w@$!|*" + _MARK + r"]"
# A word, with dots or hyphens inside it ("i.d.i.o.t", "b-tch"); or a run of three or more single
# characters split by spaces, dots or the like ("w o m e n", "s . c . u . m").
_PIECE = re.compile(
    r"(?P<spaced>(?<![\w@$*])(?:[\w@$!][" + _MARK + r"]*[ .\-_*·•]{1,3}){2,}[\w@$!][" + _MARK + r"]*(?![\w@$*]))"
    r"|(?P<word>" + _CHAR + r"+(?:[.\-]" + _CHAR + r"+)*)"
)
_SPACED_UNIT = re.compile(r"[\w@$!][" + _MARK + r"]*")


_STRETCHED = re.compile(r"(.)\1{2,}")


def unstretched(word: str) -> set[str]:
    """A word with stretched letters undone both ways: fuuuck -> fuck, asssss -> as and ass."""
    if _STRETCHED.search(word) is None:
        return {word}  # nearly every word: no letter three times in a row
    return {word, _STRETCHED.sub(r"\1", word), _STRETCHED.sub(r"\1\1", word)}


def plain_forms(raw: str) -> set[str]:
    """The plain spellings a lower-case token may stand for: leet undone, dots and hyphens inside
    it dropped, stretched letters undone. Shared by the profanity matcher and `Disguises`."""
    forms = {raw}
    if _LEET_CHARS.intersection(raw):
        forms |= {raw.translate(LEET), raw.translate(_LEET_L).translate(LEET)}
    out: set[str] = set()
    for f in forms:
        out |= unstretched(f.replace(".", "").replace("-", ""))
    return out


def fold_char(ch: str) -> str:
    """One character with its look-alike disguise removed: NFKC (full-width, ligatures), the
    combining marks dropped, Cyrillic and Greek look-alikes made Latin."""
    if ch.isascii():
        return ch
    if unicodedata.combining(ch):
        return ""
    folded = unicodedata.normalize("NFKC", ch)
    folded = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.combining(c))
    return folded.translate(_CONFUSABLES)


@dataclass(frozen=True)
class Normalised:
    """Normalised text and, for each of its characters, the original span it came from."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original_length: int

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span behind normalised text[start:end]."""
        if not self.text:
            return 0, 0
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else self.original_length
            return pos, pos
        return self.starts[start], max(self.ends[end - 1], self.starts[start])


def identity(text: str) -> Normalised:
    return Normalised(text, tuple(range(len(text))), tuple(range(1, len(text) + 1)), len(text))


class Disguises:
    """Maps disguised spellings of lexicon words back to the words."""

    def __init__(self, words: Iterable[str], prefixes: Iterable[str] = (), *, vocabulary: Iterable[str] = ()) -> None:
        self.words = frozenset(w.lower() for w in words if w.isalpha())
        self.prefixes = tuple(sorted({p.lower() for p in prefixes if p.isalpha()}, key=len, reverse=True))
        self._prefix = re.compile("|".join(re.escape(p) for p in self.prefixes)) if self.prefixes else None
        self.vocabulary = frozenset(vocabulary)
        # "stupd" -> "stupid": every lexicon word of five letters or more with one letter dropped.
        self._dropped: dict[str, str] = {}
        for w in sorted(self.words | set(self.prefixes)):
            if len(w) >= 5:
                for i in range(len(w)):
                    self._dropped.setdefault(w[:i] + w[i + 1:], w)
        self._split_words = self.words | set(self.prefixes) | _GLUE
        # One word's reading, kept per word (in memory, bounded): a post's words recur, and every
        # check of a draft being typed reads them again. Offsets are kept relative to the word.
        self._word_at_zero = lru_cache(maxsize=_WORDS_KEPT)(lambda token: self._read_word(token, 0))
        self._memo: dict[str, str | None] = {}

    # -- one word ---------------------------------------------------------------------------
    def _known(self, word: str) -> bool:
        return word in self.words or (self._prefix is not None and self._prefix.match(word) is not None)

    def repair(self, token: str) -> str | None:
        """The lexicon word (or words, space-separated) a disguised token stands for, or None when
        the token is not a disguise: a plain word, a lexicon word as written, anything else."""
        if token in self._memo:
            return self._memo[token]
        found = self._repair(token)
        if len(self._memo) > 50_000:
            self._memo.clear()
        self._memo[token] = found
        return found

    def _repair(self, token: str) -> str | None:
        low = token.lower()
        if low in self.vocabulary and low.isalpha():
            return None  # an ordinary English word as written
        if not low or len(low) > 40 or "*" in low:
            return None
        if self._known(low):
            return None  # the word as written: the matchers see it already
        if (not low[0].isalpha() and low[0] not in _LEET_CHARS) or not any(c.isalpha() for c in low):
            return None
        forms = plain_forms(low)
        for form in sorted(forms):
            if form != low and form.isalpha() and self._known(form):
                return form
        letters = [f for f in forms if f.isalpha()]
        if not letters or not self._fuzzy_allowed(token, low):
            return None
        for form in sorted(letters):
            found = self._fuzzy(form)
            if found is not None:
                return found
        return None

    def _fuzzy_allowed(self, token: str, low: str) -> bool:
        if not self.vocabulary:
            return False  # no English vocabulary to tell a disguise from a word: plain repairs only
        if token[:1].isupper() and token[1:].islower():
            return False  # a name or a place: "Cnut", "Penistone"
        if "-" in low or "." in low:
            return False  # "girls-only": words joined on purpose
        if sum(c.isdigit() for c in low) > 1 or sum(c.isalpha() for c in low) < 3:
            return False  # "$100B", "MA13": numbers, not words
        plain = low.translate(LEET)
        return len(plain) >= 4 and not self._english(plain) and not self._english(low) and plain not in _NOT_DISGUISES

    def _english(self, word: str) -> bool:
        """Whether the vocabulary knows the word or its stem ("sponges", "parted", "carping")."""
        if word in self.vocabulary:
            return True
        for suffix in _SUFFIXES:
            stem = word[: -len(suffix)]
            if word.endswith(suffix) and len(stem) >= 3 and (stem in self.vocabulary or stem + "e" in self.vocabulary):
                return True
        return False

    def _fuzzy(self, form: str) -> str | None:
        doubled = re.sub(r"(.)\1+", r"\1", form)
        if doubled != form and len(doubled) >= 4 and doubled in self.words:
            return doubled  # "stuppid", "iddiot"
        for i in range(len(form) - 1):
            swapped = form[:i] + form[i + 1] + form[i] + form[i + 2:]
            if swapped != form and swapped in self.words:
                return swapped  # "iidot", "stupdi"
        dropped = self._dropped.get(form)
        if dropped is not None and dropped != form + "s":
            return dropped  # "stupd", "idot"; not a singular read as a plural
        if len(form) >= 7:
            return self._split(form)  # "womenarescum"
        return None

    def _split(self, form: str) -> str | None:
        """Run-together words split into lexicon words and glue words; at least one lexicon word
        of four letters or more, or None."""
        n = len(form)
        best: list[list[str] | None] = [None] * (n + 1)
        best[0] = []
        for end in range(1, n + 1):
            for start in range(max(0, end - 20), end):
                prev = best[start]
                piece = form[start:end]
                if prev is not None and piece in self._split_words and len(piece) >= 2:
                    cand = [*prev, piece]
                    current = best[end]
                    if current is None or len(cand) < len(current):
                        best[end] = cand
        pieces = best[n]
        if not pieces or len(pieces) < 2:
            return None
        if not any(len(p) >= 4 and p not in _GLUE and (p in self.words or p in self.prefixes) for p in pieces):
            return None
        return " ".join(pieces)

    # -- a whole text -----------------------------------------------------------------------
    def normalise(self, text: str) -> Normalised:
        """The text with every disguised lexicon word written plainly; everything else as it was."""
        out: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        pos = 0
        changed = False
        for m in _PIECE.finditer(text):
            replacement = self._piece(m)
            if replacement is None:
                continue
            changed = True
            _copy(text, pos, m.start(), out, starts, ends)
            string, sources = replacement
            _place(string, sources, m.start(), m.end(), out, starts, ends)
            pos = m.end()
        if not changed:
            return identity(text)
        _copy(text, pos, len(text), out, starts, ends)
        return Normalised("".join(out), tuple(starts), tuple(ends), len(text))

    def _piece(self, m: re.Match[str]) -> tuple[str, list[int]] | None:
        """A replacement for one matched piece: the new string and the original index of each of
        its letters' sources (folded characters), or None to keep it."""
        if m.group("spaced") is not None:
            units = [(u.start() + m.start(), u.group()) for u in _SPACED_UNIT.finditer(m.group())]
            if len(units) <= 40:
                for lo, hi in ((0, len(units)), (1, len(units)), (0, len(units) - 1)):
                    part = units[lo:hi]
                    if len(part) < 3:
                        continue
                    folded, sources = _folded(part)
                    if folded.isascii() and folded.isalpha() and self._known(folded.lower()) and len(folded) >= 3:
                        return self._around(m, part, folded.lower(), sources)
                    fixed = self.repair(folded)
                    if fixed is not None:
                        return self._around(m, part, fixed, sources)
            return None  # single letters that spell no lexicon word: an acronym, a list, initials
        return self._word(m.group(), m.start())

    def _around(self, m: re.Match[str], part: list[tuple[int, str]], word: str, sources: list[int]) -> tuple[str, list[int]]:
        """The repaired word with whatever of the spaced run it did not use kept as written."""
        text = m.string
        first, last = part[0][0], part[-1][0] + 1
        head = text[m.start():first]
        tail = text[last:m.end()]
        string = head + word + tail
        idx = list(range(m.start(), first)) + _aligned(word, sources, first, last) + list(range(last, m.end()))
        return string, idx

    def forget_words(self) -> None:
        """Empty both per-word memories: each word's reading, and `repair`'s answers."""
        self._word_at_zero.cache_clear()
        self._memo.clear()

    def _word(self, token: str, start: int) -> tuple[str, list[int]] | None:
        """`_read_word` through the per-word cache; its offsets are `start` plus the word's own."""
        found = self._word_at_zero(token)
        return None if found is None else (found[0], [start + i for i in found[1]])

    def _read_word(self, token: str, start: int) -> tuple[str, list[int]] | None:
        # Leading and trailing punctuation ("idiot!", "...scum.") stays as written.
        core = token.strip(".-!*_")
        if not core:
            return None
        offset = token.index(core)
        begin = start + offset
        units = [(begin + i, c) for i, c in enumerate(core)]
        folded, sources = _folded(units)
        fixed = self.repair(folded)
        if fixed is None:
            if folded == core or not folded:
                return None
            fixed_fold = self.repair(folded.lower())
            if fixed_fold is None and not self._known(folded.lower()):
                return None
            fixed = fixed_fold or folded.lower()
        head = token[:offset]
        tail = token[offset + len(core):]
        idx = list(range(start, begin)) + _aligned(fixed, sources, begin, begin + len(core)) + \
            list(range(begin + len(core), start + len(token)))
        return head + fixed + tail, idx


def _folded(units: list[tuple[int, str]]) -> tuple[str, list[int]]:
    chars: list[str] = []
    sources: list[int] = []
    for i, c in units:
        f = fold_char(c)
        chars.append(f)
        sources.extend([i] * len(f))
    return "".join(chars), sources


def _aligned(word: str, sources: list[int], start: int, end: int) -> list[int]:
    """Original index for each character of a repaired word: one to one when only spaces were
    added (a split) or letters were swapped for others, else spread evenly over [start, end)."""
    letters = [c for c in word if c != " "]
    if len(letters) == len(sources):
        out: list[int] = []
        k = 0
        for c in word:
            if c == " ":
                out.append(sources[k] if k < len(sources) else end - 1)
            else:
                out.append(sources[k])
                k += 1
        return out
    width = max(end - start, 1)
    return [start + (k * width) // max(len(word), 1) for k in range(len(word))]


def _copy(text: str, a: int, b: int, out: list[str], starts: list[int], ends: list[int]) -> None:
    out.append(text[a:b])
    starts.extend(range(a, b))
    ends.extend(range(a + 1, b + 1))


def _place(string: str, sources: list[int], a: int, b: int, out: list[str], starts: list[int], ends: list[int]) -> None:
    """A replacement for text[a:b]: each character spans from its source to the next one's."""
    out.append(string)
    for k, src in enumerate(sources):
        starts.append(src)
        nxt = sources[k + 1] if k + 1 < len(sources) else b
        ends.append(max(nxt, src + 1) if nxt > src else src + 1)


def _tokenizer_words() -> frozenset[str]:
    """Whole English words from the model's tokenizer vocabulary; empty when it is missing
    (then no fuzzy repairs are made at all)."""
    from clearpost.toxicity_model import model_dir

    try:
        data = json.loads((model_dir() / "tokenizer.json").read_text("utf-8"))
        vocab = data["model"]["vocab"]
    except (OSError, ValueError, KeyError, TypeError):
        return frozenset()
    return frozenset(w for w in vocab if w.isascii() and w.isalpha())


_WORDS_KEPT = 32_768


@lru_cache(maxsize=1)
def default() -> Disguises:
    """The one normaliser every lexicon rule shares: the words of Clearpost's lexicons."""
    from clearpost.text import load_lexicon

    words: set[str] = set()
    prefixes: set[str] = set()
    # Hostile words the rules read in regular expressions rather than in a lexicon file.
    words |= {"trash", "garbage", "animals", "filth", "hate", "despise", "loathe", "detest", "disgust", "disgusting"}
    for name in ("profanity", "slurs", "insults", "insulting-adjectives", "insulting-metaphors", "protected-groups", "demeaning-traits"):
        for entry in load_lexicon(name):
            w = entry.lower()
            if " " in w:
                continue
            if w.endswith("*"):
                prefixes.add(w[:-1])
                words.add(w[:-1])
            else:
                words.add(w)
    return Disguises(words, prefixes, vocabulary=_tokenizer_words())


@lru_cache(maxsize=16)
def normalise(text: str) -> Normalised:
    """The shared normaliser's reading of a text; the profanity and toxicity checks of one post
    share one computation."""
    return default().normalise(text)
