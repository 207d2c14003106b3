"""personal-data: another person's contact details, IDs, bank details, address, DOB or health facts."""

import pytest

from clearpost import Draft, builtin_pack
from clearpost.checks import CheckContext
from clearpost.checks.personal_data import PersonalDataCheck


@pytest.fixture(scope="module")
def check() -> PersonalDataCheck:
    return PersonalDataCheck()


def spans(check: PersonalDataCheck, text: str, org: str = "iuk") -> list[str]:
    return [text[h.start:h.end] for h in check.analyze(CheckContext.build(Draft(text), builtin_pack(org)))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Another person's phone, drama range included (phonenumbers calls it invalid).
        ("Her mobile is 07700 900982 if you need her.", "07700 900982"),
        ("Ring Tom on +44 7911 123456 about the keys", "+44 7911 123456"),
        ("Her landline is 020 7946 0958", "020 7946 0958"),
        # A named colleague's email, work address included.
        ("Contact Ben Carter on ben.carter2001@hotmail.com for details", "ben.carter2001@hotmail.com"),
        ("Slides from jane.smith@lshtm.ac.uk are great", "jane.smith@lshtm.ac.uk"),
        # Home address with house number and postcode.
        ("Mr Alan Grey of 5 Hanbury Street, London E1 6QR, dropped out", "5 Hanbury Street, London E1 6QR"),
        ("She lives at Flat 2, 14 Cotham Road, Bristol", "Flat 2, 14 Cotham Road, Bristol"),
        # ID numbers.
        ("Her NI number is AB 12 34 56 C", "AB 12 34 56 C"),
        # HMRC's specimen prefix, which presidio's pattern refuses: counted when called an NI number.
        ("Tom Hughes's NI number is QQ 12 34 56 C, can someone sort his payroll?", "QQ 12 34 56 C"),
        ("NHS number 943 476 5919 for the referral", "943 476 5919"),
        ("My tutee Aisha (student no. 190876543) failed her resit", "student no. 190876543"),
        ("passport number 123456789 for Mr Lee's visa", None),
        # Bank details.
        ("Refund to Robert Lane, sort code 20-00-00 account 12345678", "sort code 20-00-00"),
        ("Card 4111 1111 1111 1111 for the booking", "4111 1111 1111 1111"),
        # Date of birth.
        ("Sarah's date of birth is 12/03/1990", "date of birth is 12/03/1990"),
        # Health tied to a named person.
        ("Our colleague Sam Patel was diagnosed with cancer last week", "diagnosed with"),
    ],
)
def test_fires(check: PersonalDataCheck, text: str, expected: str | None) -> None:
    found = spans(check, text)
    assert found, f"expected personal data in {text!r}"
    if expected is not None:
        assert expected in found


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Huge thanks to Nadia Rahman for organising the workshop.", "iuk"),  # a name alone
        ("Join Dr Tedros Adhanom Ghebreyesus for a live Q&A.", "lshtm"),  # a public figure
        ("Press enquiries: please contact communications@ids.ac.uk", "ids"),  # generic mailbox
        ("Shared inbox: events@qmul.ac.uk", "qmul"),
        ("Visit us at Mile End Road, London E1 4NS for our open day.", "qmul"),  # campus address
        ("Call me on 07700 900123 if you want to chat.", "iuk"),  # the author's own number
        ("Email me at sam.jones@gmail.com with questions", "iuk"),
        ("I was diagnosed with ADHD at 30 and it changed everything.", "iuk"),  # own health
        ("In 2023 we ran 120 workshops for 4,500 young people.", "iuk"),  # numbers are not IDs
        ("Our stall is in BS5 this weekend!", "iuk"),  # a postcode district alone
        ("Reading bell hooks on a rainy afternoon.", "iuk"),
        ("Order ref QQ 12 34 56 C has shipped.", "iuk"),  # NI-shaped, but nobody says it is one
        ("My NI number is QQ 12 34 56 C", "iuk"),  # the author's own
    ],
)
def test_quiet(check: PersonalDataCheck, text: str, org: str) -> None:
    assert spans(check, text, org) == []
