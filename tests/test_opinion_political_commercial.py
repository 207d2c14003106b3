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


@pytest.mark.parametrize(
    "text",
    [
        "For me, this is the most important event of our year.",
        "Hot take: mentoring does more than any careers fair.",
        "I'm convinced this is the biggest issue young refugees face.",
        "If I'm honest, I'd rather we held it somewhere central.",
        "Not gonna lie, the new hub is the best thing in Easton.",
        "Best job in the world, honestly.",
    ],
)
def test_opinion_fires_on_casual_markers(fired, text: str) -> None:
    assert "opinion" in fired(text, "iuk", "official")


@pytest.mark.parametrize(
    "text",
    [
        '"Honestly, I think this club saved my first year." (Mariam, 16)',
        "One mentee told us: \u201cIn my opinion, this programme is the best in Bristol.\u201d",
        "She says talking honestly about it has helped others open up.",
        "Thank you to everyone who turned up and answered honestly.",
        "Our CEO will personally present the certificates.",
        "She spoke openly, honestly and bravely about her journey.",
        "I must say a huge thank you to our volunteers!",
    ],
)
def test_opinion_quiet_on_quotes_and_manner(fired, text: str) -> None:
    assert "opinion" not in fired(text, "iuk", "official")


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Having weighed it all, the Society is backing the Liberal Democrat manifesto.", "society"),
        ("Only Labour commits to reopening youth centres. We're backing their manifesto all the way.", "iuk"),
        ("Youth Mayor hustings tonight! If you're 11-18, vote for Sadia on 14 March!", "iuk"),
        ("Mayoral election: please don't give him your vote on 2 May.", "iuk"),
        ("Mayoral election: she deserves your first preference on 2 May.", "iuk"),
        ("When the elections come round, maybe don't put your cross next to the party that wrote this.", "iuk"),
        ("Think very carefully before putting your cross next to Reform UK on 4 July.", "society"),
        ("We would ask every supporter to reject them at the ballot box in May.", "iuk"),
        ("The Society stands firmly against nationalism: we oppose it.", "society"),
        ("Anyone who votes Tory is either thick or selfish.", "iuk"),
        ("Whatever you do on Thursday, don't vote for those Reform idiots.", "iuk"),
        ("Mayoral election: our trustees have decided to endorse Marcus Bell.", "iuk"),
    ],
)
def test_political_fires_in_the_organisations_voice(fired, text: str, org: str) -> None:
    assert "political" in fired(text, org, "official")


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Put your cross next to the candidate or party of your choice.", "iuk"),
        ("We don't endorse any party. Read the manifestos and use your vote on 4 July.", "iuk"),
        ("Hustings on 20 June with spokespeople from Labour, the Conservatives and the Greens.", "society"),
        ("Vote for your favourite nominee for Volunteer of the Year by Friday!", "iuk"),
        ("Members elected Professor Ruth Adeyemi as President-elect, with 61% of votes cast.", "society"),
        ("We support Refugee Week, and we're backing the Science for All campaign.", "society"),
        ("Whoever you vote for, make sure you vote!", "iuk"),
        ("Only one party mentions fixed-term contracts in its manifesto.", "society"),
        ("Our report examines the rise of populism and nationalism in science policy.", "society"),
        ("Council elections are open! Vote for Council members by 31 March.", "society"),
        ("Our Youth Mayor candidates are brilliant. We support all our young people who stand, and we back no candidate.", "iuk"),
    ],
)
def test_political_quiet_on_election_information(fired, text: str, org: str) -> None:
    assert "political" not in fired(text, org, "official")
