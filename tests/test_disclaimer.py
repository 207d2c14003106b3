"""disclaimer: a personal account names the organisation without a personal-capacity disclaimer."""

import pytest

from clearpost import Draft, builtin_pack


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("Great to present our work at IDS today.", "ids"),
        ("Loving my new job at the Institute of Development Studies!", "ids"),
        ("Proud of the young people at Integrate UK", "iuk"),
        ("Thanks @IntegrateUK for a brilliant panel", "iuk"),
        ("Elected to the Society council this week!", "society"),
        ("Our session at the Society conference was packed", "society"),
        ("I'm speaking for the Society at the hustings tonight", "society"),
        ("Thanks to the Society for the prize, not for the first time!", "society"),
    ],
)
def test_fires(fired, text: str, org: str) -> None:
    assert "disclaimer" in fired(text, org, "personal")


@pytest.mark.parametrize(
    ("text", "org", "account"),
    [
        ("Great to present our work at IDS today. Views my own.", "ids", "personal"),
        ("Proud of IUK. Speaking in a personal capacity.", "iuk", "personal"),
        ("Elected to the Society council! Opinions are my own.", "society", "personal"),
        ("Judging the Society's poster prize today. (Speaking personally, not for the Society!)", "society", "personal"),
        ("Speaking only for myself and not for the Society: I'm voting early.", "society", "personal"),
        ("Proud of IUK's youth panel. Views entirely my own.", "iuk", "personal"),
        ("The Society welcomes its new president.", "society", "official"),  # official accounts
        ("Excited to start at LSHTM next month", "lshtm", "personal"),  # pack without the rule
        ("Proud to work at Queen Mary", "qmul", "personal"),
        ("Society is changing fast, and research must keep up.", "iuk", "personal"),  # not this org
        ("Our chair gave a great speech at the AGM", "society", "personal"),  # indirect: info only
        ("ids and tokens in the database", "ids", "personal"),  # lower-case is not the acronym
    ],
)
def test_quiet(fired, text: str, org: str, account: str) -> None:
    assert "disclaimer" not in fired(text, org, account)


def test_profile_disclaimer_silences(engine) -> None:
    draft = Draft("Great to present at IDS today.", account="personal", profile_disclaimer=True)
    assert not [f for f in engine.check(draft, builtin_pack("ids")).findings if f.category == "disclaimer"]


@pytest.mark.parametrize("org", ["ids", "iuk", "society"])
def test_fix_is_the_packs_own_sentence(engine, org: str) -> None:
    pack = builtin_pack(org)
    name = {"ids": "IDS", "iuk": "IUK", "society": "the Society"}[org]
    findings = engine.check(Draft(f"A great week with {name}!", account="personal"), pack).findings
    (finding,) = [f for f in findings if f.category == "disclaimer" and f.severity.value == "warn"]
    assert finding.fix == {"action": "append", "text": pack.disclaimer}
    # After the fix is applied the post is clean.
    fixed = Draft(f"A great week with {name}! {pack.disclaimer}", account="personal")
    assert not [f for f in engine.check(fixed, pack).findings if f.category == "disclaimer"]


def test_iuk_uses_the_exact_sentence_of_5_2() -> None:
    assert builtin_pack("iuk").disclaimer == (
        "The views expressed on this site are my own and don't necessarily represent IUK's positions, policies or opinions."
    )


def test_indirect_reference_is_info_only(engine) -> None:
    findings = engine.check(Draft("Our chair was on fire at the AGM", account="personal"), builtin_pack("society")).findings
    assert [f.severity.value for f in findings if f.category == "disclaimer"] == ["info"]


def test_ids_profile_reminder_on_posts_that_do_not_name_it(engine) -> None:
    findings = engine.check(Draft("Lovely walk on the Downs", account="personal"), builtin_pack("ids")).findings
    assert [(f.severity.value, f.clause) for f in findings] == [("info", "IDS 8.1")]
