"""LinkedIn: Settings > Data privacy > "Get a copy of your data" gives a zip of CSV files.
`Shares.csv` holds your posts (Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility) and
`Comments.csv` your comments (Date,Link,Message). Dates are "2023-04-12 09:31:05" (UTC).

Two quirks of the real files: in Shares.csv a commentary of several lines is one quoted field in
which each line is itself wrapped in doubled quotes (so an empty line is four quote marks),
which are taken off; Comments.csv escapes a quote inside a message with a backslash (`\"`)
instead of doubling it.
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from urllib.parse import unquote

from clearpost.audit.records import Export, Kind, Problem, Record
from clearpost.errors import InputError

PLATFORM = "linkedin"
SHARES, COMMENTS = "Shares.csv", "Comments.csv"
# file -> (the columns it must have, the text column, the link column, kind)
_FILES: dict[str, tuple[tuple[str, ...], str, str, Kind]] = {
    SHARES: (("Date", "ShareLink", "ShareCommentary"), "ShareCommentary", "ShareLink", "post"),
    COMMENTS: (("Date", "Link", "Message"), "Message", "Link", "comment"),
}
_URN = re.compile(r"urn:li:(?:share|ugcPost|activity|comment):\(?[\w:,()]*?(\d{6,})\)?")
_COMMENT_URN = re.compile(r"commentUrn=urn:li:comment:\((?:\w+):\d+,(\d+)\)")

csv.field_size_limit(min(sys.maxsize, 1 << 24))


def detect(export: Export) -> list[str]:
    return export.find(SHARES, COMMENTS)


def read(export: Export, files: list[str]) -> Iterator[Record | Problem]:
    for name in files:
        base = name.rsplit("/", 1)[-1]
        required, text_col, link_col, kind = _FILES[base]
        label = export.label(name)
        with export.open_text(name, newline="") as stream:
            reader = csv.reader(stream, escapechar="\\") if base == COMMENTS else csv.reader(stream)
            try:
                header = next(reader, None)
            except csv.Error:
                header = None
            if header is None or any(col not in header for col in required):
                raise InputError(f"{label}: expected LinkedIn's {base} with the columns {','.join(required)} in its first line")
            col = {c: header.index(c) for c in header}
            row_no = 1
            while True:
                row_no += 1
                line = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    yield Problem(label, f"row {row_no} (line {line})", f"not valid CSV ({exc}); skipped")
                    continue
                if not any(cell.strip() for cell in row):
                    row_no -= 1
                    continue
                where = f"row {row_no} (line {line})"
                if len(row) != len(header):
                    yield Problem(label, where, f"{len(row)} fields where the header has {len(header)}; skipped")
                    continue
                yield _record(row, col, text_col, link_col, kind, name, label, where)


def _record(row: list[str], col: dict[str, int], text_col: str, link_col: str, kind: Kind, name: str, label: str, where: str) -> Record | Problem:
    link = row[col[link_col]].strip()
    text = row[col[text_col]]
    try:
        date = datetime.strptime(row[col["Date"]].strip(), "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return Problem(label, where, "Date is not like '2023-04-12 09:31:05'; skipped")
    if not link.startswith("https://www.linkedin.com/"):
        return Problem(label, where, f"{link_col} is not a linkedin.com link; skipped")
    decoded = unquote(link)
    m = _COMMENT_URN.search(decoded) if kind == "comment" else None
    m = m or _URN.search(decoded)
    post_id = m.group(1) if m else decoded.rstrip("/").rsplit("/", 1)[-1]
    return Record(PLATFORM, post_id, link, date, unwrap_lines(text) if kind == "post" else text, kind, name)


def unwrap_lines(text: str) -> str:
    """Shares.csv wraps each line of a commentary in quotes: take them off when every line has them."""
    lines = text.split("\n")
    if len(lines) < 2 and not (text.startswith('"') and text.endswith('"') and len(text) >= 2):
        return text
    if all(len(line) >= 2 and line.startswith('"') and line.endswith('"') for line in lines):
        return "\n".join(line[1:-1] for line in lines)
    return text
