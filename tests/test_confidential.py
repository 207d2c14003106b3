"""confidential: not public: marked, leaked from closed meetings, unannounced, internal proceedings, exams."""

import pytest

CONFIDENTIAL = [
    "CONFIDENTIAL: restructure plans for the faculty attached.",
    "Internal only - please don't share the new pay scales.",
    "Embargoed until 00:01 Thursday: our report finds rents up 30%.",
    "Not for circulation: minutes of the finance committee.",
    "Not public yet, but we are closing the Bristol office in March.",
    "Don't tell anyone but the VC is stepping down next month.",
    "From last night's closed board meeting: redundancies are coming.",
    "The disciplinary hearing for our lab manager is on Monday.",
    "Here are the exam questions for tomorrow's statistics paper.",
    "Draft: the provisional REF results put us 12th.",
]
PUBLIC = [
    "Our confidential helpline is open 24/7 for any student who needs it.",
    "The embargo has lifted: read our report on child poverty now.",
    "Our annual report is now published on the website.",
    "Tips for drafting a strong grant application.",
    "Proud of our team's work on the internal combustion engine history project.",
    "The tribunal judgment was published today and is on the court's website.",
]


@pytest.mark.parametrize("text", CONFIDENTIAL)
def test_fires(fired, text: str) -> None:
    assert "confidential" in fired(text, "lshtm", "personal")


@pytest.mark.parametrize("text", PUBLIC)
def test_quiet(fired, text: str) -> None:
    assert "confidential" not in fired(text, "lshtm", "personal")


# Not public, signalled in ordinary words: secrecy asked of the reader, announcements and
# approvals still to come, people not yet told, hints from an exam paper, a draft shared with partners.
CONFIDENTIAL_CASUAL = [
    "Please keep it under your hats until the AGM: subscriptions go up 12% next year.",
    "Between us, the budget going to Council includes a hiring freeze.",
    "The results aren't public and won't be until the trial ends, but the effect is huge.",
    "She hasn't been told the outcome yet, as the letter goes out next week.",
    "We got the grant! Please don't share this until the contract is signed.",
    "Colleagues in the programme team don't know yet.",
    "The Board agreed a 4.2% pay award, ahead of the formal announcement to staff.",
    "I've just signed off the paper for Tuesday's exam. Revise stereochemistry very carefully, hint hint.",
    "We shared the draft 2026 budget with our partners for comment before it goes to trustees.",
    "In closed session, Council agreed to sell the building.",
    "The shortlist for Dean is down to two. Don't breathe a word until it's official!",
    "Staff won't be told until next week, but the new pay scales start in August.",
    "Quick preview of tomorrow's exam: Question 4 is on Bayesian updating.",
    "Heard on the grapevine that the Finance Committee approved the new building.",
]
PUBLIC_MORE = [
    "Childline and Samaritans are free and confidential, 24/7.",
    "You can report a concern in confidence to safeguarding@ids.ac.uk.",
    "If you have not been notified by 1 December, please assume your application was unsuccessful.",
    "As always, we don't tell anyone who to vote for.",
    "Keep your account safe: don't tell anyone your password.",
    "Please do not forward them: the Zoom links are for registered delegates.",
    "Between us, we raised £48,000 for the appeal!",
    "Good luck with exams next week! If I were you I'd start with past papers.",
    "We'll announce the winners at the ceremony on Friday, so watch this space.",
    "Draft your CV with our mentors this Saturday.",
    "Our new paper on assessment is out; Question 3 of our survey asks how exams shape learning.",
    "Our draft strategy is out for public consultation: have your say by 31 March.",
    "The panel picks the winner on Friday, and we'll announce it on Monday.",
    "Please don't share your screen during the exam; invigilators will be watching.",
    "We keep all survey responses confidential and anonymous.",
    "Yet to be decided: the venue for next year's conference! Suggestions welcome.",
]


@pytest.mark.parametrize("text", CONFIDENTIAL_CASUAL)
def test_fires_on_casual_signals(fired, text: str) -> None:
    assert "confidential" in fired(text, "qmul", "personal")


@pytest.mark.parametrize("text", PUBLIC_MORE)
def test_quiet_on_public_and_services(fired, text: str) -> None:
    assert "confidential" not in fired(text, "qmul", "official")
