"""toxicity: insults, harassment, threats, demeaning or discriminatory statements about a
person or a group, slurs, and sexually explicit content.

Two parts, each with its own message so the user sees why:
- rules over lexicons, with exact spans: an insult must be aimed at a person or a group (so
  "this bug is killing me", "smashed it" and firm criticism of work stay quiet), a threat needs
  a person as its object, a generalisation needs a protected group as its subject;
- the on-device model (`clearpost.toxicity_model`), fine-tuned on real tweets, for abuse the
  rules have no words for. It scores the post in chunks of sentences; a chunk the rules have
  already marked is not reported twice.
"""

from __future__ import annotations

import re
from typing import ClassVar

from clearpost.checks.base import CheckContext
from clearpost.checks.profanity import TOKEN, Lexicon, Swearing
from clearpost.findings import Hit
from clearpost.text import load_lexicon, sentence_spans, words_regex
from clearpost.toxicity_model import ChunkScores, ToxicityModel

_PERSON_WORDS = [
    "he", "she", "they", "him", "her", "them", "you", "ya", "u", "anyone", "anybody", "everyone",
    "everybody", "someone", "somebody", "whoever", "people", "person", "guy", "guys", "man", "woman",
    "bloke", "lad", "girl", "boy", "kid", "fella", "dude", "chap", "lady", "reviewer", "reviewers",
    "colleague", "colleagues", "boss", "manager", "chair", "chairman", "chairwoman", "ceo", "director",
    "head", "dean", "professor", "prof", "lecturer", "lecturers", "student", "students", "staff",
    "trustee", "trustees", "member", "members", "mp", "mps", "councillor", "minister", "politician",
    "politicians", "author", "authors", "editor", "referee", "supervisor", "examiner", "researcher",
    "researchers", "academic", "academics", "troll", "commenter", "critics", "team", "idiot", "fool",
    "hack", "hacks", "candidate", "voters", "tutor", "teacher", "teachers", "nurse", "doctor", "journalist",
]
_SELF_LEAD = re.compile(
    r"(?i)\b(?:i'm|im|i\s+am|i\s+was|i've\s+been|i\s+feel|i\s+felt|i\s+look|me|myself|am\s+i)\s+(?:\S+\s+){0,2}$"
)


def _about_self(prefix: str) -> bool:
    """True when the insult's subject is the author: "I'm such an idiot", "I feel so stupid"."""
    return _SELF_LEAD.search(prefix + " ") is not None

_SLUR_HIT = "A slur against a protected group"
_INSULT_HIT = "An insult aimed at a person"
_GROUP_HIT = "A demeaning generalisation about a protected group"
_THREAT_HIT = "A threat of violence against a person"
_SEXUAL_HIT = "Sexually explicit content"
_MODEL_HATE_HIT = "Reads as hateful towards a group of people (Clearpost's on-device model)"
_MODEL_ABUSE_HIT = "Reads as abusive, insulting or demeaning (Clearpost's on-device model)"
# The names of the model's thresholds in models/toxicity.json's "check_thresholds".
THRESHOLD_NAMES = ("offensive", "hate")
# Words that say an insult's target; the insults themselves ("idiot") are not targets.
_NOT_TARGETS = {"they", "them", "people", "team", "idiot", "fool", "hack", "hacks", "troll"}

_THREAT = re.compile(
    r"(?i)\b(?:i(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to|\s+am\s+gonna|'m\s+gonna|\s+wanna|\s+want\s+to)"
    r"|we(?:'ll|\s+will|'re\s+going\s+to|\s+are\s+going\s+to)|someone\s+(?:should|needs\s+to)|somebody\s+should"
    r"|gonna)\s+(?:\w+\s+){0,2}?"
    r"(?:kill|murder|stab|shoot|punch|hit|hurt|beat|batter|deck|smash|break|strangle|slap|kick|burn|rape|"
    r"knock\s+out|beat\s+up|glass|bottle|end)\s+(?:\w+\s+){0,1}?"
    r"(?:him|her|them|you|ya|his|her|their|your|that|this|the|those|these|every|each|some)\b(?!\s+(?:bug|code|deadline|exam|test|record|target|goal|grant|presentation|project|paper|task|it)\b)"
    r"|\b(?:should|deserves?\s+to|ought\s+to|needs?\s+to|hope\s+(?:he|she|they|you))\s+(?:be\s+)?(?:shot|hanged|hung|killed|die|dies|burn|burned|stabbed|beaten|raped|lynched|gassed|strung\s+up)\b"
    r"|\b(?:he's|she's|they're|you're|he\s+is|she\s+is|they\s+are|you\s+are)\s+(?:getting|gonna\s+get|going\s+to\s+get|in\s+for)\s+(?:a\s+)?"
    r"(?:slap|smack|kicking|beating|battering|punch|hiding|good\s+hiding|knife|bullet)\b"
    r"|\bi(?:'ll|\s+will)\s+find\s+you\b|\b(?:make\s+you|you'll|you\s+will)\s+(?:pay|regret)\b"
    r"|\b(?:watch\s+your\s+back|i\s+know\s+where\s+you\s+live|you(?:'re|\s+are)\s+dead|kill\s+yourself|kys)\b"
)
_GENERALISATION = re.compile(
    r"(?i)^(?:all\s+|most\s+|these\s+|those\s+|the\s+|typical\s+|bloody\s+)?(?P<group>GROUPS)(?:\s+\w+){0,2}?\s+"
    r"(?:are|is|were|should|shouldn't|should\s+not|can't|cannot|can\s+never|don't|do\s+not|never|always|just|only|belong|need\s+to|have\s+no|deserve)\b"
    r"(?:\s+\w+){0,4}?\s+"
    r"(?P<trait>emotional|hysterical|irrational|inferior|stupid|lazy|criminals?|dangerous|terrorists?|thieves|"
    r"stealing|steal|scroungers?|parasites?|dirty|disgusting|animals|vermin|a\s+burden|burden|a\s+drain|drain|"
    r"invading|flooding|ruining|destroying|taking\s+our|go\s+back|be\s+allowed|belong|be\s+trusted|"
    r"lead|drive|do\s+maths|do\s+science|be\s+leaders|weak|useless|worthless|a\s+disease|diseased|sick|"
    r"not\s+real|freaks|perverts|groomers|too\s+old|past\s+it|too\s+slow|liabilit(?:y|ies)|subhuman|evil|backward|primitive|"
    r"dead\s+weight|be\s+(?:promoted|hired|employed|appointed|admitted))\b"
)
# "Jews control the media", "never hire women": tropes and exclusion aimed at a group.
_GROUP_ACTION = re.compile(
    r"(?i)^(?:all\s+|most\s+|these\s+|those\s+|the\s+)?(?P<group>GROUPS)\s+(?:\w+\s+){0,1}?"
    r"(?:control|run|own|are\s+taking\s+over|breed|rape|steal|sponge|scrounge|invade|infest|"
    r"should\s+(?:be\s+)?(?:deported|sent\s+back|banned|removed|locked\s+up|sterili[sz]ed|shot|go\s+home)|"
    r"are\s+all\s+the\s+same|ruin|destroy|smell|stink)\b"
)
# Phrases that are demeaning whoever they name: xenophobic tropes, "she only got the job because she's black".
_TROPE = re.compile(
    r"(?i)\bgo\s+back\s+to\s+(?:where\s+(?:you|they)\s+came\s+from|your\s+own\s+country|their\s+own\s+country)"
    r"|\bcome\s+over\s+here\s+and\b|\blive\s+off\s+(?:our\s+)?benefits\b|\btaking\s+our\s+jobs\b|\bnot\s+(?:a\s+)?real\s+(?:British|English|man|woman|women|men)\b"
    r"|\bonly\s+(?:got|gets|get|was\s+given|were\s+given|won|was\s+hired|hired|promoted|was\s+promoted)\b[^.!?]{0,40}\bbecause\s+(?:she|he|they)(?:'s|'re|\s+is|\s+are)\s+"
    r"(?:a\s+)?(?:black|brown|asian|a\s+woman|female|a\s+girl|gay|disabled|trans|muslim|jewish|foreign|an\s+immigrant|old|young|pregnant)\b"
    r"|\btypical\s+(?:woman|women|female|girl|immigrant|foreigner|muslim|jew|gay|pensioner|boomer|old\s+(?:man|woman|git))\b"
    r"|\b(?:anyone|everyone|people|staff|those|women|men)\s+(?:over|above)\s+\d{2}\s+(?:should|must|needs?\s+to)\s+(?:just\s+)?(?:retire|go|step\s+down|be\s+(?:sacked|fired|replaced|put\s+out|forced\s+out|pushed\s+out|got\s+rid\s+of|made\s+redundant))\b"
)
_EXCLUSION = re.compile(
    r"(?i)\b(?:never|don't|do\s+not|shouldn't|should\s+not|stop|why\s+(?:do|would|should)\s+(?:we|you|anyone|they)\s+(?:even\s+)?)"
    r"\s*(?:hire|employ|promote|appoint|trust|rent\s+to|admit|let\s+in|serve|date|vote\s+for)\s+(?:any\s+|more\s+)?(?P<group>GROUPS)\b"
)
# Figures of speech the model reads as violence or abuse: a violent verb whose object is "it"
# (the task, the talk, the match: "you killed it", "smashed it"), and praise nouns "on the
# court", "in the lab". They are blanked in what the model sees; the threat rule still reads
# the original text, so "I'll kill him" is unaffected.
_FIGURATIVE = re.compile(
    r"(?i)\b(?:kill|killed|killing|kills|smash|smashed|smashing|crush|crushed|crushing|nail|nailed|nailing|"
    r"slay|slayed|slaying|slays|murder|murdered|murdering|destroy|destroyed|destroying|rock|rocked|rocking|"
    r"own|owned|owning|boss|bossed|bossing|ace|aced|hammer|hammered|smack|smacked)(?=\s+it\b)"
    r"|\b(?:monster|beast|machine|animal|savage|legend|genius)(?=\s+(?:on|in|at)\s+the\s+\w+)"
)
# Reporting on abuse or condemning it, which the policies allow and the model misreads (it
# scored "Sickened by the homophobic abuse our students received" 0.88). A chunk framed so is
# left to the rules, which still catch a slur or an insult inside it.
_REPORTING = re.compile(
    r"(?i)\b(?:condemn\w*|sicken(?:ed|ing)|appall?(?:ed|ing)|horrified|disgusted\s+(?:by|at)|"
    r"stand(?:s|ing)?\s+(?:against|with|in\s+solidarity)|no\s+place\s+(?:for|here|in|on)|hate\s+crimes?|victims?\s+of|"
    r"(?:racist|racial|homophobic|transphobic|sexist|misogynistic|misogynist|antisemitic|anti-semitic|islamophobic|ableist|"
    r"xenophobic|hateful|online|verbal)\s+(?:abuse|attacks?|comments?|remarks?|messages?|chants?|chanting|graffiti|"
    r"incidents?|slurs?|harassment|trolling))\b"
)
_SEXUAL = words_regex([
    "porn", "porno", "pornography", "pornographic", "nudes", "send nudes", "sex tape", "blowjob",
    "blow job", "handjob", "cumshot", "gangbang", "xxx", "horny", "milf", "dildo", "orgasm", "jerk off",
    "jerking off", "wank off", "naked pics", "nude pics", "onlyfans", "deepthroat",
])


class ToxicityCheck:
    category: ClassVar[str] = "toxicity"

    def __init__(self, model: ToxicityModel | None = None, *, model_threads: int | None = None) -> None:
        self.model = model or ToxicityModel(threads=model_threads)
        # A chunk is abuse when its `offensive` score reaches its threshold and it is addressed
        # to or about a person or group (@mention, you, she, a person or group word): abuse needs
        # a target, so "Stupid o'clock start", "this is war" and "I'm such an idiot" stay quiet.
        # Or when `hate` reaches its threshold. `clearpost tweeteval --calibrate` chooses both on val.
        configured = self.model.meta.get("check_thresholds") or {}
        self.thresholds: dict[str, float] = {name: float(configured.get(name, self.model.thresholds[name])) for name in THRESHOLD_NAMES}
        self._slurs = Lexicon(load_lexicon("slurs"))
        insults = load_lexicon("insults")
        self._insult_nouns = Lexicon([w for w in insults if " " not in w])
        self._swearing = Swearing()
        self._insult_phrases = words_regex([w for w in insults if " " in w])
        self._insult_nouns_re = words_regex([w.rstrip("*") + ("\\w*" if w.endswith("*") else "") for w in insults if " " not in w])
        adjectives = load_lexicon("insulting-adjectives")
        adj = "|".join(sorted({re.escape(a) for a in adjectives}, key=len, reverse=True))
        person = "|".join(re.escape(p) for p in _PERSON_WORDS)
        noun = r"(?:" + person + "|" + "|".join(
            re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in insults if " " not in w
        ) + ")"
        # ADJ (ADJ)* NOUN: "ugly fat guy", "senile old fool", "clueless hack", "lazy idiot".
        self._adj_noun = re.compile(
            r"(?i)\b(?:" + adj + r")(?:,?\s+(?:old|little|fat|ugly|" + adj + r"))*\s+" + noun + r"\b"
        )
        # PERSON is/are (so|too|...) ADJ: "anyone who disagrees ... is simply too stupid".
        self._predicated = re.compile(
            r"(?i)\b(?:is|are|was|were|'s|'re|being|look(?:s)?|sound(?:s)?)\s+(?:\w+\s+){0,2}?"
            r"(?:so\s+|too\s+|such\s+|just\s+|really\s+|completely\s+|totally\s+|utterly\s+|an?\s+)*(?P<adj>" + adj + r")\b"
        )
        self._person_subject = words_regex(_PERSON_WORDS)
        others = load_lexicon("other-groups")
        self._target = re.compile(
            r"(?i)(?<![\w@])@\w+|\b(?:you|your|yours|yourself|yourselves|ya|u|ur|he|she|him|his|her|hers|himself|herself|"
            + "|".join(re.escape(w) for w in _PERSON_WORDS if w not in _NOT_TARGETS) + "|"
            + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(others, key=len, reverse=True)) + r")\b"
        )
        self._name_subject = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\b")
        # "is a/an (total|complete) NOUN", "you NOUN", "what a NOUN", "bunch of NOUNs"
        self._insult_frame = re.compile(
            r"(?i)\b(?:is|are|was|were|'s|'re|you|you're|ur|what|such|total|complete|utter|absolute|bunch\s+of|load\s+of|pack\s+of|"
            r"that|this|those|these|stupid|bloody|fucking|useless)\s+(?=(?:an?\s+)?(?P<tail>[\w-]+(?:\s+[\w-]+){0,2}))"
        )
        groups = load_lexicon("protected-groups")
        group_alt = "|".join(re.escape(g).replace(r"\ ", r"\s+") for g in sorted(groups, key=len, reverse=True))

        def with_groups(template: re.Pattern[str]) -> re.Pattern[str]:
            return re.compile(template.pattern.replace("GROUPS", group_alt), template.flags)

        self._generalisation = with_groups(_GENERALISATION)
        self._group_action = with_groups(_GROUP_ACTION)
        self._exclusion = with_groups(_EXCLUSION)
        self._group_anywhere = re.compile(r"(?i)\b(?:" + group_alt + r")\b")

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        text = ctx.text
        hits: list[Hit] = []
        for m in re.finditer(r"[\w*@$!]+", text):
            if self._slurs.matches(m.group()):
                hits.append(Hit(self.category, _SLUR_HIT, m.start(), m.end()))
        for m in _THREAT.finditer(text):
            hits.append(Hit(self.category, _THREAT_HIT, m.start(), m.end()))
        for m in _SEXUAL.finditer(text):
            hits.append(Hit(self.category, _SEXUAL_HIT, m.start(), m.end()))
        for s, e in sentence_spans(text):
            hits.extend(self._sentence_hits(text, s, e))
        hits.extend(self._model_hits(text, hits))
        return hits

    def _without_swearing(self, text: str) -> str:
        """Swear words that are not insults, blanked to x's of the same length (offsets hold).

        The training data counts plain swearing as offensive, so "what a shit week" scores high;
        swearing is the profanity check's business, with its own clause. Insulting nouns
        ("twat", "bastard") stay for the model to judge.
        """
        def blank(m: re.Match[str]) -> str:
            token = m.group()
            return "x" * len(token) if self._swearing.matches(token) and not self._insult_nouns.matches(token) else token

        return TOKEN.sub(blank, text)

    def _model_view(self, text: str) -> str:
        """What the model is shown: swearing and figures of speech blanked, offsets kept."""
        return _FIGURATIVE.sub(lambda m: "x" * len(m.group()), self._without_swearing(text))

    def model_scores(self, text: str) -> list[tuple[ChunkScores, bool]]:
        """The model's scores for each chunk it judges, with whether the chunk addresses a person
        or group. A chunk that reports or condemns abuse is left to the rules."""
        return [(chunk, self.addressed(text[chunk.start:chunk.end])) for chunk in self.model.score_post(self._model_view(text))
                if not _REPORTING.search(text, chunk.start, chunk.end)]

    def addressed(self, text: str) -> bool:
        """Whether a chunk is about people: a mention, a pronoun, a person word or a group.

        A name alone does not count: "Congratulations to Maya Patel, who absolutely killed it"
        and "Ronaldo is a machine" are praise the model misreads, and names are everywhere in
        staff posts."""
        return self._target.search(text) is not None or self._group_anywhere.search(text) is not None

    def model_flags(self, scores: ChunkScores, addressed: bool) -> str | None:
        """What the model's scores for one chunk amount to: a hit's message, or None."""
        if scores.scores["hate"] >= self.thresholds["hate"]:
            return _MODEL_HATE_HIT
        if addressed and scores.scores["offensive"] >= self.thresholds["offensive"]:
            return _MODEL_ABUSE_HIT
        return None

    def _model_hits(self, text: str, rule_hits: list[Hit]) -> list[Hit]:
        if all(t > 1.0 for t in self.thresholds.values()):
            return []  # no probability can reach them: the model is switched off (`clearpost tweeteval`)
        hits = []
        for chunk, addressed in self.model_scores(text):
            if any(h.start is not None and h.end is not None and h.start < chunk.end and chunk.start < h.end for h in rule_hits):
                continue
            what = self.model_flags(chunk, addressed)
            if what is not None:
                start, end = _trimmed(text, chunk.start, chunk.end)
                hits.append(Hit(self.category, what, start, end))
        return hits

    def _framed_insult(self, clause: str) -> tuple[int, int] | None:
        """An insulting noun within three words of a frame such as "is a", "you", "what a"."""
        for f in self._insult_frame.finditer(clause):
            for w in re.finditer(r"\w+", f.group("tail")):
                if self._insult_nouns.matches(w.group()):
                    start = f.start("tail") + w.start()
                    if not _about_self(clause[:start]):
                        return start, start + len(w.group())
        return None

    def _sentence_hits(self, text: str, s: int, e: int) -> list[Hit]:
        sentence = text[s:e]
        hits: list[Hit] = []
        for clause_start, clause in _clauses(sentence):
            base = s + clause_start
            x = self._exclusion.search(clause) or self._group_action.search(clause.lstrip()) or _TROPE.search(clause)
            if x is not None:
                hits.append(Hit(self.category, _GROUP_HIT, base + x.start(), base + x.end()))
                continue
            g = self._generalisation.search(clause)
            if g is None:
                # "Female surgeons are too emotional", "Foreign students are stealing places".
                lead = self._group_anywhere.search(clause)
                if lead and lead.start() < 25:
                    g = self._generalisation.search(clause[lead.start():])
                    if g is not None:
                        hits.append(Hit(self.category, _GROUP_HIT, base + lead.start(), base + len(clause)))
                        continue
            else:
                hits.append(Hit(self.category, _GROUP_HIT, base + g.start(), base + g.end()))
                continue
            m = self._adj_noun.search(clause)
            if m and not _about_self(clause[: m.start()]):
                hits.append(Hit(self.category, _INSULT_HIT, base + m.start(), base + m.end()))
                continue
            m = self._insult_phrases.search(clause)
            if m:
                hits.append(Hit(self.category, _INSULT_HIT, base + m.start(), base + m.end()))
                continue
            insult = self._framed_insult(clause)
            if insult is not None:
                hits.append(Hit(self.category, _INSULT_HIT, base + insult[0], base + insult[1]))
            else:
                p = self._predicated.search(clause)
                if p:
                    subject = clause[: p.start()]
                    if (self._person_subject.search(subject) or self._name_subject.search(subject[1:])) and not _about_self(subject):
                        hits.append(Hit(self.category, _INSULT_HIT, base + p.start("adj"), base + p.end("adj")))
        return hits


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _clauses(sentence: str) -> list[tuple[int, str]]:
    """Split a sentence at clause punctuation and 'but'/'and so', keeping offsets."""
    out: list[tuple[int, str]] = []
    start = 0
    for m in re.finditer(r"\s*(?:[;:,\u2013\u2014]|\s-\s|\bbut\b)\s*", sentence):
        if m.start() > start:
            out.append((start, sentence[start:m.start()]))
        start = m.end()
    if start < len(sentence):
        out.append((start, sentence[start:]))
    return out
