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
from clearpost.scan import SentenceScanner
from clearpost.text import TITLED_NAME, sentence_around

# "confidential" as a label on the text ("CONFIDENTIAL", "Confidential:", "strictly
# confidential", "treat this as confidential"), not as a quality of a service ("free and
# confidential", "confidential wellbeing sessions"). Labels at the start of the text or a line:
_MARKED_LABEL = re.compile(
    r"\bCONFIDENTIAL\b|(?im:^\W{0,3}confidential\b)"
    r"|(?i:\A\s*\W{0,3}draft\b(?!\s+(?:your|a|an|the|my|our|this|these|it|them|up|out|some|emails?|letters?)\b))"
)
# ...and anywhere, written for lower-cased text (see `_LEAK_BODY`).
_MARKED_BODY = (
    r"\bconfidential\s*[-:\u2013\u2014]\s|(?<=[.!?]\s)confidential\b(?=\s*(?:[!.:\u2013\u2014-]|$))"
    r"|\b(?:strictly|highly|private\s+and|commercially|marked|in\s+strict)\s+confiden(?:tial|ce)\b"
    r"|\b(?:treat(?:ed|ing)?|keep|kept|keeping|hold|held)\s+(?:this|it|that|these|the\s+(?:news|figures|details|following))\s+(?:as\s+)?(?:confidential|in\s+confidence)\b"
    r"|\b(?:this|that)\s+(?:is|'s|remains|must\s+remain|should\s+remain|stays)\s+(?:strictly\s+)?confidential\b"
    r"|\bconfidential\s+(?:until|for\s+now|at\s+this\s+stage|until\s+further\s+notice)\b"
    r"|\bconfidential\s+(?:document|report|paper|papers|memo|minutes|briefing|figures|draft|agenda|item|matter|"
    r"proposals?|plans?|budget|settlement|letter|update|results|list|shortlist)\b"
    r"|\b(?:told|shared\s+with|said\s+to|mentioned\s+to|given\s+to)\s+(?:me|us|him|her|them)?\s*in\s+(?:strict\s+|the\s+strictest\s+)?confidence\b"
    r"|\binternal\s+(?:only|use\s+only|use|memo|email|document|figures|data|report|minutes)\b"
    r"|\bnot\s+(?:for|to\s+be\s+shared\s+for)\s+(?:circulation|distribution|publication|sharing|release|external)\b"
    r"|\bdo\s+not\s+(?:circulate|distribute|share|forward)\b(?!\s+(?:them|your|any\s+(?:personal|login)|personal|passwords?|login|links?))"
    r"|\bembargo(?:ed)?\b(?!\s+(?:has\s+|is\s+|now\s+|was\s+)?(?:lifted|over|ended|passed|expired))"
    r"|\bdraft\s*[-:\u2013]|\b(?:draft|provisional|unpublished|unreleased|unaudited|leaked)\s+(?:\d{4}(?:[-/\u2013]\d{2,4})?\s+)?"
    r"(?:budget|figures|results|minutes|report|accounts|plans?|proposals?|restructure|restructuring|fees?|"
    r"league\s+table|ranking|REF\s+results)\b"
)


def _for_lowered_text(body: str) -> re.Pattern[str]:
    """The pattern with its letters lower-cased (escapes such as \\S kept), for matching
    `text.lower()` without re.IGNORECASE, which is several times slower on long posts."""
    return re.compile(r"\b(?:" + re.sub(r"(?<!\\)[A-Z]", lambda m: m.group().lower(), body) + r")")


_MARKED = re.compile(r"(?i)\b(?:" + _MARKED_BODY + r")")
_MARKED_LOWER = _for_lowered_text(_MARKED_BODY)
# Written for lower-cased text: matched against `text.lower()`, which is several times faster
# than a case-insensitive scan (see `_leaks`).
_LEAK_BODY = (
    r"\bnot\s+(?:yet\s+)?(?:public|official|announced|confirmed\s+publicly)(?:\s+yet)?\b"
    r"|\b(?:hasn't|has\s+not|haven't|have\s+not|won't\s+be|isn't|is\s+not)\s+(?:been\s+)?(?:yet\s+)?(?:announced|made\s+public|public)\b"
    r"|\bbefore\s+(?:it's|it\s+is|they're|the\s+news\s+is)\s+(?:announced|official|public)\b"
    r"|\b(?:ahead\s+of|before)\s+the\s+(?:official\s+)?announcement\b"
    r"|\b(?:keep\s+(?:this|it)\s+(?:between\s+us|quiet|to\s+yourselves?|under\s+wraps|on\s+the\s+down\s*low|hush)"
    r"|between\s+you\s+and\s+me|off\s+the\s+record|(?:don't|do\s+not)\s+tell\s+anyone(?!\s+(?:who|what|how|which|where|when|to|your))|"
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
    # Secrecy asked of the reader, in ordinary words.
    r"|\bkeep\s+(?:this|it|that|the\s+news|these|them)\s+(?:under\s+(?:your|our)\s+hats?|to\s+(?:yoursel(?:f|ves)|ourselves|you)|"
    r"between\s+(?:us|ourselves)|close\s+to\s+(?:your|the)\s+chest|secret|schtum|shtum|zipped)\b"
    r"|\bunder\s+your\s+hats?\b"
    r"|(?:^|(?<=[\n.!?,;:(\u2014\u2013-])|(?<=[\n.!?,;:(\u2014\u2013-]\s)|(?:but|and|so|just)\s+)between\s+(?:us|ourselves|you\s+and\s+me)\b(?!\s*,?\s*(?:and|we|we've|we'd|we're|we'll|our|all|both|they|us)\b)"
    r"|\b(?:stays?|staying|remains?|is\s+just)\s+between\s+(?:us|ourselves|these\s+four\s+walls)\b"
    r"|\b(?:please\s+)?(?:don't|do\s+not|dont|no)\s+(?:share|sharing|spread|spreading|repeat|post|posting|mention|tell\s+anyone|leak|breathe\s+a\s+word|say\s+a\s+word|let\s+on)"
    r"(?:\s+(?:this|it|that|these|them|the\s+\w+|any\s+of\s+(?:this|it)|anything|a\s+word))?(?:\s+(?:around|about|further|with\s+anyone))?"
    r"\s+(?:yet|outside|beyond|publicly|until|before|for\s+now|just\s+yet|till|til|anywhere|to\s+anyone|with\s+anyone)\b"
    r"|\b(?:can't|cannot|mustn't|must\s+not|shouldn't|won't)\s+go\s+(?:any\s+)?(?:further|beyond)\b|\bnot\s+to\s+go\s+(?:any\s+)?(?:further|beyond)\b"
    r"|(?:^|(?<=[\s(]))(?:shh+|sh+h|shhh+)\b(?=\s*(?:[!,.\u2026\U0001f92b]|$))|\bnot\s+a\s+word\s+(?:to|outside|until|yet)\b|\bhush\s+for\s+now\b"
    r"|\b(?:sit|sitting)\s+on\s+(?:this|it|them|these|the\s+(?:news|results|figures|findings))\s+(?:until|till|for\s+now)\b"
    r"|\b(?:can't|cannot|can\s+not)\s+(?:shout|talk|tell\s+you|say\s+much)\s+about\s+(?:it|this|them)\s+(?:\w+\s+)?(?:yet|until|publicly)\b"
    r"|\bnothing\s+(?:has|'s)\s+(?:yet\s+)?gone\s+out\b|\b(?:it|this|the\s+news|the\s+decision|that)\s+(?:hasn't|has\s+not|haven't)\s+(?:yet\s+)?gone\s+out\b(?!\s+of)"
    r"|\buntil\s+(?:the\s+|our\s+)?(?:contract|award\s+letter|paperwork|offer|grant\s+agreement|agreement|deal|funder|board|trustees|council|senate)\s+"
    r"(?:is\s+|has\s+been\s+|gets\s+|'s\s+|have\s+|has\s+)?(?:signed|finali[sz]ed|confirmed|approved|through|signs\s+off|signed\s+off|agreed|ratified)"
    r"|\b(?:will|they'll|she'll|he'll)\s+(?:hear|be\s+told|find\s+out)\s+officially\b"
    r"|\buntil\s+(?:HR|the\s+(?:VC|board|funder|council|senate|trustees|committee|university|school|faculty|dean|provost|principal|director|ceo|minister))\s+"
    r"(?:confirms|approves|signs\s+(?:it\s+)?off|announces|has\s+(?:confirmed|approved|signed\s+(?:it\s+)?off|announced))\b"
    r"|\bnot\s+(?:my|our|mine|ours)\s+(?:news\s+)?to\s+(?:share|announce)\s+yet\b|\b(?:can't|cannot|won't|not\s+going\s+to)\s+name\s+names\b"
    r"|\b(?:in\s+)?closed\s+session\b|\breserved\s+business\b|\bpart\s+(?:II|2|B)\s+(?:of\s+the\s+)?(?:agenda|minutes|item|business)\b"
    r"|\b(?:you\s+didn't\s+(?:see|read)\s+(?:this|it)\s+(?:here|from\s+me)|I\s+(?:can't|cannot)\s+(?:yet\s+)?(?:say|share|announce)\s+(?:this\s+|it\s+)?(?:publicly|officially)(?:\s+yet)?)\b"
    r"|\b(?:can't|cannot|not\s+allowed\s+to|not\s+able\s+to)\s+(?:say|share|announce)\s+(?:this|it|anything)?\s*(?:publicly|officially)\s+(?:yet|until)\b"
    # Announcements and approvals still to come, or people not yet told.
    r"|\buntil\s+(?:it's|it\s+is|it\s+has\s+been|this\s+is|they're|they\s+are|the\s+news\s+is|we've|we\s+have|it\s+gets|it's\s+been)\s+"
    r"(?:formally\s+|officially\s+|publicly\s+|properly\s+)?(?:announced|official|public|confirmed|signed|approved|ratified)\b"
    r"|\b(?:until|before|ahead\s+of)\s+the\s+(?:formal|official|public)\s+(?:announcement|notice|letter|launch)\b"
    r"|\b(?:official|formal|public)\s+announcement\s+(?:isn't|is\s+not|won't\s+be|hasn't|isn't\s+due)\b"
    # People not yet told: the news is theirs to hear first ("colleagues haven't been told",
    # "she hasn't been told the outcome yet"); not "many young people haven't been told their
    # rights" nor a job advert's "if you have not been notified by 30 June".
    r"|(?<!\byou\s)(?<!\bYou\s)\b(?:haven't|hasn't|have\s+not|has\s+not|weren't|wasn't|won't\s+be|will\s+not\s+be|aren't|isn't)\s+(?:yet\s+)?(?:been\s+)?(?:yet\s+)?(?:told|informed|notified)\b"
    r"(?=[^.!?\n]{0,40}?\b(?:yet|until|till|before|officially|outcome|decision|news|result|results)\b|\s*[.!?,;]|\s+\w+\s*[.!?,;])"
    r"|\b(?:don't|do\s+not|doesn't|does\s+not)\s+(?:know|know\s+about\s+it|know\s+about\s+this)\s+yet\b"
    r"|\b(?:hasn't|has\s+not|haven't|have\s+not)\s+(?:yet\s+)?made\s+(?:the|an|any)\s+announcement\b"
    r"|\b(?:yet\s+to\s+be|still\s+to\s+be)\s+(?:told|informed|notified|announced|made\s+public)\b"
    r"|\b(?:aren't|are\s+not|isn't|is\s+not)\s+yet\s+public\b|\b(?:aren't|are\s+not|isn't|is\s+not)\s+public\b(?=[^.!?\n]{0,40}?\b(?:yet|until|till)\b)"
    r"|\b(?:told|heard|learned|learnt|know)\s+(?:us\s+|me\s+)?(?:informally|unofficially|on\s+the\s+grapevine|through\s+the\s+grapevine)\b"
)
_LEAK = re.compile(r"(?i)\b(?:" + _LEAK_BODY + r")")
_LEAK_LOWER = _for_lowered_text(_LEAK_BODY)
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
# ...unless it is shared with a closed circle before a decision ("with our partners for comment
# before it goes to trustees").
_CLOSED_CIRCLE = re.compile(
    r"(?i)\b(?:before\s+(?:it|they)\s+(?:goes|go|went)\s+to|ahead\s+of\s+(?:the\s+)?(?:board|trustees|council|senate)|"
    r"(?:with|to)\s+(?:our\s+|a\s+few\s+|selected\s+|key\s+)?(?:\w+\s+)?(?:partners|funders|trustees|board\s+members|heads\s+of\s+\w+)|not\s+yet\s+(?:approved|signed\s+off|agreed))\b"
)

# Hints from an exam paper not yet sat: its setter or checker ("I've just signed off the paper",
# "the draft paper went to the external examiner") says what is on it ("Question 3 asks...",
# "revise X very carefully", "may look VERY familiar").
_EXAM = re.compile(r"(?i)\b(?:exams?|examination|examiners?)\b")
_SETTER_VERB = (
    r"(?:finished|finalised|finalized|proofread|proof-read|proofreading|proof-reading|signed\s+off|set|setting|checking|checked|"
    r"moderated|moderating|approved|(?:finished|just)\s+(?:writing|drafting))\s+"
)
_EXAM_SETTER = re.compile(
    r"(?i)\bdraft\s+exam\s+paper\b|\bdraft\s+paper\b(?=[^.!?\n]{0,80}\bexam)"
    r"|\b(?:tomorrow's|next\s+week's|\w+day's|upcoming|this\s+year's)\s+(?:\w+\s+){0,3}?exam\b(?=[^\n]{0,120}?\bquestion\s+\d+\s+(?:is|will\s+be)\s+(?:all\s+|entirely\s+)?(?:on|about)\b)"
    r"|\b(?:" + _SETTER_VERB + r"|written\s+|writing\s+|wrote\s+|write\s+|drafted\s+|drafting\s+)(?:the|this\s+year's|next\s+week's|tomorrow's|your|\w+'s)\s+(?:\w+\s+){0,3}?exam\b(?!\s+(?:scripts|results|marking|timetable|rooms?|hall|dates?|season|period|board|arrangements))"
    r"|\b" + _SETTER_VERB + r"(?:the|this\s+year's|next\s+week's|tomorrow's|your|\w+'s)\s+(?:final\s+)?(?:draft\s+)?(?:(?:exam|test)\s+)?(?:paper|draft|version)\b"
)
_EXAM_HINT = re.compile(
    r"(?i)\b(?:what's|what\s+is|what\s+will\s+be|what's\s+going\s+to\s+be)\s+on\s+(?:it|the\s+paper|the\s+exam|this\s+paper)\b"
    r"|\bquestion\s+\d+\b[^.!?\n]{0,40}?\b(?:asks|will|gives|covers|about|focuses|has|uses|tests)\b|\bquestion\s+\d+\s+is\s+(?:all\s+|entirely\s+)?on\b|\bmake\s+sure\s+you\s+(?:can|know|understand|revise)\b"
    r"|\bhint,?\s+hint\b|\blook(?:s)?\s+(?:\w+\s+)?familiar\b|\bmay\s+or\s+may\s+not\s+(?:look|be|appear|come\s+up)\b"
    r"|\b(?:revise|revising|spend\s+(?:this|the|your)\s+(?:weekend|week|evening|time))\s+(?:on\s+)?[^.!?\n]{0,80}?\b(?:very\s+)?carefully\b"
    r"|\bwithout\s+giving\s+(?:too\s+much|anything|the\s+game|it)\s+away\b|\bsection\s+[A-D]\b[^.!?\n]{0,40}?\b(?:kind|about|covers|will|focuses|asks)\b|\bjust\s+saying\b"
    r"|\bif\s+I\s+were\s+you\b|\bworth\s+(?:revising|your\s+time)|\bcome\s+up\s+(?:on|in)\s+(?:the\s+)?(?:exam|paper)"
)


def _no_longer_secret(text: str, start: int, end: int) -> bool:
    """An embargo that has lifted, or a draft out for consultation or published, is public."""
    sentence_start, sentence_end = sentence_around(text, start)
    marker = text[start:end].strip(" -:\u2013").lower()
    if marker.startswith("embargo"):
        return _LIFTED.search(text[end:sentence_end]) is not None
    if marker.startswith(("draft", "provisional")):
        sentence = text[sentence_start:sentence_end]
        return _PUBLIC_DRAFT.search(sentence) is not None and _CLOSED_CIRCLE.search(sentence) is None
    return False


class ConfidentialCheck:
    category: ClassVar[str] = "confidential"

    def __init__(self) -> None:
        # The lower-case patterns run on the lower-cased post, which is faster, when lower-casing
        # keeps every offset (it does not for a few letters, such as "İ").
        self._scan_text = SentenceScanner("confidential", [_MARKED_LABEL, _PROCEEDINGS])
        self._scan_lower = SentenceScanner("confidential, lower case", [_MARKED_LOWER, _LEAK_LOWER])
        self._scan_mixed = SentenceScanner("confidential, mixed case", [_MARKED, _LEAK])

    def forget(self, *, words: bool = True) -> None:
        for scanner in (self._scan_text, self._scan_lower, self._scan_mixed):
            scanner.forget()

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        text = ctx.text
        lower = text.lower()
        labels, proceedings = self._scan_text.scan(text)
        marked, leaks = self._scan_lower.scan(lower) if len(lower) == len(text) else self._scan_mixed.scan(text)
        hits = [Hit(self.category, "Marked as confidential, internal, draft or embargoed", s, e)
                for s, e in [*labels, *marked] if not _no_longer_secret(text, s, e)]
        hits += [Hit(self.category, "Information that is not public yet", s, e) for s, e in leaks]
        if proceedings and not _PUBLIC_NOW.search(text):
            for s, e in proceedings:
                # The tie to the organisation must be in the same sentence or the one before
                # ("the trial of a legal action" in a place-name's etymology is no proceeding).
                start, end = sentence_around(text, s)
                near = text[max(0, start - 200):end]
                if _INSIDE_TIE.search(near) or (_EMPLOYER_ONLY.match(text[s:e]) and _TITLED_NAME.search(near)):
                    hits.append(Hit(self.category, "Details of internal complaints, disciplinary or legal proceedings", s, e))
        if _EXAM.search(text):
            setter = _EXAM_SETTER.search(text)
            if setter is not None and _EXAM_HINT.search(text):
                hits.append(Hit(self.category, "Hints from an exam paper not yet sat", setter.start(), setter.end()))
        return hits
