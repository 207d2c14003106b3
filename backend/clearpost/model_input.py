"""How text is prepared for the toxicity model, shared by training and run time.

This module depends on nothing but `re`, so `models/train_toxicity.py` loads it by path and
the model is trained on exactly the text it will later be shown.
"""

from __future__ import annotations

import hashlib
import re

# TweetEval anonymises every mention as "@user" and drops links; show the model the same.
_MENTION = re.compile(r"(?<![\w@])@\w{1,50}")
_URL = re.compile(r"(?i)\b(?:https?://|www\.)\S+")
_SPACES = re.compile(r"\s+")

# Tokens per chunk the model scores at run time; tweets are nearly always shorter.
MAX_TOKENS = 128
# Tokens per example in training (TweetEval tweets fit).
TRAIN_MAX_TOKENS = 64


def normalise(text: str) -> str:
    text = _MENTION.sub("@user", text)
    text = _URL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def in_toxigen_val(text: str) -> bool:
    """ToxiGen's validation fifth, by a hash of the statement: never trained on, scored by `make eval`."""
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16) % 5 == 0
