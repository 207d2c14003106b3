"""disclaimer: a personal account names the organisation with no personal-capacity
disclaimer. The finding carries the fix: the pack's own sentence to append.

Signals: main (names the organisation, no disclaimer), indirect ("our chair", "the AGM":
a reminder only), profile (the pack wants the disclaimer on the profile and the user has
not said theirs has one; a reminder on posts that do not name the organisation).
Which signals apply to which accounts is the pack's business.
"""

from __future__ import annotations

import re
from typing import ClassVar

from clearpost.checks.base import CheckContext
from clearpost.findings import Hit

# Any clear wording counts.
DISCLAIMER = re.compile(
    r"(?i)\b(?:(?:all\s+)?(?:views?|opinions?|thoughts?|tweets?|posts?)\s+(?:are\s+|expressed\s+(?:here\s+)?(?:are\s+)?|here\s+are\s+)?(?:my\s+own|mine|personal)"
    r"|(?:my|own)\s+(?:own\s+)?(?:views?|opinions?)(?:\s+only|,\s+not|\s+not|\s+and\s+not)"
    r"|(?:speaking|writing|posting|tweeting)\s+(?:here\s+)?(?:in\s+a\s+)?(?:personal|private)\s+capacity"
    r"|in\s+(?:a|my)\s+(?:personal|private)\s+capacity"
    r"|(?:speaking|writing|posting|tweeting)\s+(?:here\s+)?(?:only\s+|purely\s+|entirely\s+|strictly\s+|just\s+)?(?:for\s+myself|personally|as\s+an\s+individual)"
    r"|(?:not|never)\s+(?:speaking|writing|posting|tweeting)\s+(?:for|on\s+behalf\s+of)\s+(?:the|my)\s+\w+"
    r"|not\s+(?:for|on\s+behalf\s+of)\s+the\s+\w+(?=\s*[.!)]|,)"
    r"|(?:views?|opinions?)\s+(?:are\s+)?(?:entirely|solely|purely|all|very\s+much)\s+(?:my\s+own|mine)"
    r"|(?:do(?:es)?n't|do(?:es)?\s+not)\s+(?:necessarily\s+)?(?:represent|reflect)\s+(?:the\s+views\s+of\s+)?(?:my\s+employer|\w+'s\s+(?:positions?|views?))"
    r"|not\s+(?:necessarily\s+)?(?:the\s+views?\s+of|those\s+of|representative\s+of)\s+(?:my\s+employer|the\s+\w+|\w+)"
    r"|RTs?\s*(?:\u2260|!=|are\s+not|aren't|not)\s*endorsements?)\b"
)
_INDIRECT = re.compile(
    r"(?i)\b(?:our|my)\s+(?:chair|chairman|chairwoman|chief\s+exec(?:utive)?|ceo|director|board|trustees|"
    r"committee|council|institute|charity|organisation|organization|employer|workplace|department|"
    r"school|university|society|members)\b|\bthe\s+AGM\b|\bat\s+work\b"
)


def has_disclaimer(text: str) -> bool:
    return DISCLAIMER.search(text) is not None


class DisclaimerCheck:
    category: ClassVar[str] = "disclaimer"

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        if ctx.draft.profile_disclaimer or has_disclaimer(ctx.text):
            return []
        if ctx.org_mentions:
            start, end = ctx.org_mentions[0]
            return [Hit(self.category, f"This post names {ctx.pack.name} but does not say the views are your own", start, end)]
        hits = [Hit(self.category, "No personal-capacity disclaimer on your profile", None, None, signal="profile")]
        indirect = _INDIRECT.search(ctx.text)
        if indirect:
            hits.append(Hit(self.category, "This post may refer to your organisation without a disclaimer",
                            indirect.start(), indirect.end(), signal="indirect"))
        return hits
