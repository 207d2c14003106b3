"""Reads a JSON array one element at a time from a text stream, so that an archive of any size
is never held whole. A broken element is reported with its position and skipped when the next
element can be found; the rest go on."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import IO, Any

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[\s,]*")
# The start of the next top-level element in a pretty-printed array (the platforms' exports
# indent their arrays by two spaces), used to skip past a broken one.
_NEXT_ELEMENT = re.compile(r"\n  ?[{\[]")
_CHUNK = 1 << 16


class ArrayError(Exception):
    """The stream is not a JSON array where one was expected (the whole file is unusable)."""


def iter_array(stream: IO[str], *, prefix: re.Pattern[str] | None = None) -> Iterator[tuple[int, int, Any | json.JSONDecodeError]]:
    """Yields (index, line, element) for each element of the first top-level array in the stream,
    or (index, line, JSONDecodeError) for an element that is not valid JSON. `prefix`, when given,
    must match what comes before the array (e.g. X's `window.YTD.tweets.part0 = `)."""
    buf = stream.read(_CHUNK)
    eof = not buf
    # Find the opening bracket (after the prefix, if any).
    while True:
        if prefix is not None:
            m = prefix.match(buf)
            if m is None and (eof or len(buf) > 4096):
                raise ArrayError("does not begin as expected")
            if m is not None:
                pos = m.end()
                break
        else:
            stripped = buf.lstrip()
            if stripped and stripped[0] not in "[{":
                raise ArrayError("is not a JSON array")
            bracket = buf.find("[")
            if bracket >= 0:
                pos = bracket + 1
                break
            if eof:
                raise ArrayError("holds no JSON array")
        more = stream.read(_CHUNK)
        eof = not more
        buf += more
    line = 1 + buf.count("\n", 0, pos)
    index = 0
    while True:
        pos = _SPACE.match(buf, pos).end()  # type: ignore[union-attr]  # always matches
        if pos >= len(buf) and not eof:
            line += buf.count("\n", 0, pos)
            buf, pos = stream.read(_CHUNK), 0
            eof = not buf
            continue
        if pos >= len(buf):
            # Cut short (an interrupted download or copy): what was read stands, the end is reported.
            yield index + 1, line + buf.count("\n", 0, pos), json.JSONDecodeError("the file ends before its array is closed", buf, pos)
            return
        if buf[pos] == "]":
            return
        try:
            value, end = _DECODER.raw_decode(buf, pos)
        except json.JSONDecodeError as exc:
            nxt = _NEXT_ELEMENT.search(buf, exc.pos)
            if nxt is None and not eof:
                more = stream.read(_CHUNK)
                eof = not more
                buf += more
                continue
            index += 1
            yield index, line + buf.count("\n", 0, pos), exc
            if nxt is None:
                return  # nothing after it can be found: the rest of the file is unreadable
            line += buf.count("\n", 0, nxt.start() + 1)
            buf, pos = buf[nxt.start() + 1:], 0
            continue
        if end >= len(buf) and not eof:
            # A number or literal at the very end of the buffer may continue in the next chunk.
            more = stream.read(_CHUNK)
            if more:
                buf += more
                continue
            eof = True
        index += 1
        yield index, line + buf.count("\n", 0, pos), value
        # Drop what has been read, so the buffer never grows with the file.
        line += buf.count("\n", 0, end)
        buf, pos = buf[end:], 0
