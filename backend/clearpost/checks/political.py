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
    r"|(?i:\b(?:don't|do\s+not|never)\s+vote\s+(?:for\s+)?(?:the\s+|those\s+|that\s+|these\s+|this\s+|any\s+)?(?-i:[A-Z]\w+))"
    # "back Keir Starmer for PM", "Vote Smith for mayor"
    r"|(?i:\b(?:back(?:ing)?|support(?:ing)?|endors(?:e|ing)|vote(?:\s+for)?|voting\s+for|elect)\s+)(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})"
    r"(?i:\s+(?:for|as)\s+(?:PM|prime\s+minister|mayor|MP|leader|president|councillor|first\s+minister|chancellor))\b"
)
_PARTY_NAME = (
    r"(?:Labour|Tory|Tories|Conservatives?|Lib\s*Dems?|Liberal\s+Democrats?|Green\s+Party|Greens?|Reform(?:\s+UK)?|"
    r"Brexit\s+Party|UKIP|SNP|Plaid(?:\s+Cymru)?|DUP|Sinn\s+F[ée]in|SDLP|Republicans?|Democrats?|GOP)"
)
# Telling people how to vote, whoever the object: "give her your vote", "your first preference",
# "put your cross next to Reform UK", "reject them at the ballot box", "lend me your vote".
# ...in an election post (or naming a party); an awards post asks for votes too.
_HOW_TO_VOTE_ELECTION = re.compile(
    r"(?i)\b(?:give|giving|lend|lending|gives)\s+(?:him|her|them|it|me|us|(?:the\s+)?(?-i:[A-Z][\w'-]+))\s+(?:your|their|our|a|the)\s+"
    r"(?:(?:first|second|1st|2nd|top)\s+)?(?:votes?|preference|preferences|cross|ballot)\b"
    r"|\b(?:deserves?|earned|earns?|gets?|has|have|won|wins?|worth)\s+(?:your|our|my)\s+(?:(?:first|second|1st|2nd)\s+)?(?:votes?|preference)\b"
    r"|\b(?:back|support|choose)\s+(?:them|him|her|(?-i:[A-Z][\w'-]+))\s+on\s+(?:polling\s+day|election\s+day|(?:Thursday|\d{1,2}(?:st|nd|rd|th)?\s+(?-i:[A-Z][a-z]+)))"
)
_HOW_TO_VOTE = re.compile(
    r"(?i)\b(?:put|putting|puts|place|placing|mark|marking)\s+(?:your|a|their|my|our)\s+(?:\w+\s+)?(?:cross|X)\s+(?:next\s+to|by|beside|against|for)\s+"
    r"(?!(?:the|a|your|their)\s+(?:candidate|party|person|name|box)s?\s+(?:of\s+your|you|that\s+you|who\s+you|which\s+you|of\s+their|they)|(?:your|their)\s+(?:chosen|preferred|choice))"
    r"|\b(?:reject|punish|defeat|beat|oust|boot|kick|throw|vote)\s+(?:\w+\s+){0,3}?(?:out\s+)?at\s+the\s+(?:ballot\s+box|polls)\b"
    r"|\b(?:support|back|choose|remember|reward|stop)\s+(?:them|him|her|(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?))\s+at\s+the\s+(?:ballot\s+box|polls)\b"
    # sarcasm: "by all means vote for the party that closed them", "vote for whoever cut..."
    r"|\b(?:vote|voting|cross\s+next\s+to)\s+(?:for\s+)?(?:the\s+(?:party|candidate|lot|people|ones?)\s+(?:that|who|which)|whoever)\s+"
    r"(?!(?:\w+\s+){0,2}?(?:best|most|you|your|reflects?|represents?|matches|shares?|agrees?|stands?\s+for\s+what\s+you))"
    r"|\byou\s+know\s+(?:which|what|where|who)\s+(?:box|party|candidate|way|name)?\s*(?:not\s+)?to\s+(?:tick|vote|pick|choose|put\s+your\s+cross)"
    # "Sarah Khan for Mayor!", "#VoteKhan": campaign slogans.
    r"|(?-i:\b(?!(?:Candidates?|Hustings|Nominations?|Questions?|Voting|Vote|Elections?|Results?|Statements?)\b)[A-Z][a-z][\w'-]*\s+[A-Z][\w'-]+\s+for\s+(?:Mayor|MP|PM|Prime\s+Minister|Councillor|President|Leader|First\s+Minister)\b)(?=\s*(?:[!#\n]|$))"
    r"|(?-i:#Vote(?!For|Now|Local|Early|Today|Smart|Here|Safe|Ready)[A-Z][a-z]+\b)"
    r"|\ba\s+vote\s+for\s+(?:me|us|him|her|them|(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?))\s+is\s+a\s+vote\s+(?:for|against)\b"
    r"|\b(?:standing|stand|running|run)\s+(?:as\s+(?:the|a)\s+(?-i:" + _PARTY_NAME + r")\s+candidate|for\s+(?:the\s+)?(?-i:" + _PARTY_NAME + r")\b)"
    r"|\bthink\s+(?:very\s+|really\s+|long\s+and\s+hard\s+|twice\s+)?(?:carefully\s+)?(?:before|about)\s+(?:voting|putting\s+your\s+cross|giving\s+\w+\s+your\s+vote)\s+(?:for\s+|next\s+to\s+)?"
    r"(?:the\s+)?(?-i:[A-Z]\w+|them|him|her)"
)
# Saying to vote for a named person needs an election in the post ("vote for Sadia on 14 March"),
# not an award ("vote for your favourite nominee").
_NOT_A_PERSON = (
    r"(?!(?-i:(?:Council|Youth|Trustees?|President|Chair|Officers?|Members?|Board|Committee|Best|Your|Our|The|Team|Group|Project|"
    r"Volunteer|Student|Students|Staff|Community|Nominees?|Candidates?|Award|Awards|Project|Panel|Class|School|Club)\b))"
)
_VOTE_FOR_NAME = re.compile(
    r"(?i)(?:\bvote|\b(?:I'm|I\s+am|I'll\s+be|I\s+will\s+be|we're|we\s+are|we'll\s+be|keep|start|be)\s+voting)\s+for\s+" + _NOT_A_PERSON + r"(?:(?:Dr|Cllr|Councillor|Mr|Mrs|Ms|Mx|Prof)\.?\s+)?(?-i:[A-Z][a-z][\w'-]*)(?:\s+(?-i:[A-Z][\w'-]+))?"
    r"|(?:^|[:,!]\s*|\b(?:please|so|and)\s+)(?:re-?elect|elect)\s+" + _NOT_A_PERSON + r"(?:(?:Dr|Cllr|Councillor|Mr|Mrs|Ms|Mx|Prof)\.?\s+)?(?-i:[A-Z][a-z][\w'-]*)"
    r"|\b(?:knock(?:ing)?\s+(?:on\s+)?doors|leaflet(?:ting|ing)?|canvass(?:ing)?)\s+for\s+(?-i:[A-Z][a-z][\w'-]*)"
)
# Endorsing in the organisation's (or writer's) voice; the object must be a party, a candidate
# or a named person in an election post.
_ENDORSE_VOICE = re.compile(
    r"(?i)(?:\b(?:we're|we\s+are|we|the\s+(?-i:[A-Z]\w+)|I'm|I\s+am|I)\s+(?:(?:proud(?:ly)?|firmly|fully|wholeheartedly|officially|formally|happy|pleased|delighted)\s+(?:to\s+)?)?"
    r"(?:endors(?:e|es|ed|ing)|back(?:s|ed|ing)?|support(?:s|ed|ing)?|recommend(?:s|ed|ing)?)|\b(?:to|will|decided\s+to|voted\s+to)\s+(?:endorse|back)|\bendorsing)\s+(?:the\s+)?"
    r"(?P<obj>(?-i:[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})|him|her|them|their\s+manifesto|its\s+manifesto|his\s+manifesto)"
    r"|\b(?:has|have|gets?|get)\s+(?:our|my)\s+(?:full\s+|wholehearted\s+|unreserved\s+)?(?:backing|support|endorsement|vote)\b"
    r"|\b(?:our|my)\s+(?:vote|endorsement|backing|first\s+preference)\s+(?:goes|is\s+going)\s+to\b"
    r"|\b(?:is|she's|he's|they're)\s+(?:our|my)\s+(?:choice|candidate|pick)\b"
    r"|\bthe\s+one\s+(?:I'd|I\s+would|we'd|we\s+would)\s+(?:want|like)\s+to\s+see\s+(?:in|as|elected|win)"
)
_YOUR_CHOICE = re.compile(
    r"(?i)\b(?:of\s+(?:your|their)\s+choice|(?:your|their)\s+(?:chosen|preferred)|(?:candidate|party|person|one)s?\s+(?:that\s+|who\s+|whom\s+)?(?:you|they)\s+(?:want|prefer|choose|support|like)\b|whoever\s+you)"
)
_ELECTION = re.compile(
    r"(?i)\b(?:elections?|polling\s+(?:day|station|stations)|ballot|hustings|mayoral|by-?election|constituency|"
    r"candidates?\s+(?:for|in|standing)|(?:mayoral|parliamentary|council|local|party|" + _PARTY_NAME + r")\s+candidates?|"
    r"manifestos?|polls\s+(?:open|close)|go\s+to\s+the\s+polls|(?:city|town|county)\s+hall|MP|councillor|first\s+preference)\b"
)
# A manifesto backed: a party must be named in the sentence or the two before ("...and that's
# Labour's. We're backing their manifesto").
_BACK_MANIFESTO = re.compile(
    r"(?i)\b(?:back|backs|backed|backing|support|supports|supporting|endorse|endorses|endorsing|champion(?:ing)?|behind)\s+"
    r"(?:(?:the|their|its|his|her|this|that)\s+)?(?:[\w'-]+\s+){0,3}?manifesto\b"
)
_PARTY_NAME_RE = re.compile(r"\b" + _PARTY_NAME + r"\b")
_PARTY_WORD = re.compile(r"\b" + _PARTY_NAME + r"\b|(?i:\bthe\s+party\b|\bparty's\b)")
# Opposing an ideology in the organisation's voice.
_AGAINST = re.compile(
    r"(?i)\b(?:(?:stand|stands|standing)\s+(?:firmly\s+|resolutely\s+|united\s+)?against|(?:we|I)\s+(?:firmly\s+|utterly\s+|strongly\s+)?(?:oppose|reject|condemn)|"
    r"has\s+no\s+place|have\s+no\s+place|is\s+incompatible\s+with|must\s+be\s+(?:defeated|rejected|stopped|resisted|opposed))\b"
)
# A party's voters insulted: "anyone who votes Tory is thick", "Reform voters are idiots".
_VOTERS = re.compile(
    r"(?i)\b(?:vote[sd]?|voting)\s+(?:for\s+)?(?:the\s+)?(?-i:" + _PARTY_NAME + r")\b"
    r"|(?-i:" + _PARTY_NAME + r")\s+(?:voters?|supporters?|members|lot|people|brigade)\b"
)
_INSULT = re.compile(
    r"(?i)\b(?:thick|stupid|idiots?|idiotic|morons?|moronic|selfish|racists?|gullible|brainwashed|fools?|fooled|ignorant|"
    r"ashamed|disgrace|deserves?\s+(?:what|everything)\s+(?:they|you|he|she)\s+get|shame\s+on\s+you|been\s+had|deluded|brain-?dead|heads?\s+examined|conned|duped|suckers|scum|vile|disgusting|deplorables?|bigots?|sheep|mugs?|clueless|dim|dumb|cretins?|pathetic|b\W?stards?|bastards?)\b"
)
_IDEOLOGY = re.compile(
    r"(?i)\b(?:socialism|socialist|communism|communist|capitalism|conservatism|liberalism|neoliberalism|"
    r"marxism|marxist|fascism|fascist|libertarianism|anarchism|nationalism|populism|wokeism|thatcherism|corbynism)\b"
)
_ENDORSE = re.compile(
    r"(?i)\b(?:vote(?:s|d)?\s+(?:for|against|out|in|them|him|her)\b|vote\s+(?:Labour|Tory|Conservative|Lib\s*Dem|Green|Reform|SNP|Plaid|UKIP)"
    r"|(?:deserves?|earned|gets?|has|have)\s+(?:your|my|our)\s+vote|(?:give|lend)\s+(?:them|him|her)\s+your\s+vote"
    r"|don't\s+(?:you\s+dare\s+)?vote|do\s+not\s+vote|never\s+vote|(?:re-?)?elect\b|back(?:ing)?\s+(?:the\s+)?(?:Labour|Tor|Conservative|Lib|Green|Reform|SNP|their|his|her|this)"
    r"|(?:are|is)\s+the\s+(?:only|right|best|obvious|clear)\s+(?:choice|option|party|hope|answer|ones|deal|bet|plan|way\s+forward)"
    r"|(?:has|have)\s+failed\s+(?:us|everyone|the\s+country|this\s+country|everywhere|again|every\s+time|wherever)|(?:will\s+)?never\s+(?:support|back|endorse|vote\s+for)|must\s+(?:be\s+)?(?:abolished|overthrown|destroyed|end|fall)|time\s+for\s+(?:a\s+)?revolution"
    r"|(?:is|are)\s+(?:evil|the\s+enemy|the\s+problem|dangerous|a\s+danger\s+to|a\s+threat\s+to|racists?|bigots?|fascists?)"
    r"|needs?\s+(?:their|your|his|her)\s+heads?\s+examin\w*|brain-?dead|deluded"
    r"|only\s+(?:party|candidate|choice|hope)|only\s+(?:one\s+)?(?:sensible|real|right|obvious|possible|credible|serious)\s+(?:choice|option)|(?:stand|stands|standing)\s+(?:with|behind)|right\s+choice|best\s+choice|(?:I|we)\s+(?:support|endorse|back)\b"
    r"|(?:support|endorse|back)\s+(?:the\s+)?(?:party|candidate|manifesto)|manifesto\s+(?:is|gets|has)\s+(?:our|my)\s+(?:backing|support)"
    r"|(?:don't|do\s+not|never)\s+let\s+(?:them|him|her|the\s+\w+)\s+(?:back\s+)?(?:win|in|get\s+in|into\s+power|back)|stop\s+(?:them|the\s+\w+)\s+(?:winning|getting\s+in)|kick\s+(?:them|the\s+\w+|\w+)\s+out|get\s+(?:them|the\s+\w+)\s+out|must\s+go|have\s+to\s+go|out\s+now"
    r"|campaign(?:ing)?\s+for|knocking\s+(?:on\s+)?doors\s+for|leafleting\s+for|join\s+the\s+(?:party|Labour|Greens|Tories)"
    r"|(?:is|are)\s+the\s+answer|is\s+the\s+only\s+way|down\s+with|smash\s+(?:the\s+)?|(?:we|you)\s+need\s+(?:a|more)\s+\w+\s+government"
    r"|lying|liars?|corrupt|crooks?|scum|traitors?|useless|incompetent|disgrace(?:ful)?|bastards?|can't\s+be\s+trusted|cannot\s+be\s+trusted|clowns?)\b"
)
# "the government's housing policy is useless" is commentary on a policy, which is allowed.
_POLICY_OBJECT = re.compile(r"(?i)\b(?:policy|policies|bill|plan|plans|proposals?|budget|strategy|white\s+paper|consultation|reforms?|legislation|framework|act)\b")
_PRONOUN = re.compile(r"(?i)\b(?:them|him|her|their|they)\b")
_GENERIC_GOVERNMENT = re.compile(r"(?i)^(?:the\s+)?(?:PM|prime\s+minister|government|opposition)$")


# Every signal above needs one of these words or stems somewhere in the post (or "MP", "PM");
# most posts have none and are done with a few substring and set tests.
_GATE_STEMS = (
    "vote", "voting", "elect", "ballot", "poll", "manifesto", "candidate", "hustings", "mayor", "minister", "government",
    "opposition", "councillor", "labour", "conservati", "liberal", "reform", "brexit", "republican", "democrat",
    "socialis", "communis", "capitalis", "marxis", "fascis", "libertarian", "anarchis", "nationalis", "populis", "wokeism",
    "thatcheris", "corbynis", "lib dem", "libdem", "#vote",
)
_GATE_WORDS = frozenset((
    "party", "parties", "president", "leader", "cross", "tick", "x", "tory", "tories", "green", "greens", "ukip", "snp",
    "plaid", "dup", "sinn", "alliance", "sdlp", "gop", "maga",
))
_WORDS = re.compile(r"[a-z]+")


def _may_be_political(text: str) -> bool:
    if "MP" in text or "PM" in text:
        return True
    lower = text.lower()
    return any(stem in lower for stem in _GATE_STEMS) or not _GATE_WORDS.isdisjoint(_WORDS.findall(lower))


class PoliticalCheck:
    category: ClassVar[str] = "political"

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        text = ctx.text
        hits: list[Hit] = []
        if not _may_be_political(text):
            return hits
        election = _ELECTION.search(text) is not None
        spans = list(sentence_spans(text))
        for i, (s, e) in enumerate(spans):
            sentence = text[s:e]
            how = _HOW_TO_VOTE.search(sentence)
            if how is None and (election or _PARTY_NAME_RE.search(sentence)):
                how = _HOW_TO_VOTE_ELECTION.search(sentence)
            if how is not None and _YOUR_CHOICE.search(sentence):
                how = None  # "put your cross next to the candidate of your choice"
            if _VOTE_PARTY.search(sentence) or how is not None or (election and _VOTE_FOR_NAME.search(sentence)):
                hits.append(Hit(self.category, "Tells people how to vote", s, e))
                continue
            before = text[spans[max(0, i - 2)][0]:s]
            if _BACK_MANIFESTO.search(sentence) and _PARTY_WORD.search(before + sentence):
                hits.append(Hit(self.category, "Backs a party's manifesto", s, e))
                continue
            endorse = _ENDORSE_VOICE.search(sentence)
            if endorse is not None and election and _endorses_candidate(endorse, sentence, before):
                hits.append(Hit(self.category, "Endorses a party or candidate", s, e))
                continue
            if _IDEOLOGY.search(sentence) and _AGAINST.search(sentence):
                hits.append(Hit(self.category, "Opposes an ideology", s, e))
                continue
            if _VOTERS.search(sentence) and _INSULT.search(sentence):
                hits.append(Hit(self.category, "Insults a party's voters", s, e))
                continue
            target = _PARTY.search(sentence) or _IDEOLOGY.search(sentence)
            cue = _ENDORSE.search(sentence)
            if cue is None:
                continue
            if target is None and _PRONOUN.search(sentence, cue.start(), cue.end() + 12) and not re.match(r"(?i)vote[sd]\b", cue.group()):
                # "...the Reform lot. Don't you dare vote for them": the party is in a sentence before.
                if _PARTY_NAME_RE.search(before):
                    hits.append(Hit(self.category, "Endorses or opposes a party, candidate or ideology, or says how to vote", s, e))
                continue
            if target is None:
                continue
            if _GENERIC_GOVERNMENT.match(target.group().strip()) and not re.search(r"(?i)\bvote\b|elect", cue.group()):
                # Criticising "the government" is commentary unless it says how to vote.
                continue
            between = sentence[min(target.end(), cue.start()):max(target.start(), cue.end())]
            if _POLICY_OBJECT.search(between) and not re.search(r"(?i)vote|elect|manifesto|\bwin\b|get\s+in\b|kick", sentence):
                continue
            hits.append(Hit(self.category, "Endorses or opposes a party, candidate or ideology, or says how to vote", s, e))
        return hits


_NOT_CANDIDATE = re.compile(
    r"(?i)^(?:the\s+)?(?:council|government|city|campaign|plan|youth|young|bristol|uk|nhs|our|this|that|these|it)\b"
    r"|(?i:\b(?:week|day|month|campaign|fund|trust|council|alliance|network|project|centre|center|manifesto|bill|act|plan|charter|"
    r"appeal|foundation|awards?|group|forum|partnership|strategy|pledge|scheme|society|association|union|university|college|"
    r"school|club|programme|festival|challenge|run|marathon|walk|service|services|coalition|commission|review)\b)"
)


def _endorses_candidate(m: re.Match[str], sentence: str, before: str) -> bool:
    """An endorsement whose object is a party, a candidate or a person named in an election post."""
    obj = m.group("obj")
    if obj is None:
        # "has our backing", "our vote goes to": a candidate or party must be in view.
        return bool(_PARTY_WORD.search(before + sentence) or re.search(r"(?i)\b(?:candidates?|MP|councillor|mayor)\b", before + sentence))
    if re.match(r"(?i)him|her|them|their|its|his", obj):
        return bool(_PARTY_WORD.search(before + sentence) or re.search(r"(?i)\bcandidates?\b", before + sentence))
    if _PARTY_WORD.fullmatch(obj) or _PARTY_WORD.match(obj):
        return True
    # A person's name: two or three capitalised words, not an organisation or a plan.
    return bool(re.fullmatch(r"[A-Z][a-z][\w'-]*(?:\s+[A-Z][\w'-]+){1,2}", obj)) and not _NOT_CANDIDATE.search(obj)
