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
