"""opinion (IUK 4.14), political (IUK 4.15, Society 6.c) and commercial (IDS 8.2, Society 6.f, IUK 4.10, LSHTM 3.9)."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "I think the council's youth budget is a joke.",
        "In my opinion this consultation was a waste of time.",
        "Honestly I can't stand these reports.",
        "IMO the new curriculum misses the point.",
    ],
)
def test_opinion_fires_on_iuk_official(fired, text: str) -> None:
    assert "opinion" in fired(text, "iuk", "official")


@pytest.mark.parametrize(
    ("text", "org", "account"),
    [
        ("We believe every young person deserves a voice.", "iuk", "official"),
        ("I think the council's youth budget is a joke.", "iuk", "personal"),
        ("I think the council's youth budget is a joke.", "society", "official"),
    ],
)
def test_opinion_quiet(fired, text: str, org: str, account: str) -> None:
    assert "opinion" not in fired(text, org, account)


@pytest.mark.parametrize(
    ("text", "org", "account"),
    [
        ("Vote Labour on Thursday!", "iuk", "official"),
        ("The Greens are the only party that takes young people seriously.", "society", "official"),
        ("Don't vote Reform, whatever you do.", "iuk", "official"),
        ("Socialism is the answer to the housing crisis.", "society", "official"),
        ("The Tories are liars and crooks.", "iuk", "official"),
        ("As an IUK youth worker I'm backing the Lib Dems this time.", "iuk", "personal"),
    ],
)
def test_political_fires(fired, text: str, org: str, account: str) -> None:
    assert "political" in fired(text, org, account)


@pytest.mark.parametrize(
    ("text", "org", "account"),
    [
        ("Register to vote by 16 June so your voice counts.", "iuk", "official"),
        ("A conservative estimate puts attendance at 500.", "iuk", "official"),
        ("New figures on the Labour market for young people.", "society", "official"),
        ("We're throwing a party to celebrate 10 years!", "iuk", "official"),
        ("Our response to the government's consultation on youth services.", "iuk", "official"),
        ("The government's housing policy is failing young renters.", "iuk", "official"),
        ("Knocking on doors for the Greens in Easton this weekend, come join!", "iuk", "personal"),
        ("Vote Labour on Thursday!", "lshtm", "personal"),
        ("Vote Labour on Thursday!", "qmul", "official"),
    ],
)
def test_political_quiet(fired, text: str, org: str, account: str) -> None:
    assert "political" not in fired(text, org, account)


@pytest.mark.parametrize(
    ("text", "org", "account"),
    [
        ("Get 20% off my coaching sessions with code GROW20", "ids", "personal"),
        ("Selling my old textbooks, £10 each, DM me", "ids", "personal"),
        ("Members save 25% on Apple laptops with this exclusive deal!", "society", "official"),
        ("Shop via our affiliate link and we earn a small commission", "iuk", "official"),
        ("Anyone want to buy my spare festival tickets?", "lshtm", "official"),
    ],
)
def test_commercial_fires(fired, text: str, org: str, account: str) -> None:
    assert "commercial" in fired(text, org, account)


@pytest.mark.parametrize(
    ("text", "org", "account"),
    [
        ("Book now for our summer school: places are limited.", "ids", "official"),
        ("Tickets for our annual conference are on sale now.", "society", "official"),
        ("Selling my old textbooks, £10 each, DM me", "qmul", "personal"),  # QMUL has no such rule
        ("Selling my old textbooks, £10 each, DM me", "lshtm", "personal"),  # LSHTM: official accounts only
        ("Our new course on data science starts in May.", "lshtm", "official"),
    ],
)
def test_commercial_quiet(fired, text: str, org: str, account: str) -> None:
    assert "commercial" not in fired(text, org, account)
