"""Shared by the audit tests: the fixture exports and a zip of the X archive folder."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "data" / "audit"


def zip_folder(folder: Path, out: Path, *, top: str = "") -> Path:
    """A zip of `folder`, as the platform's download would be (optionally inside a top folder)."""
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                z.write(path, (top + "/" if top else "") + path.relative_to(folder).as_posix())
    return out


def org_folder(tmp: Path) -> Path:
    """A folder of three accounts' exports: an X zip, a LinkedIn folder, an Instagram folder."""
    org = tmp / "exports"
    org.mkdir()
    zip_folder(FIXTURES / "x", org / "examplehealth-x.zip")
    shutil.copytree(FIXTURES / "linkedin", org / "examplehealth-linkedin")
    shutil.copytree(FIXTURES / "instagram", org / "examplehealth-instagram")
    return org


def finding_set(reports: list) -> set[tuple]:  # type: ignore[type-arg]
    """Every flagged post's findings, in a form two runs can be compared by."""
    return {(p.account, p.record.platform, p.record.kind, p.record.post_id, f["rule"], f["clause"], f["severity"], f["start"], f["end"])
            for r in reports for p in r.flagged for f in p.findings}
