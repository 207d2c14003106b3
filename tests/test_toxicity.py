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
    # disguised spellings, read through clearpost.disguise
    "w o m e n are s c u m",
    "That reviewer is an i.d.i.o.t.",
    "womenarescum",
    "Our new head of department is an iidot.",
    "You are so stupdi.",
    "w0men are tr@sh",
    "You \u0455\u0441um.",
    "m u s l i m s are vermin",
    # Praise words that carry hostility still fire.
    "thanks a lot, muslims, for ruining another city",
    "congratulations to the gays for destroying marriage",
    "Women aren't paid enough? They don't deserve more.",
    "Immigrants are given everything for free while we get nothing.",
    "We shouldn't have to live next to Gypsies.",
    "Disabled people shouldn't have to be paid the same, they do less.",
]
BENIGN = [
    # Support for a group: the model's hate head reads the identity word alone as hate (0.97).
    "trans rights are human rights, end of",
    "love is love, happy pride everyone",
    # How a group is treated, complained of: the group word and a negation read as hate to the model.
    "Women aren't paid enough for the work they do.",
    "Refugees don't get the support they need from the Home Office.",
    "Trans people are not listened to by the NHS.",
    "Old men shouldn't have to choose between heating and eating.",
    "Disabled people shouldn't have to fight for basic support.",
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
    # words near listed ones, places and names: the disguise normaliser leaves them as written
    "Our therapist in Scunthorpe ran an analysis class with Dr Hancock and Prof. Cockburn.",
    "The assassin in the Dickens novel orders a grape cocktail in Sussex.",
    "The moon wore a halo over the carp pond in Penistone.",
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


# The kinds issue 11 found missing on long, real posts: sexual remarks about a colleague, veiled and
# polite threats, demeaning "jokes" and "honest advice" about protected groups, insulting metaphors
# for a named colleague, an insult with a disguised swear.
TOXIC_KINDS = [
    "Welcome to Hannah, our new events officer! Can't complain about the view in the office now, if you know what I mean.",
    "Our receptionist has the nicest legs on campus and I'm not ashamed to say it.",
    "Everyone knows how Claire got her promotion so fast: she's sleeping with the dean.",
    "Tom from IT is so hot, I'd do unspeakable things to him at the Christmas party.",
    "Nice car you've got, Dave. It would be a shame if something happened to it while it's parked on campus.",
    "I'd hate for anything to happen to those lovely kids of yours, Mark. Drop the complaint.",
    "Funny how people who complain about me to the Dean always end up having accidents on the stairs.",
    "To whoever complained about me: I've got a pretty good idea who you are. Think about how you want the rest of your probation to go.",
    "One more complaint from you, Jo, and you won't have a job here by Christmas.",
    "Honest advice for small charities: think twice before hiring a woman in her thirties.",
    "One piece of advice for hiring panels: avoid candidates with mental health problems.",
    "Joke of the day: what's the difference between a refugee and a boomerang? The boomerang comes back.",
    "Ramadan starts next week, so expect our Muslim colleagues to be even more useless and grumpy than usual.",
    "Keep the wheelchair users at the back so they don't slow everyone down.",
    "Skip the pronouns slide for your trans students. They'll find something to be offended by whatever you do.",
    "New inclusive forms at registration. Apparently you can now identify as a kettle.",
    "Sorry but gay men just shouldn't be working with young kids, it's common sense.",
    "Our project lead Gary is a walking disaster. Every single thing he touches falls apart.",
    "Be careful around Karen in finance, she's a snake.",
    "Steve from estates is a cancer on this organisation.",
    "James is a total car crash of a manager.",
    "Jeff in procurement is a total c*nt, he's sat on our invoice for six weeks.",
    "Whoever keeps taking my lunch from the staff fridge: you absolute tw@t.",
    "Our line manager is a complete d1ckhead and everyone knows it.",
    "Special mention to Derek in finance, who remains a complete fossil and a lying little weasel.",
    "Our new receptionist is so sexy I can't concentrate on my emails.",
    "Professor Hughes is a dinosaur who still thinks email is a fad.",
]
# Their contrasts: the same words said of work or things, safety advice, marketing, reporting,
# research and positive statements about the same groups.
BENIGN_KINDS = [
    "The new workload model is a walking disaster: it counts marking at half the time it takes.",
    "I'm a walking disaster today, I've spilled coffee on my keyboard twice.",
    "Parking is a nightmare on open days, please use the park and ride.",
    "The Finance Committee is a dinosaur that needs reform.",
    "Dr Patel is a snake expert and will be leading the reptile handling session at the open day.",
    "Our chair is a dinosaur enthusiast and brought a fossil to the AGM.",
    "Please be careful walking to your car after dark this week: two streetlights on the main drive are out.",
    "It would be a shame if you missed the early-bird deadline for our spring conference. Book by Friday!",
    "You'll regret not booking: last year the dinner sold out in two days.",
    "We'd hate for anything to happen to your data, so please back up before the migration on Friday.",
    "Keep pushing for change and see what happens: the petition reached 10,000 signatures in a week.",
    "Accidents happen: please report every spill to the lab manager straight away.",
    "Watch this space: our new podcast launches next week.",
    "Our new Head of Events wore the most amazing dress to the awards night 😉 Congratulations to all the winners!",
    "Who's ready for the charity fun run? Leggings, tutus and fancy dress all welcome 😉",
    "The view from the new office on the 12th floor is incredible, if you know what I mean. Worth the lift queue!",
    "A sobering seminar on sexual harassment in academia: 40% of early-career researchers have had unwanted sexual remarks from a colleague.",
    "Honest advice for new lecturers: say no to at least one committee, and block out writing time in your diary.",
    "Deaf students told us the auto-captions were useless, so we've hired live captioners for every lecture.",
    "Young people are not lazy: they are working two jobs and studying at the same time.",
    "The idea that disabled people are a burden is hateful and wrong.",
    "Our research with refugees shows the myth that they come here for the benefits is simply false.",
    "Fasting this week, so forgive me if I'm a bit grumpy on the 4pm call!",
    "Ramadan Mubarak! The canteen will serve iftar boxes, and lectures after sunset are recorded for anyone fasting.",
    "Students who identify as a carer can apply for the extra bursary.",
    "Mature students, you're very welcome at the careers fair, and our advisers can help you keep up with the application portals.",
    "Pride Month: our LGBTQ+ network is hosting a drag queen story time in the library on Saturday!",
    "Free lunch for pregnant staff attending the wellbeing workshop on Friday.",
    "She is a nightmare on the table tennis table, nobody has beaten her all term!",
    "Our volunteer Jess looks so hot and tired after the fun run, give her a medal!",
    "Some people will tell you Shakespeare is a dinosaur. Our new production proves them wrong.",
    "Accidents happen to people who skip the safety induction, so please book yours today.",
    'Our new policy names veiled threats ("you\'ll regret this", "I know where you live") as serious misconduct.',
    'Headlines about migrants "flooding" the country and "invading" our towns are not new.',
    "Escape the rat race: our part-time MSc fits around work.",
]


@pytest.mark.parametrize("text", TOXIC_KINDS)
def test_toxic_kinds_fire(fired, text: str) -> None:
    assert "toxicity" in fired(text, "qmul", "personal")


@pytest.mark.parametrize("text", BENIGN_KINDS)
def test_benign_kinds_quiet(fired, text: str) -> None:
    assert "toxicity" not in fired(text, "qmul", "personal")


_PARAGRAPHS = [
    "What a week it has been. On Monday we welcomed 140 new postgraduate students to the School, and by Wednesday most of "
    "them had found the coffee machine, the library and the seminar room that nobody can find on the map.",
    "On Thursday we hosted the annual lecture, with a packed room and a lively question session afterwards. The recording "
    "will be on our website next week, and the slides are already there for anyone who wants them.",
    "A quick reminder that the research ethics deadline for the spring round is 14 February. Please give your supervisors "
    "at least a week to read your application, and do use the templates on the intranet: they save everybody time.",
    "Finally, the staff survey closes on Friday. It takes about ten minutes and the results genuinely shape what we "
    "prioritise next year, from workload allocation to the new hybrid working arrangements.",
]


def _long_post(breach: str, at: int = 2800, length: int = 3000) -> str:
    """A polite post of `length` characters with `breach` starting at character `at`."""
    head = ""
    while len(head) < at:
        head += _PARAGRAPHS[len(head) % len(_PARAGRAPHS)] + "\n\n"
    head = head[:at - 2].rsplit(" ", 1)[0] + "."
    head = head.ljust(at - 2) + "\n\n"
    tail = " Thanks all, and have a lovely weekend."
    text = head + breach + tail
    return (text + " See you next week." * 20)[:length] if len(text) < length else text


@pytest.mark.parametrize("breach", [
    "To the colleague who reported me: I know which train you take home.",  # a rule
    "Our new director is a spineless snake.",  # a rule
    "@jo you should be ashamed to call yourself a teacher, absolute garbage.",  # the model alone
])
def test_a_breach_at_character_2800_of_a_3000_character_post_is_found(engine, breach: str) -> None:  # type: ignore[no-untyped-def]
    from clearpost import Draft, builtin_pack

    text = _long_post(breach)
    assert len(text) >= 3000 and text.index(breach) == 2800
    result = engine.check(Draft(text, account="personal", platform="linkedin"), builtin_pack("qmul"))
    hits = [f for f in result.findings if f.category == "toxicity" and f.severity.value in ("warn", "block")]
    assert hits and all(h.start is not None and h.start >= 2790 for h in hits)


# Condemnation, quotation, reporting and negation (issue 12): what the author quotes, reports,
# condemns or denies saying is not the author's statement; abuse outside that part still is.
# Contrast pairs across the protected characteristics: (quiet, fires).
CONDEMNED_PAIRS = [
    ("Saying that women are scum is disgusting.", "Women are scum."),
    ('"Immigrants are vermin" is a vile thing to say.', "Immigrants are vermin, and I'm sick of pretending otherwise."),
    ("\u201cMuslims are animals\u201d is a hateful thing to say.", "I'm not racist but Muslims are animals."),
    ("'Gay people are perverts' is a disgusting thing to say.", "Gay people are perverts, and I'm proud to say it."),
    ("\u00abDisabled people are a burden\u00bb is a vile thing to say.", "Disabled people are a burden."),
    ("\u201eTrans people are freaks\u201c \u2014 we reject this completely.", "I'm not a bigot, but trans people are freaks."),
    ("People who say old people are useless should be ashamed.", "They say old people are useless. I agree."),
    ("Anyone who says pregnant women are lazy is wrong.", "Pregnant women are lazy."),
    ("People who call pregnant women lazy should be ashamed of themselves.", "Pregnant women are not reliable enough to be promoted."),
    ("We condemn the claim that Black people are criminals.", "Black people are criminals."),
    ("I'm appalled by people saying Jews are vermin.", "People say Jews are vermin, and they're right."),
    ("We reject the claim that immigrants are parasites.", "Muslims are terrorists and saying so isn't hateful."),
    ("Saying trans women are perverts is hateful.", "Saying that women are scum is disgusting. Still, gay people are perverts."),
    ("Saying women are scum is disgusting.", "Saying women are scum is disgusting, but honestly immigrants are vermin."),
    ("It's a myth that women are not capable of leading.", "Women are not capable of leading."),
    ("The way he spoke about disabled students was unacceptable.", "The way Muslims treat women is disgusting."),
    ('One of our students was called a "paki" on the bus; we are supporting her.', "Disabled people are scum. Saying that is not hateful, it's the truth."),
    ("Someone wrote 'gay people are disgusting' on the wall. We are appalled.", "Gay people are disgusting."),
]
NEGATED_PAIRS = [
    ("I would never call disabled people worthless.", "Disabled people are worthless."),
    ("I'd never say Muslims are scum.", "Muslims are scum."),
    ("I will never say that women are inferior.", "Women are not fit to teach."),
    ("Nobody should ever say gay people are disgusting.", "Gay people are not capable of leading."),
    ("I refuse to say that disabled people are a burden.", "Disabled people are not capable of working."),
    ("Older people are a huge asset to our teams.", "Old people are not able to learn anything."),
    ("Disabled people are not less capable than anyone else.", "Black people are not intelligent."),
    ("Pregnant women are entitled to paid time off.", "Pregnant women are not suited to management."),
    # Belief denied, passive reports and moderation frames (issue 12, its rules after the normaliser).
    ("I have never thought that older workers are a drain on anyone.", "Older workers are a drain on everyone."),
    ("Anyone who believes bisexual people are greedy is mistaken and wrong.", "Bisexual people are greedy."),
    ("At the tribunal she said she was called a burden and told to leave.", "Disabled staff are a burden and should leave."),
    ('Replies like "new mothers are useless" will be deleted.', "New mothers are useless."),
    ("Pregnant women are not able to take part in this trial, for their safety.", "Pregnant staff are not able to lead."),
]

# "Anyone who says X ...": the claim is the sayers', and what the sentence says of them is the
# author's verdict. It stays quiet unless the verdict agrees ("... is right", "... are not wrong") or
# insults them for what may be no insult at all ("... are delusional").
SAYERS_PAIRS = [
    ("Anyone who says women belong in the kitchen is stuck in the past.", "Anyone who says women belong in the kitchen is right."),
    ("Anyone who thinks Black people are lazy needs to read a book.", "People who say Black people are lazy have a point."),
    ("People who believe disabled people are a burden have clearly never met our volunteers.", "Those who think disabled people are a burden are not wrong."),
    ("Whoever says trans people are mentally ill has no place on our committee.", "People who think trans people are human are delusional."),
    ("Anyone who thinks gay people are perverts is part of the problem.", "Anyone who says gay people deserve respect is an idiot."),
    ("Those who claim immigrants are all criminals should look at the figures.", "Anyone who says immigrants are all criminals."),
]

# Hostility towards a group with no insult word, worth denied to a group, threats with no weapon
# word; and the near misses a staff post makes (a situation judged, a group as the object of a policy).
GROUP_PAIRS = [
    ("I despise the new timesheet system.", "I despise Muslims."),
    ("I don't hate anyone, least of all refugees.", "I honestly can't stand immigrants."),
    ("We're sick of the delays to the refugee support fund.", "We're sick to death of Gypsies and Travellers."),
    ("The new building makes my skin crawl.", "Trans people make my skin crawl."),
    ("Women will never be paid fairly until the gap is reported.", "Women will never be real engineers."),
    ("Refugees are not allowed to work while they wait for a decision.", "Refugees aren't fit to teach."),
    ("The cuts will make disabled students suffer.", "We're going to make those immigrants suffer."),
    ("The government will get a kicking at the polls.", "Any of them who come here will get a beating."),
    ("Cuts to services for trans people are a disgrace.", "Trans people are a disgrace."),
    ("Wheelchair users told us the new ramps are brilliant.", "Wheelchair users are pathetic."),
    ("Women belong in every boardroom.", "Women belong in the kitchen, not in parliament."),
]


@pytest.mark.parametrize(("quiet", "fires"), GROUP_PAIRS)
def test_group_hostility_fires_and_its_near_misses_stay_quiet(fired, quiet: str, fires: str) -> None:
    assert "toxicity" not in fired(quiet, "qmul", "personal")
    assert "toxicity" in fired(fires, "qmul", "personal")


@pytest.mark.parametrize(("quiet", "fires"), CONDEMNED_PAIRS + NEGATED_PAIRS + SAYERS_PAIRS)
def test_condemned_or_denied_hate_is_quiet_and_the_hate_itself_fires(fired, quiet: str, fires: str) -> None:
    assert "toxicity" not in fired(quiet, "qmul", "personal")
    assert "toxicity" in fired(fires, "qmul", "personal")
