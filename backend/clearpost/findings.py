"""What a check reports (a Hit) and what the user sees (a Finding).

A Hit is what a check detected, with no policy attached. The engine turns a hit into one
Finding per matching rule of the organisation's policy pack, which adds the clause, the
severity and why the policy cares. The JSON form of a Finding is described once, in
`schemas/finding.schema.json`, for both the service and the browser extension.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    BLOCK = "block"
    WARN = "warn"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warn": 1, "block": 2}[self.value]


@dataclass(frozen=True)
class Hit:
    """Something a check found. `what` is plain English and never quotes the post."""

    category: str
    what: str
    start: int | None = None
    end: int | None = None
    signal: str = "main"


@dataclass(frozen=True)
class Finding:
    category: str
    rule: str
    clause: str
    severity: Severity
    start: int | None
    end: int | None
    message: str
    fix: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "category": self.category,
            "rule": self.rule,
            "clause": self.clause,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "message": self.message,
        }
        if self.fix is not None:
            out["fix"] = self.fix
        return out
