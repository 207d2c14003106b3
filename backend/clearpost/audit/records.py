"""What the export readers yield: one past post at a time, never the whole archive.

A `Record` is a post, a comment or a retweet as the platform exported it; a `Problem` is a
record that could not be read (with where it is), reported while the rest go on. Neither ever
appears in a log: problems describe the record's position and what was wrong, never its text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any, Literal

from clearpost.errors import InputError

Kind = Literal["post", "comment", "retweet"]
KINDS: tuple[Kind, ...] = ("post", "comment", "retweet")


@dataclass(frozen=True)
class Record:
    platform: str  # x | linkedin | instagram
    post_id: str  # the platform's own id
    link: str | None  # where it is on the platform; None when the export does not say
    date: datetime | None  # when it was posted (UTC)
    text: str
    kind: Kind
    source: str  # the file inside the export it came from, e.g. data/tweets.js

    def to_row(self) -> dict[str, Any]:
        row = asdict(self)
        row["date"] = self.date.isoformat() if self.date else None
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Record:
        date = row.get("date")
        return cls(platform=row["platform"], post_id=row["post_id"], link=row.get("link"),
                   date=datetime.fromisoformat(date) if date else None, text=row["text"], kind=row["kind"], source=row["source"])


@dataclass(frozen=True)
class Problem:
    """A record that was skipped: the file, the record's position, and what was wrong."""

    source: str
    where: str  # "record 17 (line 212)", "row 5"
    what: str

    def __str__(self) -> str:
        return f"{self.source}: {self.where}: {self.what}"


class Export:
    """A platform's download, as a zip or a folder (or one file of it): lists and opens its files."""

    def __init__(self, path: Path, *, top_folder: bool = True) -> None:
        """`top_folder`: the export's files may sit inside one top folder (as a re-zipped or
        unpacked download often has them); False looks at the top level only."""
        self.path = path
        self.top_folder = top_folder
        self._zip: zipfile.ZipFile | None = None
        if path.is_file() and zipfile.is_zipfile(path):
            try:
                self._zip = zipfile.ZipFile(path)
            except (zipfile.BadZipFile, OSError) as exc:
                raise InputError(f"{path}: not a readable zip ({exc})") from None
            self._names = [n for n in self._zip.namelist() if not n.endswith("/")]
        elif path.is_dir():
            self._names = sorted(p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file())
        elif path.is_file():
            self._names = [path.name]
        else:
            raise InputError(f"{path}: no such file or folder")

    @property
    def names(self) -> list[str]:
        return self._names

    def find(self, *suffixes: str) -> list[str]:
        """Files whose path ends with one of `suffixes` (at a folder boundary), in name order.
        A zip that holds the export inside a top folder still matches."""
        found = []
        for name in self._names:
            for suffix in suffixes:
                if name == suffix or (self.top_folder and name.endswith("/" + suffix) and name.count("/") == suffix.count("/") + 1):
                    found.append(name)
                    break
        return sorted(found)

    def find_glob(self, pattern: str) -> list[str]:
        depth = pattern.count("/") + (1 if self.top_folder else 0)
        return sorted(n for n in self._names if PurePosixPath(n).match(pattern) and n.count("/") <= depth)

    @contextmanager
    def open_text(self, name: str, *, newline: str | None = None) -> Iterator[IO[str]]:
        """A streaming text reader for one file (UTF-8, a byte-order mark dropped)."""
        if self._zip is not None:
            raw: IO[bytes] = self._zip.open(name)
        elif self.path.is_dir():
            raw = open(self.path / name, "rb")  # noqa: SIM115 - closed below
        else:
            raw = open(self.path, "rb")  # noqa: SIM115 - closed below
        try:
            yield io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace", newline=newline)
        finally:
            raw.close()

    def label(self, name: str) -> str:
        """How a file is named in messages: the export and the file inside it."""
        if self.path.is_file() and self._zip is None:
            return str(self.path)
        return f"{name} in {self.path}"

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()
