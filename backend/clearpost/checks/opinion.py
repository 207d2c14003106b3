"""opinion: a personal opinion marked as the writer's own ("I think", "personally", "in my
opinion"). Which accounts and packs care (IUK 4.14: official accounts) is the pack's business;
the organisation's own voice ("we believe") is not a personal opinion."""

from __future__ import annotations

import re
from typing import ClassVar

from clearpost.checks.base import CheckContext
from clearpost.findings import Hit

_MARKER = re.compile(
    r"(?i)\b(?:I\s+(?:personally\s+)?(?:think|reckon|believe|feel|suspect|guess|suppose|reckon|"
    r"can't\s+stand|cannot\s+stand|hate|despise|loathe|am\s+sick\s+of|'m\s+sick\s+of|am\s+fed\s+up|"
    r"'m\s+fed\s+up|am\s+tired\s+of|'m\s+tired\s+of|disagree|agree|doubt|prefer|find\s+it)"
    r"|I'm\s+(?:sick|fed\s+up|tired)\s+of"
    r"|personally|in\s+my\s+(?:humble\s+|honest\s+|personal\s+)?(?:opinion|view|experience|book)"
    r"|my\s+(?:personal\s+|own\s+|honest\s+)?(?:opinion|view|take)\s+(?:is|on)"
    r"|imo|imho|tbh|to\s+be\s+honest|honestly|if\s+you\s+ask\s+me|for\s+my\s+money|as\s+far\s+as\s+I'm\s+concerned)\b"
)


class OpinionCheck:
    category: ClassVar[str] = "opinion"

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        return [Hit(self.category, "A personal opinion in the writer's own voice", m.start(), m.end())
                for m in _MARKER.finditer(ctx.text)]
