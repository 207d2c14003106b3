"""The export readers, registered in one place, and how a path becomes accounts to audit.

A PATH is one account's export (a zip, a folder, or one file of it), or a folder of such exports,
one per account. Each reader says whether an export is its platform's (`detect`) and reads it
one record at a time (`read`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from clearpost.audit import instagram, linkedin, x
from clearpost.audit.records import Export, Problem, Record
from clearpost.errors import InputError


@dataclass(frozen=True)
class Reader:
    platform: str
    detect: Callable[[Export], list[str]]
    read: Callable[[Export, list[str]], Iterator[Record | Problem]]


READERS: tuple[Reader, ...] = (
    Reader(x.PLATFORM, x.detect, x.read),
    Reader(linkedin.PLATFORM, linkedin.detect, linkedin.read),
    Reader(instagram.PLATFORM, instagram.detect, instagram.read),
)
EXPECTED = ("an X archive (data/tweets.js), a LinkedIn export (Shares.csv, Comments.csv) "
            "or an Instagram export (your_instagram_activity/content/posts_1.json, comments/post_comments_1.json), "
            "as the platform's zip, its unpacked folder, or a folder of such exports")


@dataclass(frozen=True)
class Account:
    """One account's export: its name in the reports (the export's file or folder name), where it is."""

    name: str
    path: Path
    platform: str

    def records(self) -> Iterator[Record | Problem]:
        export = Export(self.path)
        try:
            for reader in READERS:
                if reader.platform == self.platform:
                    yield from reader.read(export, reader.detect(export))
        finally:
            export.close()


def _platform(path: Path, *, top_folder: bool = True) -> str | None:
    export = Export(path, top_folder=top_folder)
    try:
        for reader in READERS:
            if reader.detect(export):
                return reader.platform
        return None
    finally:
        export.close()


def _name(path: Path) -> str:
    return path.name[: -len(".zip")] if path.name.lower().endswith(".zip") else path.name


def find_accounts(paths: list[str]) -> list[Account]:
    """Every account export under `paths`; an InputError names a path that is none of them."""
    accounts: list[Account] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder")
        # An export itself (its files at the top), else a folder of exports (one per account),
        # else an export whose files sit inside one top folder.
        platform = _platform(path, top_folder=False)
        if platform is not None:
            accounts.append(Account(_name(path), path, platform))
            continue
        children = sorted(p for p in path.iterdir() if not p.name.startswith(".")) if path.is_dir() else []
        found = [(child, _platform(child)) for child in children if child.is_dir() or child.suffix.lower() == ".zip"]
        if any(kind for _, kind in found):
            for child, kind in found:
                if kind is None:
                    raise InputError(f"{child}: not an export Clearpost can read; expected {EXPECTED}")
                accounts.append(Account(_name(child), child, kind))
            continue
        platform = _platform(path)
        if platform is None:
            raise InputError(f"{path}: not an export Clearpost can read; expected {EXPECTED}")
        accounts.append(Account(_name(path), path, platform))
    names = [a.name for a in accounts]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InputError(f"two exports are both named {dupes[0]!r}; rename one so each account's report has its own name")
    return accounts
