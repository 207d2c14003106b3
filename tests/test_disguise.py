"""clearpost.disguise: disguised spellings of lexicon words read plainly, offsets kept, and no
false alarms on ordinary words, place names and names."""

import pytest

from clearpost import Draft, builtin_pack
from clearpost.checks import CheckContext
from clearpost.checks.profanity import ProfanityCheck
from clearpost.disguise import Disguises, normalise, plain_forms

# (disguised text, what the normaliser reads, a repaired word, the original characters behind it)
DISGUISES = [
    ("w o m e n are s c u m", "women are scum", "scum", "s c u m"),  # added spaces
    ("w o m e n are s c u m", "women are scum", "women", "w o m e n"),
    ("what an i.d.i.o.t!", "what an idiot!", "idiot", "i.d.i.o.t"),  # added dots
    ("s . c . u . m", "scum", "scum", "s . c . u . m"),
    ("womenarescum", "women are scum", "scum", "scum"),  # dropped spaces
    ("womenarescum", "women are scum", "women", "women"),
    ("#womenaredumb", "#women are dumb", "dumb", "dumb"),
    ("you iidot", "you idiot", "idiot", "iidot"),  # swapped letters
    ("so stupdi", "so stupid", "stupid", "stupdi"),
    ("you stuppid", "you stupid", "stupid", "stuppid"),  # doubled letter
    ("such a morron", "such a moron", "moron", "morron"),
    ("what an idot", "what an idiot", "idiot", "idot"),  # dropped letter
    ("w0men are tr@sh", "women are trash", "trash", "tr@sh"),  # leet
    ("w0men are tr@sh", "women are trash", "women", "w0men"),
    ("a r3tard", "a retard", "retard", "r3tard"),
    ("that $cum", "that scum", "scum", "$cum"),
    ("you 1d10t", "you idiot", "idiot", "1d10t"),
    ("you \u0455\u0441um", "you scum", "scum", "\u0455\u0441um"),  # Cyrillic look-alikes
    ("you \u03b9di\u03bft", "you idiot", "idiot", "\u03b9di\u03bft"),  # Greek look-alikes
    ("\uff57\uff4f\uff4d\uff45\uff4e are scum", "women are scum", "women", "\uff57\uff4f\uff4d\uff45\uff4e"),  # full-width
    ("you s\u0336c\u0336u\u0336m\u0336", "you scum", "scum", "s\u0336c\u0336u\u0336m\u0336"),  # combining marks
    ("total s h i t", "total shit", "shit", "s h i t"),
    ("what a \u0455h\u0456t day", "what a shit day", "shit", "\u0455h\u0456t"),
]


@pytest.mark.parametrize(("text", "plain", "word", "source"), DISGUISES)
def test_a_disguise_reads_plainly_and_points_at_the_original(text: str, plain: str, word: str, source: str) -> None:
    norm = normalise(text)
    assert norm.text == plain
    i = norm.text.index(word)
    start, end = norm.span(i, i + len(word))
    assert text[start:end] == source


# Words that contain a listed word, or sit one letter from one, and names and places.
ORDINARY = (
    "Scunthorpe Penistone assassin assassination therapist therapists cocktail Dickens Sussex Middlesex Essex analysis "
    "analyst grape grapes class classic Hancock Cockburn Shitterton Bitchfield shiitake cumin Titchmarsh pianist "
    "manslaughter butterscotch ambassador passage Arsenal Cummings Clitheroe spicy Nigeria niggle snigger raccoon "
    "cocoon tycoon homophone bastion Pakistani Wogan Coons scrap document cumulative Woolf harass embarrass compass "
    "grass assess Hitchcock peacock cockpit Sexton buttress button title twitch Penrith penalty analogue canal numpy "
    "retardant facetious Fagin knob prickly feckless bitcoin parsley moon omen itch wore carp part ares Cnut sponges "
    "pervert psych morn moran Moran studio cupid wombat migraine refuge slutsky trashy spasm spatula girls-only "
    "apathetic women's wanderer"
).split()

LONG_POST = (
    "Huge thanks to everyone who came to the Scunthorpe and Penistone outreach days! Our therapists, analysts and "
    "the Sussex Cocktail Club ran sessions on data analysis, grape genetics and the class of 2024. Dr Hancock read "
    "from Dickens, Prof. Cockburn spoke on the assassination of Archduke Franz Ferdinand, and Zo\u00eb from the "
    "caf\u00e9 brought cake. Booking for the 4pm session (room S1.12, 1st floor) is at events@example.ac.uk; tickets "
    "\u00a35 or free for students. U.K. and E.U. applicants welcome, e.g. PhD students working on COVID-19 or H5N1. "
    "Women in STEM, disabled students and international students are especially encouraged to apply. "
) * 6


@pytest.mark.parametrize("word", ORDINARY)
def test_an_ordinary_word_is_left_as_written(word: str) -> None:
    for text in (word, f"the {word} is here", f"You are {word}", f"{word.lower()} all day"):
        assert normalise(text).text == text


def test_an_ordinary_long_post_is_left_exactly_as_written() -> None:
    assert normalise(LONG_POST).text == LONG_POST


@pytest.mark.parametrize("text", [
    "A B C D grades", "Q & A at 4 p m", "d o n a t e now", "s u p p o r t our students", "R.S.V.P. by Friday",
    "Our P.h.D. students", "\u041f\u0440\u0438\u0432\u0435\u0442 \u0432\u0441\u0435\u043c", "\u0391\u03b8\u03ae\u03bd\u03b1 2024",
    "\uff34\uff48\uff41\uff4e\uff4b\uff53 all", "$100B fund", "MA13 route", "x\u00b2 + y\u00b2",
])
def test_spaced_letters_acronyms_and_foreign_text_that_spell_no_listed_word_are_left_alone(text: str) -> None:
    assert normalise(text).text == text


def test_plain_forms_undo_leet_dots_and_stretching() -> None:
    assert {"shit"} <= plain_forms("sh1t")
    assert {"idiot"} <= plain_forms("i.d.i.o.t")
    assert {"fuck"} <= plain_forms("fuuuuck")
    assert {"bloody"} <= plain_forms("b1oody".replace("1", "l"))


def test_without_an_english_vocabulary_only_plain_repairs_are_made() -> None:
    bare = Disguises(["idiot", "scum", "women"], vocabulary=())
    assert bare.normalise("you 1d10t").text == "you idiot"
    assert bare.normalise("you iidot").text == "you iidot"
    assert bare.normalise("womenarescum").text == "womenarescum"


@pytest.fixture(scope="module")
def profanity() -> ProfanityCheck:
    return ProfanityCheck()


def _swearing(check: ProfanityCheck, text: str) -> list[str]:
    return [text[h.start:h.end] for h in check.analyze(CheckContext.build(Draft(text), builtin_pack("ids")))]


@pytest.mark.parametrize(("text", "word"), [
    ("total s h i t", "s h i t"),
    ("what a \u0455h\u0456t day", "\u0455h\u0456t"),
    ("\uff46\uff55\uff43\uff4b this", "\uff46\uff55\uff43\uff4b"),
    ("oh b.o.l.l.o.c.k.s", "b.o.l.l.o.c.k.s"),
])
def test_profanity_sees_through_spacing_and_look_alikes(profanity: ProfanityCheck, text: str, word: str) -> None:
    assert word in _swearing(profanity, text)


@pytest.mark.parametrize("text", [
    "Such a toxic, hateful comment: w o m e n are s c u m",
    "w0men are tr@sh",
    "you \u0455\u0441um",
    "What an i.d.i.o.t that reviewer is",
    "womenarescum",
    "you are an iidot",
    "that lecturer is so stupdi",
    "you f a g g o t",
    "he's a r3tard",
    "m u s l i m s are vermin",
])
def test_disguised_abuse_fires(fired, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "toxicity" in fired(text, "qmul", "personal")


@pytest.mark.parametrize("text", [
    "Great day out in Scunthorpe and Penistone with the Sussex team",
    "The assassin in chapter two sees a therapist; a cocktail of motives, as Dickens would say.",
    "Our analysis of grape yields was the best in the class.",
    "Matt Hancock spoke at the Cockburn lecture; Dr Moran and Cnut the historian replied.",
    "I was apathetic about numpy until the psych module, now I love it.",
    "The moon wore a halo over the carp pond; the sponges are in part two.",
    LONG_POST,
])
def test_ordinary_posts_stay_quiet(fired, text: str) -> None:  # type: ignore[no-untyped-def]
    got = fired(text, "qmul", "personal")
    assert "toxicity" not in got
    assert "profanity" not in got
