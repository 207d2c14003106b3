"""UK personal-data recognizers that presidio does not ship, in presidio's own form.

Each is a PatternRecognizer: regex patterns plus context words. The personal-data check
decides what counts; these only find candidates.
"""

from __future__ import annotations

from presidio_analyzer import Pattern, PatternRecognizer

_STREET_TYPES = (
    "Street|St|Road|Rd|Lane|Ln|Avenue|Ave|Close|Drive|Dr|Way|Place|Pl|Crescent|Cres|Court|Ct|"
    "Gardens|Gdns|Grove|Terrace|Tce|Square|Sq|Hill|Row|Mews|Walk|Park|Parade|Rise|View|Green|Vale|Wharf"
)


def uk_mobile_recognizer() -> PatternRecognizer:
    # phonenumbers rejects Ofcom's drama range (07700 900xxx) as invalid, but a post that
    # gives one is still giving a mobile number; this matches every 07 mobile shape.
    return PatternRecognizer(
        supported_entity="UK_MOBILE",
        name="UkMobileRecognizer",
        patterns=[Pattern("UK mobile", r"(?<![\d+])(?:\+44\s?\(?0?\)?\s?7\d{3}|\(?07\d{3}\)?)[\s-]?\d{3}[\s-]?\d{3}(?!\d)", 0.7)],
        context=["mobile", "phone", "number", "call", "text", "ring", "whatsapp"],
    )


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


def date_of_birth_recognizer() -> PatternRecognizer:
    months = "Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    date = (
        r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
        r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:" + months + r")\s+\d{4}"
        r"|(?:" + months + r")\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
    )
    return PatternRecognizer(
        supported_entity="DATE_OF_BIRTH",
        name="DateOfBirthRecognizer",
        patterns=[Pattern(
            "date of birth",
            r"(?i:\b(?:date\s+of\s+birth|d\.?o\.?b\.?|born(?:\s+on)?|birthday\s+is)\s*(?:is\s*)?:?\s*)" + date,
            0.8,
        )],
        context=["born", "birth", "dob"],
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


def uk_custom_recognizers() -> list[PatternRecognizer]:
    return [
        uk_mobile_recognizer(),
        uk_street_address_recognizer(),
        sort_code_recognizer(),
        bank_account_recognizer(),
        student_number_recognizer(),
        passport_number_recognizer(),
        date_of_birth_recognizer(),
        specimen_nino_recognizer(),
    ]
