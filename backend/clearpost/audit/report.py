"""What an audit found, per account and for the organisation: gathered as posts stream past, so
only flagged posts are kept (each post read adds to counters and is then let go)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from clearpost.audit.checker import Checked
from clearpost.audit.records import KINDS, Problem, Record
from clearpost.findings import Severity

SEVERITIES = tuple(s.value for s in sorted(Severity, key=lambda s: -s.rank))


@dataclass
class FlaggedPost:
    account: str
    record: Record
    findings: list[dict[str, Any]]

    @property
    def worst(self) -> str:
        return str(max((f["severity"] for f in self.findings), key=lambda s: Severity(s).rank))

    def to_dict(self) -> dict[str, Any]:
        r = self.record
        return {"account": self.account, "platform": r.platform, "kind": r.kind, "post_id": r.post_id, "link": r.link,
                "date": r.date.isoformat() if r.date else None, "text": r.text, "severity": self.worst, "findings": self.findings}


@dataclass
class AccountReport:
    name: str
    platform: str
    account_type: str
    read: Counter[str] = field(default_factory=Counter)  # posts read, by kind
    flagged_by_kind: Counter[str] = field(default_factory=Counter)
    by_category: Counter[tuple[str, str]] = field(default_factory=Counter)  # (category, severity) -> posts
    by_clause: Counter[str] = field(default_factory=Counter)  # clause -> posts
    by_month: Counter[str] = field(default_factory=Counter)  # "2023-04" -> flagged posts
    read_by_month: Counter[str] = field(default_factory=Counter)
    flagged: list[FlaggedPost] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    unchecked: int = 0  # records read that could not be checked (their problem is in `problems`)
    first: datetime | None = None
    last: datetime | None = None

    def add_problem(self, problem: Problem) -> None:
        self.problems.append(problem)

    def add(self, record: Record, checked: Checked) -> None:
        self.read[record.kind] += 1
        if record.date is not None:
            month = record.date.astimezone(UTC).strftime("%Y-%m")
            self.read_by_month[month] += 1
            self.first = record.date if self.first is None or record.date < self.first else self.first
            self.last = record.date if self.last is None or record.date > self.last else self.last
        if checked.error:
            self.unchecked += 1
            self.problems.append(Problem(record.source, f"{record.kind} {record.post_id}", checked.error))
            return
        if not checked.flagged:
            return
        self.flagged_by_kind[record.kind] += 1
        for category, severity in {(f["category"], f["severity"]) for f in checked.findings}:
            self.by_category[(category, severity)] += 1
        for clause in {f["clause"] for f in checked.findings if Severity(f["severity"]).rank >= Severity.WARN.rank}:
            self.by_clause[clause] += 1
        if record.date is not None:
            self.by_month[record.date.astimezone(UTC).strftime("%Y-%m")] += 1
        self.flagged.append(FlaggedPost(self.name, record, checked.findings))

    @property
    def total_read(self) -> int:
        return sum(self.read.values())

    @property
    def total_flagged(self) -> int:
        return len(self.flagged)

    def sorted_flagged(self) -> list[FlaggedPost]:
        return sorted(self.flagged, key=lambda p: (p.record.date or datetime.min.replace(tzinfo=UTC), p.record.post_id))

    def summary(self) -> dict[str, Any]:
        return {
            "account": self.name, "platform": self.platform, "account_type": self.account_type,
            "posts_read": self.total_read, "read_by_kind": {k: self.read[k] for k in KINDS if self.read[k]},
            "flagged": self.total_flagged, "flagged_by_kind": {k: self.flagged_by_kind[k] for k in KINDS if self.flagged_by_kind[k]},
            "flagged_by_category": _nested(self.by_category), "flagged_by_clause": dict(sorted(self.by_clause.items())),
            "flagged_by_month": dict(sorted(self.by_month.items())),
            "first_post": self.first.isoformat() if self.first else None, "last_post": self.last.isoformat() if self.last else None,
            "problems": len(self.problems),
        }


def _nested(counts: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for (category, severity), n in sorted(counts.items()):
        out.setdefault(category, {})[severity] = n
    return out


def any_firing(reports: list[AccountReport]) -> bool:
    return any(r.flagged for r in reports)
