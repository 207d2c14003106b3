"""media: an image or video is attached. The text cannot show consent, a child's age,
copyright or logo use, so the pack's rules for these give info reminders, never warnings."""

from __future__ import annotations

from typing import ClassVar

from clearpost.checks.base import CheckContext
from clearpost.findings import Hit


class AttachmentCheck:
    category: ClassVar[str] = "media"

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        kinds = sorted(set(ctx.draft.attachments))
        if not kinds:
            return []
        return [Hit(self.category, f"{' and '.join(kinds).capitalize()} attached", None, None, signal="attachment")]
