"""confidential: information that is not public: marked confidential, internal, embargoed,
draft or not for circulation; leaks from closed meetings; unannounced decisions; internal
complaints, disciplinary or legal proceedings; exam papers.

Stays quiet on services that are confidential ("confidential helpline"), published reports
and embargoes that have lifted.
"""

from __future__ import annotations

import re
from typing import ClassVar

import regex

from clearpost.checks.base import CheckContext
from clearpost.findings import Hit
from clearpost.text import TITLED_NAME, sentence_around

_MARKED = re.compile(
    r"(?i)\b(?:strictly\s+)?(?:private\s+and\s+)?confidential\b(?!\s+(?:helpline|help\s*line|line|counsel+ing|"
    r"service|services|support|advice|advisers?|listening|reporting|space|chat|conversations?\s+with\s+(?:a|our)|"
    r"and\s+free|free|hotline|number|email|inbox|form|survey|questionnaire|way))"
    r"|\binternal\s+(?:only|use\s+only|use|memo|email|document|figures|data|report|minutes)\b"
    r"|\bnot\s+(?:for|to\s+be\s+shared\s+for)\s+(?:circulation|distribution|publication|sharing|release|external)\b"
    r"|\bdo\s+not\s+(?:circulate|distribute|share|forward)\b"
    r"|\bembargo(?:ed)?\b(?!\s+(?:has\s+|is\s+|now\s+|was\s+)?(?:lifted|over|ended|passed|expired))"
    r"|^\s*\W{0,3}draft\b|\bdraft\s*[-:\u2013]|\b(?:draft|provisional|unpublished|unreleased|unaudited|leaked)\s+"
    r"(?:budget|figures|results|minutes|report|accounts|plans?|proposals?|restructure|restructuring|fees?|"
    r"league\s+table|ranking|REF\s+results)\b"
)
_LEAK = re.compile(
    r"(?i)\bnot\s+(?:yet\s+)?(?:public|official|announced|confirmed\s+publicly)(?:\s+yet)?\b"
    r"|\b(?:hasn't|has\s+not|haven't|have\s+not|won't\s+be|isn't|is\s+not)\s+(?:been\s+)?(?:yet\s+)?(?:announced|made\s+public|public)\b"
    r"|\bbefore\s+(?:it's|it\s+is|they're|the\s+news\s+is)\s+(?:announced|official|public)\b"
    r"|\b(?:ahead\s+of|before)\s+the\s+(?:official\s+)?announcement\b"
    r"|\b(?:keep\s+(?:this|it)\s+(?:between\s+us|quiet|to\s+yourselves?|under\s+wraps|on\s+the\s+down\s*low|hush)"
    r"|between\s+you\s+and\s+me|off\s+the\s+record|don't\s+tell\s+anyone|do\s+not\s+tell\s+anyone|"
    r"you\s+didn't\s+hear\s+(?:this|it)\s+from\s+me|mum's\s+the\s+word|on\s+the\s+QT|hush[-\s]hush|under\s+wraps)\b"
    r"|\b(?:from|at|in)\s+(?:today's|yesterday's|this\s+morning's|last\s+night's|the|our|a)\s+"
    r"(?:closed|private|confidential|in-camera|in\s+camera)\s+(?:council|board|senate|committee|exec|executive|"
    r"management|leadership|trustees'?|governors'?|staff)?\s*(?:meeting|session|briefing|discussion)\b"
    r"|\b(?:closed|private|confidential)\s+(?:council|board|senate|committee|SMT|exec|executive|leadership)\s+(?:meeting|session)\b"
    r"|\b(?:in\s+camera|behind\s+closed\s+doors)\b"
    r"|\bexam\s+(?:paper|papers|questions|answers)\s+(?:for|from)\s+(?:tomorrow|next|this|monday|tuesday|wednesday|thursday|friday)"
    r"|\b(?:tomorrow's|next\s+week's|this\s+week's|friday's|monday's)\s+exam\s+(?:paper|questions|answers)\b"
    r"|\b(?:heard|told|learned|learnt|found\s+out)\s+(?:\w+\s+){0,2}?(?:in|at|from)\s+(?:the\s+|today's\s+|yesterday's\s+|this\s+morning's\s+|our\s+)?"
    r"(?:exam\s+board|board\s+meeting|committee|senate|SMT|management\s+meeting|leadership\s+meeting|staff\s+meeting|HR)\b"
    r"|\b(?:you\s+heard\s+it\s+here\s+first|word\s+is|rumou?r\s+has\s+it|a\s+little\s+bird\s+told\s+me|sources\s+tell\s+me|"
    r"(?:I'm|I\s+am|we're|we\s+are)\s+not\s+(?:supposed|meant|allowed)\s+to\s+(?:say|tell|share|mention))\b"
    r"|\bleaked\b"
)
_PROCEEDINGS = re.compile(
    r"(?i)\b(?:tribunal|disciplinary|grievance|misconduct\s+(?:hearing|investigation|case)|"
    r"suspended\s+pending|under\s+investigation|gross\s+misconduct|settlement\s+agreement|NDA|"
    r"lawsuit|legal\s+action|being\s+sued|sued\s+us|suing\s+us|formal\s+complaint|whistleblowing\s+case)\b"
)
_INSIDE_TIE = re.compile(
    r"(?i)\b(?:our|us|we|my|colleague|colleagues|former|ex-|staff|member\s+of\s+staff|employee|treasurer|"
    r"trustee|student|lecturer|professor|manager|boss|head\s+of|director|chair|ceo|secretary)\b"
)
# Proceedings only an employer holds (a grievance, a disciplinary): about a titled person ("the
# grievance against Dr Brown") they are internal too. A lawsuit or tribunal naming one may be news.
_EMPLOYER_ONLY = re.compile(r"(?i)disciplinary|grievance|misconduct|suspended|formal\s+complaint|whistleblowing")
_TITLED_NAME = regex.compile(TITLED_NAME)
_PUBLIC_NOW = re.compile(r"(?i)\b(?:published|publicly\s+available|press\s+release|as\s+reported|reported\s+by|judgment\s+was\s+published|public\s+hearing)\b")


_LIFTED = re.compile(r"(?i)\b(?:lifted|has\s+ended|is\s+over|expired|has\s+passed|no\s+longer)\b")


_PUBLIC_DRAFT = re.compile(r"(?i)\b(?:consultation|have\s+your\s+say|published|for\s+comment|comments\s+welcome|feedback|out\s+now|open\s+for)\b")


def _no_longer_secret(text: str, m: re.Match[str]) -> bool:
    """An embargo that has lifted, or a draft out for consultation or published, is public."""
    start, end = sentence_around(text, m.start())
    marker = m.group().strip(" -:\u2013").lower()
    if marker.startswith("embargo"):
        return _LIFTED.search(text[m.end():end]) is not None
    if marker.startswith(("draft", "provisional")):
        return _PUBLIC_DRAFT.search(text[start:end]) is not None
    return False


class ConfidentialCheck:
    category: ClassVar[str] = "confidential"

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        text = ctx.text
        hits = [Hit(self.category, "Marked as confidential, internal, draft or embargoed", m.start(), m.end())
                for m in _MARKED.finditer(text) if not _no_longer_secret(text, m)]
        hits += [Hit(self.category, "Information that is not public yet", m.start(), m.end())
                 for m in _LEAK.finditer(text)]
        if not _PUBLIC_NOW.search(text):
            for m in _PROCEEDINGS.finditer(text):
                if _INSIDE_TIE.search(text) or (_EMPLOYER_ONLY.match(m.group()) and _TITLED_NAME.search(text)):
                    hits.append(Hit(self.category, "Details of internal complaints, disciplinary or legal proceedings", m.start(), m.end()))
        return hits
