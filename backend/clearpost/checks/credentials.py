"""credentials: passwords, passcodes, PINs, API keys, tokens and login details.

Known token shapes (Slack, AWS, GitHub, Stripe, JWT, private keys...) come from Yelp's
detect-secrets plugins; natural-language disclosures ("the password is Trustees2024",
"passcode 448812") from a keyword-and-value pattern. Advice about passwords has no value
after the keyword, so it stays quiet.
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Any, ClassVar

from detect_secrets.core.scan import scan_line
from detect_secrets.settings import cache_bust, configure_settings_from_baseline, get_plugins, get_settings

from clearpost.checks.base import CheckContext
from clearpost.findings import Hit
from clearpost.memo import Memo
from clearpost.text import sentence_spans

# detect-secrets plugins for secrets with a recognisable shape. The entropy and keyword
# plugins are left out: on prose they flag ordinary words.
_PLUGINS = [
    "ArtifactoryDetector", "AWSKeyDetector", "AzureStorageKeyDetector", "BasicAuthDetector",
    "CloudantDetector", "DiscordBotTokenDetector", "GitHubTokenDetector", "GitLabTokenDetector",
    "IbmCloudIamDetector", "IbmCosHmacDetector", "JwtTokenDetector", "MailchimpDetector", "NpmDetector",
    "OpenAIDetector", "PrivateKeyDetector", "PypiTokenDetector", "SendGridDetector", "SlackDetector",
    "SoftlayerDetector", "SquareOAuthDetector", "StripeDetector", "TelegramBotTokenDetector", "TwilioKeyDetector",
]
_SETTINGS = {"plugins_used": [{"name": name} for name in _PLUGINS]}
_PLUGIN_NAMES = set(_PLUGINS)

_KEYWORD = (
    r"(?:wi-?fi\s+)?(?:password|passwd|pwd|pass|passcode|pass\s+code|passphrase|pin|pin\s+code|"
    r"door\s+code|access\s+code|entry\s+code|meeting\s+code|login|log-in|username|user\s+name|"
    r"api[\s_-]?key|secret[\s_-]?key|access[\s_-]?key|auth[\s_-]?token|access[\s_-]?token|token|secret)"
)
# keyword, optionally "for X" or "to the Y", then is/:/=, then a value that looks like a secret:
# it has a digit or a symbol, or mixed case, and is not an ordinary word.
_DISCLOSURE = re.compile(
    r"(?i)\b" + _KEYWORD + r"(?:\s+(?:for|to|of|on)\s+[^.,;:!?\n]{1,40}?)?"
    r"\s*(?:\bis\b|\bare\b|:|=|-|\u2013|\bwill\s+be\b)?\s*['\"]?"
    r"(?P<value>(?=[^\s'\"]*[0-9!#$%^&*_+=~?])(?-i:[A-Za-z0-9!#$%^&*_+=~?.@/-]{4,64}))(?<![.,])"
)
_NOT_A_SECRET = re.compile(r"(?i)^(?:\d{1,2}(?:am|pm)|(?:19|20)\d{2}s?|\d+(?:st|nd|rd|th)|\d+%|https?://\S+|[0-9]{1,3})$")


def _looks_secret(value: str) -> bool:
    """A digit, or a symbol inside the word: "rate!" is punctuation, "Tr@ining" is a password."""
    return len(value) >= 4 and (any(c.isdigit() for c in value) or re.search(r"[!#$%^&*_+=~?@]", value) is not None)


class CredentialsCheck:
    category: ClassVar[str] = "credentials"

    def __init__(self) -> None:
        # detect-secrets' answer per sentence: while someone types, only the sentence being typed is scanned again.
        self._memo: Memo[tuple[tuple[str, int, int], ...]] = Memo("secrets by sentence")

    def analyze(self, ctx: CheckContext) -> list[Hit]:
        text = ctx.text
        hits: list[Hit] = []
        for m in _DISCLOSURE.finditer(text):
            value = m.group("value").rstrip("!?.,;:")
            if _NOT_A_SECRET.match(value) or ("@" in value and "." in value.split("@")[-1]) or not _looks_secret(value):
                continue
            hits.append(Hit(self.category, "A password, passcode or login detail", m.start("value"), m.end("value")))
        # Sentence by sentence: detect-secrets reads a line alone, and no token it knows holds a
        # sentence end (punctuation then white space) or a line break.
        spans = list(sentence_spans(text))
        found = self._memo.get_all([text[s:e] for s, e in spans], _secrets_in)
        for (s, _), secrets in zip(spans, found, strict=True):
            for kind, at, length in secrets:
                start = s + at if at >= 0 else None
                hits.append(Hit(self.category, f"A secret token ({kind})", start, start + length if start is not None else None))
        return hits

    def forget(self, *, words: bool = True) -> None:
        self._memo.clear()


def _secrets_in(pieces: list[Any]) -> list[tuple[tuple[str, int, int], ...]]:
    """detect-secrets on each sentence: (type, offset or -1, length) of each secret."""
    shapes = _any_of(_use_our_plugins())
    out: list[tuple[tuple[str, int, int], ...]] = []
    for piece in pieces:
        # Every plugin used is regex-based: it reports only what one of its patterns finds. A
        # sentence none of them matches is answered without detect-secrets' per-line machinery
        # (its filters, context and argument injection), which costs ten times the patterns.
        if shapes.search(piece) is None:
            out.append(())
            continue
        found = []
        for secret in scan_line(piece):
            value = secret.secret_value or ""
            found.append((secret.type, piece.find(value) if value else -1, len(value)))
        out.append(tuple(found))
    return out


_SETTINGS_LOCK = threading.Lock()
_SCOPED_FLAGS = ((re.IGNORECASE, "i"), (re.MULTILINE, "m"), (re.DOTALL, "s"), (re.VERBOSE, "x"))


@functools.lru_cache(maxsize=4)
def _any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern that matches where any of `patterns` does, each alternative with its own flags:
    one search a sentence instead of one per pattern. (None of detect-secrets' patterns refers
    back to a numbered group, which joining them would renumber.)"""
    def scoped(p: re.Pattern[str]) -> str:
        flags = "".join(letter for flag, letter in _SCOPED_FLAGS if p.flags & flag)
        return f"(?{flags}:{p.pattern})"

    return re.compile("|".join(scoped(p) for p in patterns))


def _use_our_plugins() -> tuple[re.Pattern[str], ...]:
    """detect-secrets keeps its settings in one global; Clearpost is its only user in the process,
    so our plugins are set once and left set. Setting them around each call (transient_settings)
    costs 2.4 ms, nine scans' worth. Set again if anything else changed them. Returns the
    plugins' patterns (`RegexBasedDetector.denylist`)."""
    with _SETTINGS_LOCK:
        if set(get_settings().plugins) != _PLUGIN_NAMES:
            cache_bust()
            configure_settings_from_baseline(_SETTINGS)
        return tuple(pattern for plugin in get_plugins() for pattern in plugin.denylist)
