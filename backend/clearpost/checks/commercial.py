"""commercial: selling or soliciting: promo codes, affiliate or referral links, selling one's
own things or services, promoting another firm's products. The organisation's own courses,
events and tickets ("our spring conference") stay quiet; which packs care is the pack's business."""

from __future__ import annotations

import re
from typing import ClassVar

from clearpost.checks.base import CheckContext
from clearpost.findings import Hit
from clearpost.scan import SentenceScanner

_SIGNALS = [
    ("A discount or promo code", re.compile(
        r"(?i)\b(?:promo|discount|voucher|coupon|referral|affiliate|offer)\s+code\b|\buse\s+(?:my\s+|the\s+)?(?:promo\s+|discount\s+)?code\s+(?-i:[A-Z0-9][A-Z0-9-]{2,})\b"
        r"|\bcode\s+(?-i:(?=[A-Z0-9]*[A-Z])[A-Z0-9]{4,})\b|\b\d{1,2}\s*%\s*off\b|\b(?:half|50%)\s+price\b|\bBOGOF\b|\bbuy\s+one\s+get\s+one\b")),
    ("An affiliate, referral or sponsored link", re.compile(
        r"(?i)\b(?:affiliate|referral|ref)\s+links?\b|\bsponsored\s+(?:post|by)\b|(?:^|\s)#(?:ad|spon|sponsored|affiliate|gifted)\b"
        r"|\bamzn\.to/|[?&](?:tag|ref|aff|affiliate_id)=|\bcommission\s+on\b|\bpaid\s+partnership\b")),
    ("Selling your own things or services", re.compile(
        r"(?i)\b(?:buy|purchase|order|pre-?order)\s+(?:it|my|a\s+copy|your\s+copy|copies|one|them)\b|\bbuy\s+(?:it\s+)?(?:on|from|at)\s+(?:Amazon|eBay|Etsy)"
        r"|\b(?:selling|sell)\s+(?:my|some|a|an|two|three|\d+|these|this)\b|\bfor\s+sale\b|\b(?:want|wants|anyone\s+want)\s+to\s+buy\s+my\b"
        r"|\b(?:DM|message|PM|inbox)\s+me\s+(?:if|for|to)\s+(?:buy|order|price|interested|details|rates)"
        r"|£\s?\d+(?:\.\d\d)?\s*(?:each|ono|o\.n\.o|(?:per\s+|/\s?|an\s+|a\s+)(?:ticket|item|hour|hr|session|lesson)|a\s+pop)\b|\bhire\s+me\b"
        r"|\b(?:I'm|I\s+am|now)\s+offering\s+(?:private\s+|1:1\s+|one-to-one\s+|online\s+)?(?:tutoring|tuition|coaching|lessons|consultancy|consulting|"
        r"services|classes|mentoring|proofreading|editing|training)\b"
        r"|\bmy\s+(?:shop|store|etsy|ebay|consultancy|coaching\s+(?:business|services)|services|rates)\b(?=[^.]*\b(?:book|buy|hire|order|visit|DM|£|\$))")),
    ("Promoting another firm's products", re.compile(
        r"(?i)\b(?:check\s+out|shop|grab|snap\s+up)\s+(?:the\s+)?(?:new|latest)\s+\w+\s+(?:from|at|by)\s+[A-Z]\w+|\bexclusive\s+(?:deal|discount|offer)\b|\bdeal\s+of\s+the\s+day\b")),
]
# The organisation's own offer ("our conference", "our courses") is its business, not commerce.
_OWN_OFFER = re.compile(
    r"(?i)\bour\s+(?:[\w'-]+\s+){0,3}(?:course|courses|event|events|conference|conferences|tickets?|programme|programmes|workshop|workshops|shop|"
    r"membership|gala|fundraiser|appeal|merch|services?|dinner|ball|lecture|lectures|festival|concert|show|exhibition|tour|seminar|seminars|"
    r"summit|symposium|talk|talks|open\s+day|fair|auction|raffle|book|books|publication|report|journal|magazine|podcast|webinar|webinars|"
    r"retreat|camp|trip|summer\s+school|school|class|classes|sessions?|awards?|quiz|run|walk|challenge|production|play|screening)\b"
)

# "my" in the match itself: "buy my book" sells, even beside "our conference".
_MY = re.compile(r"(?i)\bmy\b")


class CommercialCheck:
    category: ClassVar[str] = "commercial"

    def __init__(self) -> None:
        self._scanner = SentenceScanner("commercial", [pattern for _, pattern in _SIGNALS])

    def forget(self, *, words: bool = True) -> None:
        self._scanner.forget()

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        text = ctx.text
        hits = []
        own_offer: bool | None = None  # read once, and only when a signal is found
        for (what, _), spans in zip(_SIGNALS, self._scanner.scan(text), strict=True):
            for start, end in spans:
                if what != "An affiliate, referral or sponsored link" and not _MY.search(text[start:end]):
                    own_offer = _OWN_OFFER.search(text) is not None if own_offer is None else own_offer
                    if own_offer:
                        continue
                hits.append(Hit(self.category, what, start, end))
        return hits
