"""opinion: a personal opinion marked as the writer's own ("I think", "personally", "in my
opinion", "for me", "hot take"). Which accounts and packs care (IUK 4.14: official accounts)
is the pack's business; the organisation's own voice ("we believe") is not a personal opinion,
and nor are the words of someone the post quotes ("Honestly, this club saved me" (Mariam, 16))."""

from __future__ import annotations

import re
from typing import ClassVar

from clearpost.checks.base import CheckContext
from clearpost.findings import Hit

# Where a sentence or clause starts: the start of the text or a line, end punctuation, a comma
# or dash, an opening bracket, or a joining word.
# (Every branch below starts at a word boundary: the patterns are wrapped in `\b(?:...)`.)
_CLAUSE_START = r"(?:^|(?<=[\n.!?,;:(\u2014\u2013-])|(?<=[\n.!?,;:(\u2014\u2013-]\s)|(?:and|but|so)\s+)"

_MARKER_BODY = (
    r"(?:I\s+(?:personally\s+|honestly\s+|really\s+|genuinely\s+|truly\s+|firmly\s+|strongly\s+|just\s+|still\s+|do\s+)?"
    r"(?:think|reckon|believe|feel|suspect|guess|suppose|"
    r"can't\s+stand|cannot\s+stand|hate|despise|loathe|am\s+sick\s+of|'m\s+sick\s+of|am\s+fed\s+up|"
    r"'m\s+fed\s+up|am\s+tired\s+of|'m\s+tired\s+of|disagree|agree|doubt|prefer|find\s+it)"
    r"|I\s+(?:don't|do\s+not|really\s+don't|just\s+don't)\s+(?:think|believe|reckon|agree|buy)"
    r"|I'm\s+(?:sick|fed\s+up|tired)\s+of"
    r"|I(?:'m|\s+am)\s+(?:(?:really|totally|completely|absolutely|fully|firmly|so|now|still)\s+)?"
    r"(?:convinced|not\s+convinced|(?:not|no|a\s+(?:big|huge)|not\s+a\s+(?:big|huge))\s+fan\s+of|not\s+keen\s+on|all\s+for|"
    r"of\s+the\s+(?:view|opinion)|a\s+(?:big|huge|firm)\s+believer|biased)"
    r"|I(?:'d|\s+would)\s+(?:say|argue|rather|go\s+as\s+far\s+as|bet)"
    r"|(?:I(?:'ve|\s+have)?\s+(?:got\s+|gotta\s+|have\s+|had\s+|must\s+)to\s+say|I\s+must\s+say|I\s+have\s+to\s+say|I\s+gotta\s+say)"
    r"(?!\s+(?:a\s+)?(?:(?:big|huge|massive|special|heartfelt|quick)\s+)?(?:thank|thanks|well\s+done|congratulations|congrats|hello|goodbye|farewell|welcome))"
    r"|I(?:'ll|\s+will)\s+be\s+honest|if\s+I'm\s+honest|if\s+I\s+am\s+honest|I\s+can't\s+help\s+(?:thinking|feeling)"
    r"|in\s+my\s+(?:humble\s+|honest\s+|personal\s+)?(?:opinion|view|experience|book)"
    r"|my\s+(?:personal\s+|own\s+|honest\s+)?(?:opinion|view|take)\s+(?:is|on)"
    r"|my\s+(?:two\s+cents|2\s*(?:c|p|cents)|tuppence)|just\s+my\s+(?:opinion|view)|to\s+my\s+mind"
    r"|(?:hot|unpopular|controversial)\s+(?:take|opinion)|call\s+me\s+old[-\s]fashioned"
    r"|not\s+gonna\s+lie|ngl|the\s+way\s+I\s+see\s+it|as\s+I\s+see\s+it|in\s+my\s+eyes|for\s+my\s+part|I'll\s+say\s+it|I'm\s+calling\s+it|mark\s+my\s+words"
    r"|I(?:'m|\s+am)\s+(?:firmly\s+|strongly\s+|totally\s+|completely\s+)?(?:against|in\s+favour\s+of|opposed\s+to)|I(?:'m|\s+am)\s+sorry,?\s+but|I\s+have\s+a\s+feeling|I\s+hate\s+to\s+say"
    r"|imo|imho|tbh|to\s+be\s+honest|if\s+you\s+ask\s+me|for\s+my\s+money|as\s+far\s+as\s+I'm\s+concerned)\b"
    # "Honestly, ...", "Personally I think", "Frankly", "For me, ...": as a comment on the
    # sentence, not as the manner of a verb ("talking honestly", "will personally present").
    r"|(?:^|(?<=[\n.!?])|(?<=[\n.!?]\s))(?i:(?:honestly|personally|frankly|speaking\s+personally)\b(?!\s+(?:and|or)\b)|for\s+me\s*,)"
    r"|" + _CLAUSE_START + r"(?i:(?:honestly|personally|frankly|speaking\s+personally)(?=\s*[,.!?:\u2014\u2013-]|\s+(?:I|I'm|I'd|I've|this|it|it's|that|that's|the|we|you|what|who|how|if|though|there|these|those|nobody|no|they|not|speaking|some|most|but)\b)|for\s+me\s*,)"
    r"|(?i:\bI(?:'m|'d|'ve|'ll|\s+am|\s+would|\s+will|\s+can|\s+could|\s+must)?\s+(?:honestly|personally|frankly))\b"
    r"|(?i:\b(?:honestly|personally|frankly)(?=\s+I\b))"
)
_MARKER = re.compile(r"(?i)\b(?:" + _MARKER_BODY + r")")
# The same for lower-cased text, several times faster than a case-insensitive scan.
_MARKER_LOWER = re.compile(r"\b(?:" + re.sub(r"(?<!\\)[A-Z]", lambda m: m.group().lower(), _MARKER_BODY) + r")")

# Quoted words: straight or curly double quotes, within one paragraph.
_QUOTED = re.compile(r"\u201c[^\u201d\n]{0,800}?\u201d|\"[^\"\n]{0,800}?\"|\u2018[^\u2019\n]{0,800}?\u2019")


def _mask_quotes(text: str) -> str:
    """The text with quoted words blanked out, offsets kept."""
    return _QUOTED.sub(lambda m: " " * len(m.group()), text)


class OpinionCheck:
    category: ClassVar[str] = "opinion"

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        text = _mask_quotes(ctx.text) if '"' in ctx.text or "\u201c" in ctx.text or "\u2018" in ctx.text else ctx.text
        lower = text.lower()
        found = _MARKER_LOWER.finditer(lower) if len(lower) == len(text) else _MARKER.finditer(text)
        return [Hit(self.category, "A personal opinion in the writer's own voice", m.start(), m.end()) for m in found]
