"""profanity: swearing, mild British swearing included, also disguised; never inside other words."""

import pytest

from clearpost import Draft, builtin_pack
from clearpost.checks import CheckContext
from clearpost.checks.profanity import ProfanityCheck


@pytest.fixture(scope="module")
def check() -> ProfanityCheck:
    return ProfanityCheck()


def words(check: ProfanityCheck, text: str) -> list[str]:
    return [text[h.start:h.end] for h in check.analyze(CheckContext.build(Draft(text), builtin_pack("ids")))]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Fuck yes, thesis submitted!!", "Fuck"),
        ("What a shit week", "shit"),
        ("this bollocks grant round", "bollocks"),
        ("Arse. Missed the train.", "Arse"),
        ("Bloody trains again", "Bloody"),
        ("I was so pissed off", "pissed"),
        ("f*ck this", "f*ck"),
        ("total sh1t show", "sh1t"),
        ("FFS, not again", "FFS"),
        ("f**king hell", "f**king"),
        ("what a fuuuuck moment", "fuuuuck"),
        ("#fuckcancer run on Sunday", "fuckcancer"),
        ("the b@stard ate my lunch", "b@stard"),
        ("Bloody awful meeting, bloody diarrhoea of slides", "Bloody"),
        ("Stop being such a bitch, Bitchfield Council", "bitch"),
        # disguises the shared normaliser (clearpost.disguise) undoes: spaces, dots, look-alikes
        ("total s h i t show", "s h i t"),
        ("oh b.o.l.l.o.c.k.s", "b.o.l.l.o.c.k.s"),
        ("what a \u0455h\u0456t day", "\u0455h\u0456t"),
        ("\uff46\uff55\uff43\uff4b this", "\uff46\uff55\uff43\uff4b"),
    ],
)
def test_fires(check: ProfanityCheck, text: str, word: str) -> None:
    assert word in words(check, text)


@pytest.mark.parametrize(
    "text",
    [
        "Great day out in Scunthorpe",
        "Walks near Penistone, South Yorkshire, and Bitchfield, Lincolnshire",  # place names
        "Bloody diarrhoea points to shigellosis rather than cholera",  # literal: blood in a symptom
        "Fifty years since Bloody Sunday",
        "A seminar on the assassination of Archduke Franz Ferdinand",
        "Cocktail reception after the lecture",
        "Damn, missed the bus",
        "What the hell happened to the schedule",
        "Reading Dickens in the archive",
        "As a trustee I pass the class assessment",
        "Shitake mushrooms? No: shiitake, and the grass is green",
        "Essex and Sussex meet at the Middlesex campus",
        "The therapist's analysis of the grape harvest, for the class on Hancock and Cockburn",
        "The assassin ordered a cocktail in Penistone",
        "Titchmarsh, Clitheroe and Shitterton: a walking tour",
    ],
)
def test_quiet(check: ProfanityCheck, text: str) -> None:
    assert words(check, text) == []
