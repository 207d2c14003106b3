"""UK personal-data recognizers that presidio does not ship, in presidio's own form.

Most are PatternRecognizers (regex patterns plus context words); phone numbers come from
phonenumbers' own matcher and validity rules (UkPhoneRecognizer). The personal-data check
decides what counts; these only find candidates.
"""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import EntityRecognizer, LocalRecognizer, Pattern, PatternRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

_STREET_TYPES = (
    "Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Place|Pl|Crescent|Cres|Court|Ct|"
    "Gardens|Gdns|Grove|Terrace|Tce|Square|Sq|Hill|Row|Mews|Walk|Park|Parade|Rise|View|Green|Vale|Wharf"
)


# Words that make the number after them a reference, not a phone or card number: "quote
# reference 5225187734", "ISBN 978...", "grant 221303", "charity number 1156789". Searched
# in the few characters before a candidate.
REFERENCE_BEFORE = re.compile(
    r"(?i)\b(?:ref(?:erence)?|case|crime|incident|log|claim|complaint|order|invoice|ticket|booking|doi|isbn|issn|"
    r"pmid|orcid|grant|award|project|contract|tribunal|charity|company|registration|reg|registered|account|"
    r"policy|serial|licence|license|permit|membership|member|student|staff|candidate|application|id|"
    r"transaction|receipt|tracking|parcel|consignment|flight|vat|ucas|hesa|isrctn|nct|clinicaltrials\.gov)"
    r"(?:\s+(?:no\.?|number|num|ref|code|id))?(?:\s+(?:is|was))?\s*[:#.]?\s*$"
)

# Ofcom's ranges for drama and examples (national significant numbers): phonenumbers calls
# most of them invalid, but a post that gives one is giving a phone number.
_DRAMA_RANGES = (
    "7700900", "1632960", "2079460", "1134960", "1154960", "1174960", "1184960", "1214960",
    "1314960", "1414960", "1514960", "2890180", "2920180", "8081570", "9098790", "3069990",
)


class UkPhoneRecognizer(LocalRecognizer):
    """Phone numbers by phonenumbers' own matcher and validity rules, read as UK numbers.

    Candidates are what PhoneNumberMatcher finds with the GB region (national 0... numbers and
    any +country number); a candidate counts only when phonenumbers calls it valid or it is in
    one of Ofcom's drama ranges. Reference numbers, DOIs, ISBNs, grant numbers, date ranges and
    prices are not valid GB numbers, and digits inside a link or a DOI are skipped. Mobile
    numbers come out as UK_MOBILE, the rest as PHONE_NUMBER.
    """

    def __init__(self) -> None:
        super().__init__(supported_entities=["PHONE_NUMBER", "UK_MOBILE"], supported_language="en", name="UkPhoneRecognizer")

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None) -> list[RecognizerResult]:
        results = []
        for match in phonenumbers.PhoneNumberMatcher(text, "GB", leniency=phonenumbers.Leniency.POSSIBLE):
            number = match.number
            national = str(number.national_number)
            drama = number.country_code == 44 and national.startswith(_DRAMA_RANGES)
            if not (drama or phonenumbers.is_valid_number(number)):
                continue
            # Digits inside a link, a DOI or a file name ("doi.org/10.../0207...", "NIHR200908").
            before, after = text[max(0, match.start - 1):match.start], text[match.end:match.end + 1]
            if (before and (before.isalnum() or before in "/=-._#@&?+")) or (after and (after.isalnum() or after in "/@")):
                continue
            if REFERENCE_BEFORE.search(text[max(0, match.start - 40):match.start]):
                continue
            mobile = national.startswith("7") if number.country_code == 44 else (
                phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE
            )
            results.append(RecognizerResult("UK_MOBILE" if mobile else "PHONE_NUMBER", match.start, match.end, 0.7))
        return results


def uk_street_address_recognizer() -> PatternRecognizer:
    return PatternRecognizer(
        supported_entity="UK_STREET_ADDRESS",
        name="UkStreetAddressRecognizer",
        patterns=[
            Pattern(
                "house number and street",
                r"\b(?:(?:Flat|Apartment|Apt)\s+\d+[A-Za-z]?,?\s+)?\d{1,4}[A-Za-z]?,?\s+"
                r"(?:[A-Z][a-z']+\s+){1,3}(?:" + _STREET_TYPES + r")\b\.?"
                r"(?:,?\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
                r"(?:,?\s+[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2})?",
                0.6,
            ),
        ],
        context=["lives", "live", "address", "home", "house", "flat", "at"],
        # presidio's default flags ignore case; a street name is capitalised ("2027 entry will rise").
        global_regex_flags=re.DOTALL | re.MULTILINE,
    )


def sort_code_recognizer() -> PatternRecognizer:
    return PatternRecognizer(
        supported_entity="UK_SORT_CODE",
        name="UkSortCodeRecognizer",
        patterns=[Pattern("sort code", r"(?i:\bsort\s*code:?\s*)\d{2}[-\s]?\d{2}[-\s]?\d{2}\b", 0.8)],
        context=["sort", "account", "bank"],
    )


def bank_account_recognizer() -> PatternRecognizer:
    return PatternRecognizer(
        supported_entity="UK_BANK_ACCOUNT",
        name="UkBankAccountRecognizer",
        patterns=[Pattern(
            "account number",
            r"(?i:\b(?:account|acc(?:ount)?\s*no\.?|a/c)(?:\s+(?:number|no\.?|#))?:?\s*)\d{8}\b", 0.8,
        )],
        context=["account", "bank", "sort"],
    )


def student_number_recognizer() -> PatternRecognizer:
    return PatternRecognizer(
        supported_entity="STUDENT_NUMBER",
        name="StudentNumberRecognizer",
        patterns=[Pattern(
            "student or staff number",
            r"(?i:\b(?:student|staff|employee|matric(?:ulation)?|candidate|payroll)\s*"
            r"(?:no\.?|number|num|id|#)\s*(?:is\s*)?:?\s*)[A-Z]{0,2}\d{6,10}\b",
            0.8,
        )],
        context=["student", "staff", "employee"],
    )


def passport_number_recognizer() -> PatternRecognizer:
    # presidio's UK passport pattern needs two letters first; older UK passports are 9 digits.
    return PatternRecognizer(
        supported_entity="PASSPORT_NUMBER",
        name="PassportNumberRecognizer",
        patterns=[Pattern(
            "passport number", r"(?i:\bpassport\s*(?:no\.?|number|num|#)?\s*(?:is\s*)?:?\s*)(?:[A-Z]{2}\d{7}|\d{9})\b", 0.8,
        )],
        context=["passport"],
    )


_MONTHS = "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:" + _MONTHS + r")\s+\d{4}"
    r"|(?:" + _MONTHS + r")\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
)


def date_of_birth_recognizer() -> PatternRecognizer:
    return PatternRecognizer(
        supported_entity="DATE_OF_BIRTH",
        name="DateOfBirthRecognizer",
        patterns=[Pattern(
            "date of birth",
            r"(?i:\b(?:date\s+of\s+birth|d\.?o\.?b\.?|born(?:\s+on)?|birthday\s+is)\s*(?:is\s*)?:?\s*)" + _DATE,
            0.8,
        )],
        context=["born", "birth", "dob"],
    )


def birthday_date_recognizer() -> PatternRecognizer:
    """ "Happy birthday to Zoë, who turns 40 today (3 March 1985)": a birthday or an age, then a
    full date with its year. The check asks for a named person, as an organisation has birthdays too."""
    return PatternRecognizer(
        supported_entity="BIRTHDAY_DATE",
        name="BirthdayDateRecognizer",
        patterns=[Pattern(
            "birthday with the date",
            r"(?i:\b(?:birthday|turns\s+\d{1,3}|turned\s+\d{1,3})\b"
            r"(?:(?!\b(?:founded|opened|launched|established|since|anniversary)\b)[^.!?\n]){0,80}?)"
            r"(?<!\d)" + _DATE,
            0.8,
        )],
        context=["born", "birth", "birthday"],
    )


def specimen_nino_recognizer() -> PatternRecognizer:
    # presidio's NINO pattern rejects prefixes HMRC never issues, QQ among them; but QQ 12 34 56 C
    # is HMRC's own specimen and what people write when they share "his NI number". Any two
    # letters count here, and only when the post says it is an NI number (a low base score
    # that context words lift past the check's minimum).
    return PatternRecognizer(
        supported_entity="UK_NINO",
        name="SpecimenNinoRecognizer",
        patterns=[Pattern("NINO, any prefix", r"\b[A-Za-z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-Da-d]\b", 0.2)],
        context=["ni", "nino", "insurance"],
    )


def uk_custom_recognizers() -> list[EntityRecognizer]:
    return [
        UkPhoneRecognizer(),
        uk_street_address_recognizer(),
        sort_code_recognizer(),
        bank_account_recognizer(),
        student_number_recognizer(),
        passport_number_recognizer(),
        date_of_birth_recognizer(),
        birthday_date_recognizer(),
        specimen_nino_recognizer(),
    ]
