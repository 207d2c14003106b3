"""Writes a big X archive in the real format (`data/tweets.js`, `data/account.js`) for the
benchmark: tweet-length posts built from everyday sentences of a research organisation's account,
about one in twelve breaching (a phone number, a password, an insult, swearing), one in ten a
retweet. Streamed into the zip, so a big archive costs no memory to make."""

from __future__ import annotations

import json
import random
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

_OPENERS = [
    "Huge thanks to everyone who came to our seminar on malaria vaccine trials today.",
    "New paper out in The Lancet: what five years of community health data tell us about TB.",
    "Applications for our MSc scholarships close on Friday; details on the website.",
    "Our team is in Geneva this week for the World Health Assembly.",
    "Great turnout at the public lecture on antimicrobial resistance last night.",
    "We are hiring a research fellow in health economics, closing date 14 March.",
    "Join us online at 1pm for a panel on climate and health with partners from Kenya.",
    "Congratulations to the graduating class of 2023, we are so proud of you all.",
    "The library will be closed on Monday for the bank holiday.",
    "Read the blog: three lessons from running a cluster randomised trial in a pandemic.",
]
_CLOSERS = ["#GlobalHealth", "Slides and recording to follow.", "More: https://t.co/AbCdEf1234", "Thread below.", "", "Please share."]
_BREACHES = [
    "Any questions, call Sam on 07700 900{n:03d}.",
    "Shared drive password is Tr0pic4l-{n:04d}!",
    "Honestly the reviewer is a useless idiot.",
    "What a shit week for the grant office.",
]
_RETWEET_HANDLES = ["WHO", "NIHRresearch", "wellcometrust", "TheLancet"]


def tweet_texts(n: int, seed: int = 14) -> list[tuple[str, bool]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        text = rng.choice(_OPENERS) + " " + rng.choice(_CLOSERS)
        if i % 12 == 5:
            text = rng.choice(_OPENERS) + " " + rng.choice(_BREACHES).format(n=i % 1000)
        retweet = i % 10 == 3
        if retweet:
            text = f"RT @{rng.choice(_RETWEET_HANDLES)}: " + text
        out.append((text.strip()[:280].replace("&", "&amp;"), retweet))
    return out


def write_x_archive(path: Path, n: int, *, username: str = "clearpost_bench", seed: int = 14) -> Path:
    rng = random.Random(seed)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    step = (datetime(2026, 1, 1, tzinfo=UTC) - start) / max(n, 1)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("data/account.js", "window.YTD.account.part0 = " + json.dumps(
            [{"account": {"email": "comms@example.org", "createdVia": "web", "username": username, "accountId": "90210",
                          "createdAt": "2012-03-01T10:00:00.000Z", "accountDisplayName": "Bench Account"}}], indent=2))
        with z.open("data/tweets.js", "w") as raw:
            raw.write(b"window.YTD.tweets.part0 = [ ")
            for i, (text, _) in enumerate(tweet_texts(n, seed)):
                when = start + step * i + timedelta(seconds=rng.randrange(3600))
                tweet_id = str(550000000000000000 + i * 104729)
                tweet = {"tweet": {
                    "edit_info": {"initial": {"editTweetIds": [tweet_id], "editableUntil": when.isoformat(), "editsRemaining": "5", "isEditEligible": True}},
                    "retweeted": False, "source": '<a href="https://mobile.twitter.com" rel="nofollow">Twitter Web App</a>',
                    "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
                    "display_text_range": ["0", str(len(text))], "favorite_count": str(rng.randrange(40)),
                    "id_str": tweet_id, "truncated": False, "retweet_count": str(rng.randrange(10)), "id": tweet_id,
                    "created_at": when.strftime("%a %b %d %H:%M:%S +0000 %Y"), "favorited": False, "full_text": text, "lang": "en",
                }}
                raw.write(((",\n  " if i else "\n  ") + json.dumps(tweet, indent=2).replace("\n", "\n  ")).encode())
            raw.write(b"\n]")
    return path
