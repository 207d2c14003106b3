"""Which line of a pack's TOML holds a field, so an error can say `our-pack.toml:23`.

tomllib gives values, not positions, so this is a small scan of the source: table headers
(`[extra.confidential]`, the n-th `[[rules]]`) and the `key =` lines under each. It knows
enough TOML for policy packs; where it cannot tell, it answers the closest enclosing line
(the `[[rules]]` header of a rule, say) or None.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_HEADER = re.compile(r"""^\s*(\[\[?)\s*([A-Za-z0-9_\-."' ]+?)\s*\]\]?\s*(?:#.*)?$""")
_KEY = re.compile(r"""^\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_\-]+))\s*=""")


@dataclass
class _Section:
    name: str
    index: int  # the n-th [[name]] (0-based), or -1 for [name] and the top level
    line: int  # 1-based line of the header; 1 for the top level
    keys: dict[str, int] = field(default_factory=dict)


def _sections(text: str) -> list[_Section]:
    sections = [_Section("", -1, 1)]
    counts: dict[str, int] = {}
    in_multiline: str | None = None
    for lineno, line in enumerate(text.splitlines(), start=1):
        if in_multiline is not None:
            if line.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = _HEADER.match(line)
        if header:
            name = header.group(2).replace('"', "").replace("'", "").replace(" ", "")
            if header.group(1) == "[[":
                index = counts.get(name, 0)
                counts[name] = index + 1
            else:
                index = -1
            sections.append(_Section(name, index, lineno))
            continue
        key = _KEY.match(line)
        if key:
            name = key.group(1) or key.group(2) or key.group(3)
            sections[-1].keys.setdefault(name, lineno)
        for quote in ('"""', "'''"):
            if line.count(quote) % 2 == 1:
                in_multiline = quote
                break
    return sections


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """The line of `path` (e.g. ["rules", 3, "severity"]) in `text`, or of its nearest parent."""
    sections = _sections(text)
    parts = list(path)
    if not parts:
        return None
    # An array of tables: rules[3].severity -> the 4th [[rules]], key severity.
    if len(parts) >= 2 and isinstance(parts[0], str) and isinstance(parts[1], int):
        for s in sections:
            if s.name == parts[0] and s.index == parts[1]:
                if len(parts) >= 3 and isinstance(parts[2], str):
                    return s.keys.get(parts[2], s.line)
                return s.line
    # A table: extra.confidential.words -> [extra.confidential], key words.
    names = [p for p in parts if isinstance(p, str)]
    for depth in range(len(names) - 1, 0, -1):
        table = ".".join(names[:depth])
        for s in sections:
            if s.name == table and s.index == -1:
                return s.keys.get(names[depth], s.line)
    # A top-level key, or a table named by the first part.
    top = sections[0]
    if isinstance(parts[0], str):
        if parts[0] in top.keys:
            return top.keys[parts[0]]
        for s in sections:
            if s.name == parts[0] or s.name.startswith(parts[0] + "."):
                return s.line
    return None
