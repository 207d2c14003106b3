"""X (Twitter) archive: "Download an archive of your data" gives a zip whose `data/tweets.js`
(`data/tweet.js` in archives before 2022; big archives add `tweets-part1.js`, ...) is JavaScript
assigning an array to `window.YTD.tweets.part0`. Each element is `{"tweet": {...}}` with
`id_str`, `full_text` (HTML-escaped: `&amp;`, `&lt;`, `&gt;`) and `created_at`
("Wed Oct 10 20:19:24 +0000 2018"). `data/account.js` gives the username for links.

A retweet is not the author's words: the archive keeps it as `full_text` beginning "RT @name:"
(and, in some versions, a `retweeted_status`). It is read as kind "retweet", reported apart.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import datetime

from clearpost.audit.jsonstream import ArrayError, iter_array
from clearpost.audit.records import Export, Kind, Problem, Record
from clearpost.errors import InputError

PLATFORM = "x"
TWEET_FILES = ("data/tweets.js", "data/tweet.js")
_PART_FILES = re.compile(r"(?:^|/)data/tweets?-part\d+\.js$")
_PREFIX = re.compile(r"\s*window\.YTD\.tweets?\.part\d+\s*=\s*\[")
_ACCOUNT_PREFIX = re.compile(r"\s*window\.YTD\.account\.part\d+\s*=\s*")
_RETWEET = re.compile(r"^RT @\w{1,15}:")
EXPECTED = "JavaScript that begins `window.YTD.tweets.part0 = [` (the X archive's data/tweets.js)"


def detect(export: Export) -> list[str]:
    """The archive's tweet files, or [] when this is not an X archive."""
    files = export.find(*TWEET_FILES)
    files += [n for n in export.names if _PART_FILES.search(n)]
    if not files and len(export.names) == 1 and export.names[0] in ("tweets.js", "tweet.js"):
        files = export.names
    return sorted(set(files))


def _username(export: Export) -> str | None:
    names = export.find("data/account.js")
    if not names:
        return None
    with export.open_text(names[0]) as f:
        text = f.read(1 << 20)
    m = _ACCOUNT_PREFIX.match(text)
    if not m:
        return None
    try:
        accounts = json.loads(text[m.end():].strip().rstrip(";"))
        name = accounts[0]["account"]["username"]
    except (json.JSONDecodeError, LookupError, TypeError):
        return None
    return name if isinstance(name, str) and re.fullmatch(r"\w{1,15}", name) else None


def read(export: Export, files: list[str]) -> Iterator[Record | Problem]:
    username = _username(export)
    for name in files:
        label = export.label(name)
        with export.open_text(name) as stream:
            try:
                for index, line, item in iter_array(stream, prefix=_PREFIX):
                    where = f"record {index} (line {line})"
                    if isinstance(item, json.JSONDecodeError):
                        yield Problem(label, where, f"not valid JSON ({item.msg}); skipped")
                        continue
                    yield _record(item, name, where, label, username)
            except ArrayError as exc:
                raise InputError(f"{label}: {exc}: expected {EXPECTED}") from None


def _record(item: object, name: str, where: str, label: str, username: str | None) -> Record | Problem:
    tweet = item.get("tweet", item) if isinstance(item, dict) else None
    if not isinstance(tweet, dict):
        return Problem(label, where, "not a tweet object; skipped")
    tweet_id = tweet.get("id_str") or tweet.get("id")
    text = tweet.get("full_text", tweet.get("text"))
    created = tweet.get("created_at")
    if not isinstance(tweet_id, str) or not tweet_id.isdigit():
        return Problem(label, where, "no id_str; skipped")
    if not isinstance(text, str):
        return Problem(label, where + f", tweet {tweet_id}", "no full_text; skipped")
    try:
        date = datetime.strptime(created, "%a %b %d %H:%M:%S %z %Y") if isinstance(created, str) else None
    except ValueError:
        return Problem(label, where + f", tweet {tweet_id}", "created_at is not a date like 'Wed Oct 10 20:19:24 +0000 2018'; skipped")
    if date is None:
        return Problem(label, where + f", tweet {tweet_id}", "no created_at; skipped")
    kind: Kind = "retweet" if "retweeted_status" in tweet or _RETWEET.match(text) else "post"
    who = username or "i/web"
    return Record(PLATFORM, tweet_id, f"https://x.com/{who}/status/{tweet_id}", date, html.unescape(text), kind, name)
