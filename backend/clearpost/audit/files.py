"""The audit as JSON and CSV for the comms team's own tools. Each flagged post carries the
platform's own post id, its link, date, text and findings. Written only where the user asked."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from clearpost.audit.report import AccountReport, FlaggedPost
from clearpost.errors import InputError

CSV_COLUMNS = ("account", "platform", "kind", "post_id", "link", "date", "severity", "categories", "clauses", "rules", "text", "findings")
# A cell a spreadsheet would run as a formula ("=HYPERLINK(...)", "+44...", "@name ..."): written
# with a leading apostrophe, which spreadsheets show as text and do not display.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def audit_dict(reports: list[AccountReport], *, pack_id: str, generated: datetime | None = None) -> dict[str, Any]:
    generated = generated or datetime.now(UTC)
    posts = [p.to_dict() for r in reports for p in r.sorted_flagged()]
    return {
        "generated": generated.replace(microsecond=0).isoformat(), "policy_pack": pack_id,
        "posts_read": sum(r.total_read for r in reports), "flagged": len(posts),
        "accounts": [r.summary() for r in reports],
        "problems": [{"account": r.name, "file": p.source, "where": p.where, "what": p.what} for r in reports for p in r.problems],
        "posts": posts,
    }


def write_json(path: Path, reports: list[AccountReport], *, pack_id: str) -> None:
    _write(path, json.dumps(audit_dict(reports, pack_id=pack_id), ensure_ascii=False, indent=1) + "\n")


def csv_row(post: FlaggedPost) -> list[str]:
    d = post.to_dict()
    findings = post.findings
    row = [d["account"], d["platform"], d["kind"], d["post_id"], d["link"] or "", d["date"] or "", d["severity"],
           " ".join(sorted({f["category"] for f in findings})), "; ".join(sorted({f["clause"] for f in findings})),
           " ".join(sorted({f["rule"] for f in findings})), d["text"], json.dumps(findings, ensure_ascii=False)]
    return [("'" + cell) if cell.startswith(_FORMULA_START) else cell for cell in row]


def write_csv(path: Path, reports: list[AccountReport]) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(CSV_COLUMNS)
            for r in reports:
                for post in r.sorted_flagged():
                    writer.writerow(csv_row(post))
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror})") from None
