"""The hook for a pack's own words and patterns ([extra.<category>] in the pack): hits in that
category, added by the engine beside the category's own check. The checks themselves are not
changed; a pack without [extra] adds nothing."""

from __future__ import annotations

from clearpost.checks.base import CheckContext
from clearpost.findings import Hit


def pack_term_hits(ctx: CheckContext, category: str) -> list[Hit]:
    terms = ctx.pack.extra_for(category)
    if terms is None:
        return []
    return [Hit(category, terms.what, start, end) for start, end in terms.spans(ctx.text)]
