"""Write Clearpost's own functional cases for the toxicity check: tests/data/functional.jsonl.

    .venv/bin/python models/functional_cases.py          # rewrites tests/data/functional.jsonl

Each behaviour the check must get right (condemning hate, negated hate, neutral mentions of a
group; slurs, threats, disguised spellings, derogation with no insult word...) has a handful of
templates, written by this team from the category definitions in ../shared/eval/README.md, and
each template is crossed with the groups the five policies protect (the Equality Act 2010's
characteristics they list: age, disability, gender reassignment, pregnancy and maternity, race,
religion or belief, sex, sexual orientation). Hateful and non-hateful templates mirror each
other, so every group appears on both sides.

A quarter of each behaviour's templates (every fourth) is held out: `make model` trains on the
`train` templates only, and `make eval` reports the `heldout` ones separately, so the figure on
them says how far the check generalises to sentences it never saw. No public test suite was read
to write these; they are a regression guard, not a benchmark.

Disguised spellings are made from the hateful templates by a seeded transform of one word
(spaces added, letters swapped, dropped or doubled, leet), so a disguise case is held out when
its template is.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "functional.jsonl"
HELD_OUT_EVERY = 4  # template index % 4 == 3 is held out

# (plural noun phrase, characteristic). Plural, so every template reads "{g} are ...".
GROUPS: list[tuple[str, str]] = [
    ("women", "sex"),
    ("men", "sex"),
    ("trans people", "gender reassignment"),
    ("trans women", "gender reassignment"),
    ("gay people", "sexual orientation"),
    ("lesbians", "sexual orientation"),
    ("bisexual people", "sexual orientation"),
    ("Black people", "race"),
    ("Asian people", "race"),
    ("immigrants", "race"),
    ("refugees", "race"),
    ("Gypsies and Travellers", "race"),
    ("Muslims", "religion or belief"),
    ("Jews", "religion or belief"),
    ("Hindus", "religion or belief"),
    ("Christians", "religion or belief"),
    ("disabled people", "disability"),
    ("wheelchair users", "disability"),
    ("autistic people", "disability"),
    ("older workers", "age"),
    ("young people", "age"),
    ("pregnant women", "pregnancy and maternity"),
    ("new mothers", "pregnancy and maternity"),
]

# Slurs keep to the group they are used against; each template takes a plural slur.
SLURS: dict[str, list[str]] = {
    "Black people": ["niggers", "coons"],
    "Asian people": ["pakis", "chinks"],
    "Muslims": ["ragheads", "towelheads"],
    "Jews": ["kikes"],
    "gay people": ["faggots", "poofters"],
    "trans women": ["trannies", "shemales"],
    "disabled people": ["retards", "spastics"],
    "Gypsies and Travellers": ["pikeys", "gyppos"],
    "immigrants": ["wetbacks", "wogs"],
}

HATEFUL = "hateful"
NON_HATEFUL = "non-hateful"

# behaviour -> (label, templates). "{g}" is the group; "{G}" the group with a capital.
TEMPLATES: dict[str, tuple[str, list[str]]] = {
    "derogation": (HATEFUL, [
        "{G} are scum.",
        "{G} are disgusting, every single one of them.",
        "Honestly, {g} are a plague on this country.",
        "{G} are all liars and cheats.",
        "{G} are thick as mince and always will be.",
        "Let's be real: {g} are pathetic.",
        "{G} are a stain on our society.",
        "I've worked with plenty of {g} and they are lazy and useless.",
    ]),
    "dehumanisation": (HATEFUL, [
        "{G} are animals.",
        "{G} are vermin, nothing more.",
        "{G} are parasites feeding off the rest of us.",
        "{G} breed like rats.",
        "{G} are subhuman.",
        "To me {g} are just cockroaches.",
        "{G} are a disease.",
        "{G} aren't even human, are they?",
    ]),
    "implicit_derogation": (HATEFUL, [
        "Never hire {g}, they only bring trouble.",
        "{G} should stick to jobs that don't need a brain.",
        "You can always tell when {g} have moved into a street.",
        "Keep {g} away from our children.",
        "{G} only want one thing from this country: handouts.",
        "Funny how the crime rate went up once {g} arrived.",
        "Why would anyone let {g} run a department?",
        "{G} just can't help being a drain on everyone else.",
    ]),
    "negated_praise": (HATEFUL, [
        "{G} are not capable of leading.",
        "{G} are not fit to teach.",
        "{G} will never be real scientists.",
        "{G} don't deserve the same rights as the rest of us.",
        "{G} are not intelligent enough for university.",
        "{G} can't be trusted with anything important.",
        "{G} have never contributed anything worthwhile.",
        "{G} aren't welcome here and never will be.",
    ]),
    "negative_emotion": (HATEFUL, [
        "I despise {g}.",
        "I hate {g}.",
        "{G} disgust me.",
        "I can't stand {g}.",
        "I'm sick to death of {g}.",
        "Nothing makes me angrier than {g}.",
        "I really loathe {g}.",
        "{G} make my skin crawl.",
    ]),
    "threat_direct": (HATEFUL, [
        "I'm going to hurt the next one of those {g} I see.",
        "Any {g} who turn up here will get a beating.",
        "I will kill {g} if they come near my street.",
        "Watch your backs, {g}. We know where you live.",
        "We're going to make {g} suffer.",
        "I'll smash the face of the first of these {g} I meet.",
        "{G}, you will pay for this with your lives.",
        "I swear I'll stab one of these {g}.",
    ]),
    "threat_normative": (HATEFUL, [
        "{G} should be shot.",
        "{G} deserve to be beaten.",
        "All {g} should be locked up.",
        "{G} should be wiped out.",
        "Someone should burn down where {g} live.",
        "{G} should be hanged.",
        "{G} ought to be deported, all of them.",
        "{G} need to be put down.",
    ]),
    "not_racist_but": (HATEFUL, [
        "I'm not racist but {g} are animals.",
        "No offence, but {g} are thick.",
        "I'm not being funny, but {g} are a drain on us all.",
        "Just saying, {g} are a bit of a disgrace.",
        "I've got nothing against them, but {g} ruin everything.",
        "Don't get me wrong, but {g} are inferior.",
        "With respect, {g} are vermin.",
        "I'm not a bigot, but {g} make me sick.",
    ]),
    "derogation_question": (HATEFUL, [
        "Why are {g} so stupid?",
        "Why are {g} always so disgusting?",
        "Is there anything more pathetic than {g}?",
        "What is it with {g} and being lazy scroungers?",
        "Why do {g} ruin everything they touch?",
        "Can {g} ever stop whining?",
        "Who else thinks {g} are worthless?",
        "Why are {g} allowed anywhere near a classroom?",
    ]),
    "slur": (HATEFUL, [
        "Bunch of {s}.",
        "Get these {s} out of here.",
        "Our street is full of {s} now.",
        "I don't want {s} in my team.",
        "Typical {s}.",
        "Filthy {s}, the lot of them.",
        "Who let the {s} in?",
        "Sick of {s} moaning about everything.",
    ]),
    "condemn_quote": (NON_HATEFUL, [
        '"{G} are scum" is a vile thing to say.',
        "Someone wrote '{g} are vermin' under our post. We have reported it.",
        "A banner reading \u201c{g} out\u201d went up near campus today. It has no place here.",
        'Comments like "{g} are worthless" are hateful and we will delete them.',
        "\u2018{G} are animals\u2019 is not an opinion, it is hate speech.",
        'We received an email that said "{g} should go back where they came from". We have passed it to the police.',
        'If you see graffiti saying "{g} are disgusting", please report it to Estates.',
        'Anyone who writes "{g} are parasites" will be blocked. Simple as that.',
    ]),
    "condemn_reference": (NON_HATEFUL, [
        "Saying that {g} are scum is disgusting.",
        "People who say {g} are worthless should be ashamed of themselves.",
        "Calling {g} vermin is hate speech, plain and simple.",
        "We condemn the abuse directed at {g} this week.",
        "I'm appalled by the way {g} were spoken about on the radio this morning.",
        "There is no place for hatred of {g} at our university.",
        "Anyone who thinks {g} are inferior is simply wrong.",
        "Telling {g} they don't belong here is bigotry, and we won't stand for it.",
    ]),
    "negated_hate": (NON_HATEFUL, [
        "I'd never say {g} are worthless.",
        "{G} are not a burden on anyone.",
        "Nobody should ever call {g} disgusting.",
        "I don't think {g} are any less capable than anyone else.",
        "It is simply not true that {g} are dangerous.",
        "I have never believed that {g} are inferior, and I never will.",
        "No one should be made to feel that {g} are unwelcome here.",
        "{G} are not the problem; underfunding is.",
    ]),
    "neutral_group": (NON_HATEFUL, [
        "Our staff network for {g} meets on Thursday at 1pm in Room 2.04.",
        "The new report looks at how {g} experience the job market.",
        "We are running a survey of {g} in higher education; link below.",
        "Many {g} work in our research teams.",
        "Today's seminar asks what {g} need from public services.",
        "The study interviewed 40 {g} about housing.",
        "Guidance for {g} on applying for the bursary is now online.",
        "Census figures show how many {g} live in the borough.",
    ]),
    "positive_group": (NON_HATEFUL, [
        "{G} make our university a better place.",
        "Proud to celebrate the achievements of {g} in science this week.",
        "We stand with {g}, today and every day.",
        "{G} are brilliant colleagues and we're lucky to work with them.",
        "Huge thanks to the {g} who shared their stories for our exhibition.",
        "{G} belong here. Full stop.",
        "{G} deserve the same respect and opportunities as everyone.",
        "So inspired by the {g} leading our new community project.",
    ]),
    "reporting_hate": (NON_HATEFUL, [
        "A report out today finds that abuse against {g} online has doubled since 2020.",
        "Our researchers recorded every slur aimed at {g} on three platforms for a year.",
        "Police are investigating racist and abusive graffiti targeting {g} in the town centre.",
        "Hate crimes against {g} rose by 12% last year, according to Home Office figures.",
        "The inquiry heard how {g} were called vermin and told to leave.",
        "New paper: how tabloid headlines about {g} shaped public attitudes, 1990-2020.",
        "Our helpline supports {g} who have been harassed at work.",
        "The documentary shows the threats that {g} face every day.",
    ]),
    "criticism_not_of_group": (NON_HATEFUL, [
        "Cuts to services for {g} are a disgrace.",
        "The way this government treats {g} is shameful.",
        "The new visa rules are cruel to {g} and should be scrapped.",
        "It's pathetic that buildings on this campus still shut out {g}.",
        "Landlords who refuse to rent to {g} should be ashamed.",
        "This policy will hurt {g}, and the minister knows it.",
        "Housing for {g} in this city is a scandal.",
        "Employers still pay {g} less, and that is disgusting.",
    ]),
    "negative_emotion_no_group": (NON_HATEFUL, [
        "I hate Mondays.",
        "I despise marking season.",
        "The new expenses system makes my skin crawl.",
        "I can't stand queuing for the microwave at lunch.",
        "Sick to death of this rain.",
        "Nothing makes me angrier than a printer jam at 8:59.",
        "I really loathe cold coffee.",
        "Train strikes disgust me, mostly because I forgot my book.",
    ]),
    "negated_stereotype": (NON_HATEFUL, [
        "{G} are not lazy: most of the ones I know work two jobs.",
        "Contrary to the headlines, {g} are not criminals.",
        "{G} are not stupid, and it is time employers noticed.",
        "{G} aren't a drain on the economy; the figures show the opposite.",
        "{G} are no less capable than anyone else in this building.",
        "{G} are not weak. They are some of the strongest people I know.",
        "{G} aren't the reason the NHS is struggling.",
        "{G} are not dangerous, they are our neighbours.",
    ]),
    "positive_normative": (NON_HATEFUL, [
        "{G} should run the country!",
        "{G} should be at the heart of every decision about their lives.",
        "{G} deserve a seat at the table.",
        "{G} should be heard, not talked over.",
        "I believe {g} should lead this work.",
        "{G} must be part of the conversation from day one.",
        "More {g} should apply for our fellowships.",
        "{G} should never have to hide who they are at work.",
    ]),
}

# Templates whose words are their own point: no group, so crossing them would only repeat them.
NO_GROUP = {"negative_emotion_no_group"}

# Which hateful behaviours the disguises are made from, and which words they disguise.
DISGUISED_FROM = ("derogation", "dehumanisation", "negative_emotion", "not_racist_but")
DISGUISE_WORDS = {
    "scum", "disgusting", "plague", "liars", "cheats", "pathetic", "stain", "lazy", "useless",
    "animals", "vermin", "parasites", "rats", "subhuman", "cockroaches", "disease",
    "despise", "hate", "disgust", "stand", "sick", "angrier", "loathe", "crawl", "thick",
    "drain", "ruin", "disgrace", "inferior",
}
LEET = {"a": "@", "e": "3", "i": "1", "o": "0", "s": "$", "t": "7"}
DISGUISES = ("disguise_spaces", "disguise_swap", "disguise_leet", "disguise_dropped")


@dataclass(frozen=True)
class Case:
    id: str
    behaviour: str
    label: str
    group: str
    characteristic: str
    template: str
    split: str
    text: str

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False)


def fill(template: str, group: str) -> str:
    capital = group[0].upper() + group[1:]
    return template.replace("{G}", capital).replace("{g}", group)


def disguise(text: str, kind: str, group: str, rng: random.Random) -> str:
    """One word of the sentence (its insult, or else the group) spelt to dodge a word list."""
    words = text.split(" ")
    targets = [i for i, w in enumerate(words) if w.strip(".,!?'\"").lower() in DISGUISE_WORDS]
    if not targets or rng.random() < 0.25:
        group_word = group.split(" ")[-1].lower()
        targets = [i for i, w in enumerate(words) if w.strip(".,!?'\"").lower() == group_word]
    i = rng.choice(targets)
    word = words[i]
    core = word.strip(".,!?'\"")
    start = word.index(core)
    end = start + len(core)
    if kind == "disguise_spaces":
        new = " ".join(core)
    elif kind == "disguise_swap":
        # Two neighbouring letters that differ ("mm" swapped is no disguise), inside the word if it is long.
        spots = [j for j in range(1 if len(core) > 3 else 0, len(core) - (2 if len(core) > 3 else 1)) if core[j] != core[j + 1]]
        j = rng.choice(spots)
        new = core[:j] + core[j + 1] + core[j] + core[j + 2:]
    elif kind == "disguise_leet":
        new = "".join(LEET.get(c, c) if c.lower() in LEET and k % 2 == 0 else c for k, c in enumerate(core))
        if new == core:
            new = "".join(LEET.get(c, c) for c in core)
    else:  # dropped: a letter, or the space before the word
        if len(core) > 4 and rng.random() < 0.5:
            j = rng.randrange(1, len(core) - 1)
            new = core[:j] + core[j + 1:]
        elif i > 0:
            words[i - 1] = words[i - 1] + word
            del words[i]
            return " ".join(words)
        else:
            new = core[:1] + core[2:]
    words[i] = word[:start] + new + word[end:]
    return " ".join(words)


def cases() -> list[Case]:
    out: list[Case] = []
    rng = random.Random(12)

    def add(behaviour: str, label: str, group: str, characteristic: str, template_id: str, held: bool, text: str) -> None:
        out.append(Case(
            id=f"fc-{len(out) + 1:04d}", behaviour=behaviour, label=label, group=group,
            characteristic=characteristic, template=template_id, split="heldout" if held else "train", text=text,
        ))

    for behaviour, (label, templates) in TEMPLATES.items():
        for t, template in enumerate(templates):
            template_id = f"{behaviour}-{t + 1:02d}"
            held = t % HELD_OUT_EVERY == HELD_OUT_EVERY - 1
            if behaviour in NO_GROUP:
                add(behaviour, label, "", "", template_id, held, template)
                continue
            if behaviour == "slur":
                for group, slurs in SLURS.items():
                    characteristic = dict(GROUPS)[group]
                    for slur in slurs:
                        add(behaviour, label, group, characteristic, template_id, held, template.replace("{s}", slur))
                continue
            for g, (group, characteristic) in enumerate(GROUPS):
                text = fill(template, group)
                add(behaviour, label, group, characteristic, template_id, held, text)
                if behaviour in DISGUISED_FROM:
                    # One disguise per case, in turn, so each kind sees every group and template.
                    kind = DISGUISES[(t + g) % len(DISGUISES)]
                    add(kind, HATEFUL, group, characteristic, template_id, held, disguise(text, kind, group, rng))
    return out


def main() -> None:
    rows = cases()
    OUT.write_text("".join(c.to_json() + "\n" for c in rows), encoding="utf-8")
    by_split = {s: sum(c.split == s for c in rows) for s in ("train", "heldout")}
    print(f"wrote {len(rows)} cases to {OUT} ({by_split['train']} train, {by_split['heldout']} held out)")


if __name__ == "__main__":
    main()
