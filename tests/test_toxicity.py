"""toxicity: insults, harassment, threats, demeaning or discriminatory statements, slurs, sexual content.
Quiet on figurative speech, firm criticism of work, and reporting on or condemning hate."""

import pytest

TOXIC = [
    "That reviewer is an absolute moron.",
    "You are a pathetic excuse for a manager.",
    "Our new head of department is a useless idiot.",
    "Women are too emotional to be good leaders.",
    "Immigrants are ruining this country.",
    "Old people should not be allowed to vote.",
    "Disabled people are a burden on the rest of us.",
    "Muslims are all terrorists.",
    "If he turns up again I'll punch him in the face.",
    "He killed it on stage. Next time I see him I will kill him.",
    "Someone should shoot that councillor.",
    "Watch your back, I know where you live.",
    "Look at this fat ugly woman in the front row lol",
    "He's a complete waste of space.",
    "What a pathetic little man.",
    "Send nudes to my DMs",
    "Why are so many Pakis in this town",
    "Pregnant women shouldn't be promoted, they just leave anyway.",
    "Anyone over 60 should be forced out of teaching, they're dead weight.",
    "Deaf people are a drain on the NHS.",
]
BENIGN = [
    "This bug is killing me.",
    "We absolutely smashed it at the awards tonight!",
    "Deadline week is murdering my sleep schedule.",
    "Strongly disagree with this paper: the method is weak and the conclusions do not follow.",
    "This argument is stupid and the data do not support it.",
    "We condemn the racist abuse aimed at our students this week.",
    "Report: hate crimes against disabled people rose by 20% last year.",
    "I'm such an idiot, left my laptop on the train again.",
    "I hate Mondays.",
    "Women in science: celebrating our brilliant researchers today.",
    "Our immigrant communities make this city what it is.",
    "The printer is useless today.",
    "Break a leg at your viva tomorrow!",
    "Old buildings are expensive to heat.",
    "The government's new visa rules are cruel and short-sighted.",
    "Boris Johnson's government mishandled the pandemic response.",
    "Brexiteers promised a lot and delivered very little.",
    "Congratulations to Maya Patel, who absolutely killed it at the conference!",
    "Messi is a genius, Ronaldo is a machine.",
    "Putin's war in Ukraine has killed thousands of civilians.",
    "Congratulations, you absolutely killed it at the conference!",
    "She's a monster on the squash court.",
    "You killed it! So proud of you.",
    "Sickened by the homophobic abuse our students received on the bus last night. Hate has no place here.",
    "We stand with our Muslim students after the islamophobic graffiti on campus.",
]


@pytest.mark.parametrize("text", TOXIC)
def test_toxic_fires(fired, text: str) -> None:
    assert "toxicity" in fired(text, "qmul", "personal")


@pytest.mark.parametrize("text", BENIGN)
def test_benign_quiet(fired, text: str) -> None:
    assert "toxicity" not in fired(text, "qmul", "personal")


# Whether a sentence is about people decides if the model's `offensive` score counts. Most posts
# carry no @mention, so groups of every kind count as targets, not only pronouns; names alone do not.
@pytest.mark.parametrize("text", [
    "@jo what a mess",
    "she never listens",
    "Liberals are vicious",
    "these people never learn",
    "Europeans keep electing them",
])
def test_a_sentence_about_people_is_addressed(engine, text: str) -> None:
    assert engine.checks["toxicity"].addressed(text)


@pytest.mark.parametrize("text", [
    "Stupid o'clock start today",
    "this is war",
    "I hate Mondays",
    "what a shit week",
    "The printer is useless today.",
    "Messi is a genius, Ronaldo is a machine",
])
def test_a_sentence_about_nobody_is_not_addressed(engine, text: str) -> None:
    assert not engine.checks["toxicity"].addressed(text)
