"""The draft post to check, validated at the boundary."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from clearpost.errors import InputError

MAX_CHARS = 20_000
ACCOUNT_TYPES = ("official", "personal")
PLATFORMS = ("x", "linkedin", "instagram")
ATTACHMENT_KINDS = ("image", "video")

# Tab, newline and carriage return are ordinary in posts; other C0/C1 controls are not text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Draft:
    text: str
    account: str = "personal"
    platform: str = "x"
    attachments: tuple[str, ...] = field(default_factory=tuple)
    profile_disclaimer: bool = False

    def __post_init__(self) -> None:
        validate_text(self.text)
        if self.account not in ACCOUNT_TYPES:
            raise InputError(f"account must be one of {', '.join(ACCOUNT_TYPES)}, not {self.account!r}")
        if self.platform not in PLATFORMS:
            raise InputError(f"platform must be one of {', '.join(PLATFORMS)}, not {self.platform!r}")
        for kind in self.attachments:
            if kind not in ATTACHMENT_KINDS:
                raise InputError(f"attachment kind must be one of {', '.join(ATTACHMENT_KINDS)}, not {kind!r}")


def validate_text(text: object) -> None:
    """Reject what cannot be a post. Messages describe the problem, never the text."""
    if not isinstance(text, str):
        raise InputError("text must be a string")
    if not text.strip():
        raise InputError("the post is empty: give the text to check")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"the post is {len(text):,} characters; Clearpost checks at most {MAX_CHARS:,}. "
            "Split it into shorter posts."
        )
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"the post contains an invalid character (a lone surrogate) at offset {exc.start}; remove it and try again") from None
    bad = _CONTROL.search(text)
    if bad:
        name = unicodedata.name(bad.group(), f"U+{ord(bad.group()):04X}")
        raise InputError(
            f"the post contains a control character ({name}) at offset {bad.start()}; "
            "remove it and try again"
        )
