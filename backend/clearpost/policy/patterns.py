"""A pack's own words and patterns ([extra.<category>]): limits that keep a check fast, and
a heuristic that refuses regular expressions that can backtrack catastrophically.

The heuristic (documented in the README, "Rolling out Clearpost in your organisation"), applied to each pattern:

- it must compile with Python's `re` (flags: ignore case) and must not match the empty string;
- at most 200 characters, at most 4 unbounded repeats (`*`, `+`, `{n,}`);
- no backreferences (`\\1`, `(?P=name)`);
- no nested repeats: a repeated group (`(...)*`, `(...)+`, `(...){2,}`) may not contain a
  repeat (`*`, `+`, `{...}`) itself, which rules out `(a+)+` and `(\\w+\\s?)*`;
- no ambiguous alternation under a repeat: in a repeated group, every alternative must start
  with a plain character, and no two alternatives may start with the same one, which rules out
  `(a|a)*`, `(a|ab)+` and `(\\w|x)*`.

This is deliberately stricter than needed: a refused pattern can almost always be written as
a word list entry, or without the outer repeat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

MAX_PATTERN_CHARS = 200
MAX_UNBOUNDED_REPEATS = 4
MAX_WORDS_TOTAL = 1000
MAX_PATTERNS_TOTAL = 60
_QUANT = re.compile(r"\*|\+|\?|\{(\d*)(?:(,)(\d*))?\}")


@dataclass
class _Group:
    start: int  # index of the body's first character
    bars: list[int] = field(default_factory=list)  # top-level | positions
    has_repeat: bool = False


def _quantifier(p: str, i: int) -> tuple[str | None, int]:
    """The quantifier at p[i] ("repeat", "optional", or None) and the index after it."""
    m = _QUANT.match(p, i)
    if not m:
        return None, i
    end = m.end()
    if end < len(p) and p[end] in "?+":  # lazy or possessive
        end += 1
    text = m.group()
    if text == "?":
        return "optional", end
    if text.startswith("{"):
        if not m.group(1) and not m.group(2):
            return None, i  # a literal "{}"
        high = m.group(3) if m.group(2) else m.group(1)
        if high and int(high) <= 1:
            return "optional", end
        return ("unbounded" if m.group(2) and not high else "repeat"), end
    return "unbounded", end


def _skip_class(p: str, i: int) -> int:
    """Index after the character class that starts at p[i] == "["."""
    j = i + 1
    if j < len(p) and p[j] == "^":
        j += 1
    if j < len(p) and p[j] == "]":
        j += 1
    while j < len(p) and p[j] != "]":
        j += 2 if p[j] == "\\" else 1
    return j + 1


def _skip_group_prefix(p: str, i: int) -> int:
    """Index of a group's body, after "(" and any "?:", "?=", "?<name>", "?i:" prefix."""
    if i >= len(p) or p[i] != "?":
        return i
    if p.startswith("?P<", i) or (p.startswith("?<", i) and not p.startswith(("?<=", "?<!"), i)):
        close = p.find(">", i)
        return close + 1 if close != -1 else len(p)
    if p.startswith(("?<=", "?<!"), i):
        return i + 3
    j = i + 1
    while j < len(p) and p[j] in "aiLmsux-":
        j += 1
    return j + 1 if j < len(p) and p[j] in ":=!" else j


def unsafe_reason(pattern: str) -> str | None:
    """Why `pattern` may backtrack catastrophically, or None. See the module docstring."""
    if re.search(r"\\[1-9]|\(\?P=", pattern):
        return "it uses a backreference, which can make a check very slow; match the text itself instead"
    stack = [_Group(0)]
    unbounded = 0
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
        elif c == "[":
            i = _skip_class(pattern, i)
        elif c == "(":
            body = _skip_group_prefix(pattern, i + 1)
            stack.append(_Group(body))
            i = body
            continue
        elif c == "|":
            stack[-1].bars.append(i)
            i += 1
            continue
        elif c == ")" and len(stack) > 1:
            group = stack.pop()
            kind, after = _quantifier(pattern, i + 1)
            if kind in ("repeat", "unbounded"):
                unbounded += kind == "unbounded"
                if group.has_repeat:
                    return "it has a repeat inside a repeated group, such as (a+)+, which can backtrack catastrophically; remove the inner or the outer repeat"
                reason = _ambiguous_alternation(pattern, group, i)
                if reason:
                    return reason
            stack[-1].has_repeat |= group.has_repeat or kind in ("repeat", "unbounded")
            i = after
            continue
        else:
            i += 1
        kind, after = _quantifier(pattern, i)
        if kind in ("repeat", "unbounded"):
            stack[-1].has_repeat = True
            unbounded += kind == "unbounded"
        i = after
    if unbounded > MAX_UNBOUNDED_REPEATS:
        return f"it has {unbounded} unbounded repeats (*, + or {{n,}}); at most {MAX_UNBOUNDED_REPEATS} keep a check fast"
    return None


def _ambiguous_alternation(pattern: str, group: _Group, close: int) -> str | None:
    if not group.bars:
        return None
    edges = [group.start, *(b + 1 for b in group.bars), close + 1]
    alternatives = [pattern[edges[k]:edges[k + 1] - 1] for k in range(len(edges) - 1)]
    firsts: set[str] = set()
    for alt in alternatives:
        if not alt or alt[0] in "\\.[(^$":
            return ("a repeated group has an alternative that is empty or starts with a class, escape or group, "
                    "which can backtrack catastrophically; list such words under words instead")
        if alt[0].lower() in firsts:
            return ("a repeated group has two alternatives that start alike, such as (a|ab)*, which can backtrack "
                    "catastrophically; list such words under words instead")
        firsts.add(alt[0].lower())
    return None


def pattern_problem(pattern: str) -> str | None:
    """Why a pack may not use `pattern`, or None."""
    if len(pattern) > MAX_PATTERN_CHARS:
        return f"it is longer than {MAX_PATTERN_CHARS} characters"
    try:
        compiled = re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        return f"it is not a valid regular expression ({exc})"
    except (OverflowError, RecursionError, ValueError):
        return "it is not a valid regular expression"
    if compiled.search("") is not None:
        return "it matches an empty string, so it would flag every post"
    return unsafe_reason(pattern)


@cache
def words_pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a word list: whole words, ignoring case, any white space between words."""
    if not words:
        return None
    alts = [re.escape(w.strip()).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE)


@cache
def compiled_patterns(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)
