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
        ("Sending love to Professor Dafydd Rees, who is in hospital recovering from a stroke.", "in hospital"),
        ("Kemi Adebayo ran the whole audit between her dialysis sessions.", "dialysis"),
        ("Dr Owain Llewellyn has missed four meetings and is apparently off with stress again.", "off with stress"),
        ("Get well soon, Mohammed! Our caretaker has been in hospital with pneumonia.", "in hospital"),
        ("Wishing a speedy recovery to our Head of Estates, Gareth Lewis, after his knee operation.", "operation"),
        # A colleague's address at the organisation's own domain: first.last, initial.surname, or tied to a name.
        ("Schools can contact Tomasz Zielinski directly at tomasz.zielinski@qmul.ac.uk.", "tomasz.zielinski@qmul.ac.uk"),
        ("Our colleague Dr Amara Diallo is collecting case studies. Send yours to adiallo@lshtm.ac.uk", "adiallo@lshtm.ac.uk"),
        ("Welcome Gabriela, our new Family Support Worker! Families can reach her on gabriela@integrateuk.org.", None),
        # A named person's mobile, even next to the press office's number.
        ("Call the press office on 020 7946 0120 or Dr Marco Ferraro's mobile, 07700 900742.", "07700 900742"),
        ("Text Kwame on 07700900561 about the football.", "07700900561"),
        # A birthday with its full date, tied to a named person.
        ("Happy birthday to our lab manager Zoë Hartley, who turns 40 today (3 March 1985)!", None),
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
        # The organisation's mailboxes at its own domain, whatever the local part.
        ("Questions for the research team: sauti-trial@lshtm.ac.uk", "lshtm"),
        ("Applicants should send a concept note to pisc.writeshop@ids.ac.uk by Friday.", "ids"),
        ("Questions about the role to Dr Emily Roberts's assistant at healthcluster@ids.ac.uk.", "ids"),
        # Its numbers, presented as an office, a helpline, reception or a team.
        ("Media: Queen Mary press office, 020 7946 0120", "qmul"),
        ("Call the Society office on 01632 960 214, Monday to Friday.", "society"),
        ("Out of hours, call the duty press officer on 07700 900311.", "lshtm"),
        ("📧 hello@integrateuk.org | ☎️ 0117 496 0250", "iuk"),
        # The author's own, chained: "contact me at X or on Y".
        ("Informal enquiries welcome: contact me at r.hollingsworth@qmul.ac.uk or on 020 7946 0577.", "qmul"),
        ("You can reach me at a.nwachukwu@qmul.ac.uk or on my office line, 020 7946 0583.", "qmul"),
        # References, DOIs, ISBNs, grants, company numbers and date ranges are not phone numbers.
        ("Please call 101 quoting crime reference 5225187734.", "iuk"),
        ("DOI: 10.1016/S1473-3099(25)00412-7. Funded by Wellcome (221303/Z/20/Z) and NIHR (NIHR200908).", "lshtm"),
        ("ISBN 978-1-78853-112-4, paperback £24.95. Registered charity number 1098765. Company number 04561234.", "ids"),
        ("Grant MR/Y008412/1 (£1,243,567) renewed for 2026–2029; PMID 38912345.", "lshtm"),
        # Conditions in research, services and names: no named person holds them.
        ("Adults who slept under six hours had a 20% higher risk of dementia, in a study led by Professor Maria Santos.", "lshtm"),
        ("The HIV Prevention Trials Network has chosen Dr Nomvula Dlamini to lead its new study.", "lshtm"),
        ("Congratulations to Professor Daniel Whitfield, new editor of the journal Epilepsy Research.", "qmul"),
        ("Disability and Dyslexia Service: dds@qmul.ac.uk", "qmul"),
        ("Sarah Jenkins from Mind will talk about support for refugees with PTSD and depression.", "iuk"),
        # The organisation's own bank details and birthday; a venue's street address.
        ("Donate by bank transfer to IntegrateUK, sort code 40-11-62, account 71234567.", "iuk"),
        ("Happy 126th birthday to LSHTM! The School was founded on 2 October 1899.", "lshtm"),
        ("Join us for the unveiling of a blue plaque to Dr Elizabeth Garrett Anderson at 20 Upper Berkeley Street.", "qmul"),
    ],
)
def test_quiet(check: PersonalDataCheck, text: str, org: str) -> None:
    assert spans(check, text, org) == []
