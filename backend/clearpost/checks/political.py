"""political: endorsing or opposing a party, a candidate or an ideology, or telling people how
to vote. Commentary on policies, "register to vote", "conservative estimate", "Labour
market" and "a party to celebrate" stay quiet. Which accounts and packs care is the pack's
business (IUK 4.15 and Society 6.c; the others protect personal political speech)."""

from __future__ import annotations

import re
from typing import ClassVar

from clearpost.checks.base import CheckContext
from clearpost.findings import Hit
from clearpost.text import sentence_spans

# UK parties and their members, with case where case separates the party from the word.
_PARTY = re.compile(
    r"\b(?:Labour(?!\s+(?:market|markets|force|costs?|shortages?|law|laws|rights|day|ward|pains?|of\s+love|intensive|supply|mobility|relations|productivity|economics|history|studies))"
    r"|Conservatives?(?!\s+(?:estimates?|figures?|approach|assumptions?))|Tory|Tories|Tory\s+MPs?"
    r"|Lib\s*Dems?|Liberal\s+Democrats?|Green\s+Party|Greens|Reform\s+UK|Reform\s+party|Brexit\s+Party|UKIP|SNP|Plaid(?:\s+Cymru)?|DUP|Sinn\s+F[ée]in|Alliance\s+Party|SDLP"
    r"|Republicans?|Democrats?|GOP|MAGA)\b"
    r"|(?i:\b(?:the\s+)?(?:\w+\s+)?(?:party|parties)\s+(?:leader|candidate|manifesto)\b)"
    r"|(?i:\b(?:candidate|MP|councillor|mayoral\s+candidate)\s+for\s+[A-Z]\w+)"
    r"|(?i:\b(?:the\s+)?(?:PM|prime\s+minister|government|opposition)\b)"
)
# "Vote Green", "vote Tory": telling people how to vote needs no other cue.
_VOTE_PARTY = re.compile(
    r"(?i)\b(?:vote|voting)\s+(?:for\s+)?(?:the\s+)?(?-i:Labour|Tory|Tories|Conservatives?|Lib\s*Dems?|Liberal\s+Democrats?|Greens?|Reform|SNP|Plaid|UKIP|DUP|Sinn\s+F[ée]in|Alliance|SDLP)\b"
    r"|(?i:\b(?:don't|do\s+not|never)\s+vote\s+(?:for\s+)?(?:the\s+)?(?-i:[A-Z]\w+))"
    # "back Keir Starmer for PM", "Vote Smith for mayor"
    r"|(?i:\b(?:back(?:ing)?|support(?:ing)?|endors(?:e|ing)|vote(?:\s+for)?|voting\s+for|elect)\s+)(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
    r"(?i:\s+(?:for|as)\s+(?:PM|prime\s+minister|mayor|MP|leader|president|councillor|first\s+minister|chancellor))\b"
)
_IDEOLOGY = re.compile(
    r"(?i)\b(?:socialism|socialist|communism|communist|capitalism|conservatism|liberalism|neoliberalism|"
    r"marxism|marxist|fascism|fascist|libertarianism|anarchism|nationalism|populism|wokeism|thatcherism|corbynism)\b"
)
_ENDORSE = re.compile(
    r"(?i)\b(?:vote(?:s|d)?\s+(?:for|against|out|in|them|him|her)\b|vote\s+(?:Labour|Tory|Conservative|Lib\s*Dem|Green|Reform|SNP|Plaid|UKIP)"
    r"|(?:deserves?|earned|gets?|has|have)\s+(?:your|my|our)\s+vote|(?:give|lend)\s+(?:them|him|her)\s+your\s+vote"
    r"|don't\s+vote|do\s+not\s+vote|never\s+vote|(?:re-?)?elect\b|back(?:ing)?\s+(?:the\s+)?(?:Labour|Tor|Conservative|Lib|Green|Reform|SNP|their|his|her|this)"
    r"|(?:are|is)\s+the\s+(?:only|right|best|obvious|clear)\s+(?:choice|option|party|hope|answer|ones|deal|bet|plan|way\s+forward)"
    r"|(?:has|have)\s+failed\s+(?:us|everyone|the\s+country|this\s+country)|must\s+(?:be\s+)?(?:abolished|overthrown|destroyed|end|fall)|time\s+for\s+(?:a\s+)?revolution"
    r"|(?:is|are)\s+(?:evil|the\s+enemy|the\s+problem)"
    r"|only\s+(?:party|candidate|choice|hope)|right\s+choice|best\s+choice|(?:I|we)\s+(?:support|endorse|back)\b"
    r"|(?:support|endorse|back)\s+(?:the\s+)?(?:party|candidate|manifesto)|manifesto\s+(?:is|gets|has)\s+(?:our|my)\s+(?:backing|support)"
    r"|don't\s+let\s+(?:them|him|her|the\s+\w+)\s+(?:win|in|get\s+in)|stop\s+(?:them|the\s+\w+)\s+(?:winning|getting\s+in)|kick\s+(?:them|the\s+\w+|\w+)\s+out|get\s+(?:them|the\s+\w+)\s+out|must\s+go|have\s+to\s+go|out\s+now"
    r"|campaign(?:ing)?\s+for|knocking\s+(?:on\s+)?doors\s+for|leafleting\s+for|join\s+the\s+(?:party|Labour|Greens|Tories)"
    r"|(?:is|are)\s+the\s+answer|is\s+the\s+only\s+way|down\s+with|smash\s+(?:the\s+)?|(?:we|you)\s+need\s+(?:a|more)\s+\w+\s+government"
    r"|lying|liars?|corrupt|crooks?|scum|traitors?|useless|incompetent|disgrace(?:ful)?|bastards?|can't\s+be\s+trusted|cannot\s+be\s+trusted|clowns?)\b"
)
# "the government's housing policy is useless" is commentary on a policy, which is allowed.
_POLICY_OBJECT = re.compile(r"(?i)\b(?:policy|policies|bill|plan|plans|proposals?|budget|strategy|white\s+paper|consultation|reforms?|legislation|framework|act)\b")
_GENERIC_GOVERNMENT = re.compile(r"(?i)^(?:the\s+)?(?:PM|prime\s+minister|government|opposition)$")


class PoliticalCheck:
    category: ClassVar[str] = "political"

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        text = ctx.text
        hits: list[Hit] = []
        for s, e in sentence_spans(text):
            sentence = text[s:e]
            if _VOTE_PARTY.search(sentence):
                hits.append(Hit(self.category, "Tells people how to vote", s, e))
                continue
            target = _PARTY.search(sentence) or _IDEOLOGY.search(sentence)
            cue = _ENDORSE.search(sentence)
            if target is None or cue is None:
                continue
            if _GENERIC_GOVERNMENT.match(target.group().strip()) and not re.search(r"(?i)\bvote\b|elect", cue.group()):
                # Criticising "the government" is commentary unless it says how to vote.
                continue
            between = sentence[min(target.end(), cue.start()):max(target.start(), cue.end())]
            if _POLICY_OBJECT.search(between) and not re.search(r"(?i)vote|elect|manifesto|\bwin\b|get\s+in\b|kick", sentence):
                continue
            hits.append(Hit(self.category, "Endorses or opposes a party, candidate or ideology, or says how to vote", s, e))
        return hits
